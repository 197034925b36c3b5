using System;
using System.IO;
using System.Text;
using YotiIdv.Proof;

namespace YotiIdv.Emulator;

/// <summary>
/// TEST-ONLY: signs the emulator's sample identity profile reports as Yoti does (spec 5.5: Ed25519 JWS with a
/// detached RFC 8785 payload, proof.public_key_url on the emulator's own origin) and serves the public key set
/// at <c>{base}/keys/{kid}</c>, unauthenticated. The key is keys/test-only-report-signing-key.jwk of the data
/// folder: it is public, so what it signs proves nothing outside tests.
/// </summary>
internal sealed class EmulatorReportSigner
{
    public const string KeyFileName = "test-only-report-signing-key.jwk";
    private const string KeysSegment = "/keys/";

    private readonly byte[] _privateKey;
    private readonly byte[] _keySet;

    private EmulatorReportSigner(string keyId, byte[] privateKey, string publicKey)
    {
        KeyId = keyId;
        _privateKey = privateKey;
        _keySet = Encoding.UTF8.GetBytes("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + keyId + "\",\"alg\":\"EdDSA\",\"use\":\"sig\",\"x\":\"" + publicKey + "\"}]}");
    }

    public string KeyId { get; }

    /// <summary>The signer of a private JWK (kty OKP, crv Ed25519, kid, d, x); null when there is none.</summary>
    public static EmulatorReportSigner? FromJwk(string? jwk)
    {
        if (jwk is null)
        {
            return null;
        }

        var key = JsonCanonicalizer.Parse(Encoding.UTF8.GetBytes(jwk)) as JcsObject
            ?? throw new InvalidDataException(KeyFileName + " is not a JSON object.");
        string kid = key.GetString("kid") ?? throw new InvalidDataException(KeyFileName + " has no kid.");
        byte[] d = Base64Url.TryDecode(key.GetString("d")) is { Length: 32 } seed ? seed : throw new InvalidDataException(KeyFileName + " has no 32-byte Ed25519 private key (d).");
        if (kid.Length == 0 || kid.IndexOfAny(new[] { '/', '"', '\\', '?', '#' }) >= 0)
        {
            throw new InvalidDataException(KeyFileName + " has a kid that cannot be a URL segment.");
        }

        // The public key is taken from x, not derived, so that starting the emulator does not load BouncyCastle.
        string x = Base64Url.TryDecode(key.GetString("x")) is { Length: 32 } ? key.GetString("x")! : throw new InvalidDataException(KeyFileName + " has no 32-byte Ed25519 public key (x).");
        return new EmulatorReportSigner(kid, d, x);
    }

    /// <summary>The key set response for <c>GET {base}/keys/{kid}</c>, or null when the path is not that.</summary>
    public EmulatorHttpResponse? ServeKeySet(string method, string relativePath)
    {
        if (!relativePath.StartsWith(KeysSegment, StringComparison.Ordinal) || (method != "GET" && method != "HEAD"))
        {
            return null;
        }

        return relativePath.Substring(KeysSegment.Length) == KeyId
            ? EmulatorHttpResponse.Json(200, _keySet)
            : EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.NotFound, "No such key set.");
    }

    /// <summary>
    /// The report signed for an emulator at <paramref name="baseUri"/>, indented in its own member order; null when
    /// <paramref name="json"/> is not a JSON object with a proof object (other media are served as they are).
    /// </summary>
    public byte[]? TrySign(byte[] json, Uri baseUri)
    {
        JcsObject? root;
        try
        {
            root = JsonCanonicalizer.Parse(json) as JcsObject;
        }
        catch (JcsFormatException)
        {
            return null;
        }

        if (!(root?["proof"] is JcsObject proof))
        {
            return null;
        }

        string header = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"EdDSA\",\"kid\":\"" + KeyId + "\"}"));
        proof["jws"] = new JcsString(string.Empty);
        proof["public_key_url"] = new JcsString(baseUri.AbsoluteUri.TrimEnd('/') + KeysSegment + KeyId);
        byte[] signingInput = Encoding.ASCII.GetBytes(header + "." + Base64Url.Encode(JsonCanonicalizer.Canonicalize(root)));
        proof["jws"] = new JcsString(header + ".." + Base64Url.Encode(Ed25519.Sign(_privateKey, signingInput)));
        return Encoding.UTF8.GetBytes(JsonCanonicalizer.WriteIndented(root));
    }
}
