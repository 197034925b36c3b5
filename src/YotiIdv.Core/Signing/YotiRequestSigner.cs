using System;
using System.Security.Cryptography;
using System.Text;

namespace YotiIdv.Signing;

/// <summary>
/// Signs Yoti requests: RSASSA-PKCS1-v1_5 with SHA-256 over <c>METHOD&amp;path?query[&amp;base64(body)]</c>
/// (spec section 2). The key is parsed once and kept; the digest is never logged.
/// </summary>
public sealed class YotiRequestSigner : IDisposable
{
    private readonly RSA _rsa;

    /// <summary>Takes ownership of <paramref name="rsa"/>.</summary>
    public YotiRequestSigner(RSA rsa)
    {
        _rsa = rsa ?? throw new ArgumentNullException(nameof(rsa));
    }

    /// <summary>Parses a PKCS#1 or PKCS#8 PEM private key.</summary>
    public static YotiRequestSigner FromPem(string pem) => new YotiRequestSigner(PemKeyReader.ReadPrivateKey(pem));

    /// <summary>
    /// The exact string Yoti verifies. <paramref name="pathAndQuery"/> is relative to the base URL
    /// (e.g. <c>/sessions/{id}?sdkId=…&amp;nonce=…&amp;timestamp=…</c>), exactly as sent.
    /// </summary>
    public static string BuildStringToSign(string method, string pathAndQuery, byte[]? body)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        string text = method.ToUpperInvariant() + "&" + pathAndQuery;
        return body is null || body.Length == 0 ? text : text + "&" + Convert.ToBase64String(body);
    }

    /// <summary>The query Yoti expects on every signed request, in the order the Node, Python and PHP SDKs use.</summary>
    public static string BuildAuthQuery(string sdkId, string nonce, long timestampMilliseconds) =>
        "sdkId=" + Uri.EscapeDataString(sdkId) + "&nonce=" + nonce + "&timestamp=" + timestampMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Returns the Base64 signature sent as X-Yoti-Auth-Digest.</summary>
    public string Sign(string stringToSign)
    {
        byte[] data = Encoding.UTF8.GetBytes(stringToSign);
        byte[] signature = _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Convert.ToBase64String(signature);
    }

    public void Dispose() => _rsa.Dispose();
}
