using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using YotiIdv.Emulator;
using YotiIdv.Signing;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

/// <summary>
/// The emulator's verifier rebuilds the signed bytes from the request line as received, with no code of the
/// client's signer: it must accept the fixture vectors (made by Node's crypto) and nothing else.
/// </summary>
public sealed class IndependentVerifierTests
{
    public static IEnumerable<object[]> VectorNames()
    {
        foreach (JsonElement vector in Vectors())
        {
            yield return new object[] { vector.GetProperty("name").GetString()! };
        }
    }

    private static List<JsonElement> Vectors()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestPaths.Signing("signing-test-vectors.json")));
        var list = new List<JsonElement>();
        foreach (JsonElement vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            list.Add(vector.Clone());
        }

        return list;
    }

    private static (string Method, string Target, byte[] Body, string StringToSign, string Digest) Vector(string name)
    {
        foreach (JsonElement v in Vectors())
        {
            if (v.GetProperty("name").GetString() != name)
            {
                continue;
            }

            // The raw request target after the base path, cut from the URL text (never re-parsed or normalised).
            string url = v.GetProperty("request_url").GetString()!;
            string target = url.Substring("https://api.yoti.com/idverify/v1".Length);
            byte[] body = v.GetProperty("body_base64").ValueKind == JsonValueKind.String ? Convert.FromBase64String(v.GetProperty("body_base64").GetString()!) : Array.Empty<byte>();
            return (v.GetProperty("method").GetString()!, target, body, v.GetProperty("string_to_sign").GetString()!, v.GetProperty("expected_x_yoti_auth_digest").GetString()!);
        }

        throw new InvalidOperationException("No vector " + name);
    }

    private static RequestAuthenticator Authenticator() =>
        new RequestAuthenticator(PemKeyReader.ReadPublicKey(File.ReadAllText(TestPaths.PublicKeyPath)), TestPaths.TestSdkId, TimeSpan.FromMinutes(5));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void RebuildsTheVectorsStringToSignFromTheRequestLine(string name)
    {
        var v = Vector(name);
        Assert.Equal(v.StringToSign, Encoding.UTF8.GetString(RequestAuthenticator.SignedBytes(v.Method, v.Target, v.Body)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void AcceptsTheVectorsDigestAndNothingChanged(string name)
    {
        var v = Vector(name);
        using RequestAuthenticator authenticator = Authenticator();
        Assert.True(authenticator.IsSignatureValid(v.Method, v.Target, v.Body, v.Digest));

        // Each part of the request is covered: method (case included), path, query order and bytes, body.
        Assert.False(authenticator.IsSignatureValid(v.Method.ToLowerInvariant(), v.Target, v.Body, v.Digest));
        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target.Replace("/s", "/S", StringComparison.Ordinal), v.Body, v.Digest));
        Assert.False(authenticator.IsSignatureValid(v.Method, "/idverify/v1" + v.Target, v.Body, v.Digest));
        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target + "&", v.Body, v.Digest));
        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target.Replace("-", "%2D", StringComparison.Ordinal), v.Body, v.Digest));
        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target, new byte[] { (byte)'x' }, v.Digest));
        if (v.Body.Length > 0)
        {
            Assert.False(authenticator.IsSignatureValid(v.Method, v.Target, Array.Empty<byte>(), v.Digest));
        }

        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target, v.Body, "not base64!"));
        Assert.False(authenticator.IsSignatureValid(v.Method, v.Target, v.Body, v.Digest.Substring(4)));
    }

    [Fact]
    public void QueryParametersInAnotherOrderThanSignedAreRejected()
    {
        var v = Vector("get-session");
        int query = v.Target.IndexOf('?', StringComparison.Ordinal);
        string[] parameters = v.Target.Substring(query + 1).Split('&');
        Array.Reverse(parameters);
        string reordered = string.Concat(v.Target.AsSpan(0, query + 1), string.Join("&", parameters));
        using RequestAuthenticator authenticator = Authenticator();
        Assert.False(authenticator.IsSignatureValid(v.Method, reordered, v.Body, v.Digest));
    }

    /// <summary>Over the wire: the vectors' raw request lines and digests pass the emulator's authentication.</summary>
    [Theory]
    [InlineData("get-session", "404 ", "SESSION_NOT_FOUND")]
    [InlineData("get-media-content", "404 ", "SESSION_NOT_FOUND")]
    [InlineData("delete-session", "404 ", "SESSION_NOT_FOUND")]
    [InlineData("post-create-session", "404 ", "\"NOT_FOUND\"")]
    public async Task TheVectorsRequestLinesAuthenticateOverTheWire(string name, string status, string code)
    {
        var v = Vector(name);
        using var emulator = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions
        {
            SdkId = TestPaths.TestSdkId,
            PublicKeyPem = File.ReadAllText(TestPaths.PublicKeyPath),
            TimestampTolerance = TimeSpan.FromDays(365 * 50), // the vectors' timestamps are from 2024
        });

        string answer = await SendRawAsync(emulator, v.Method, "/idverify/v1" + v.Target, v.Digest, v.Body);
        Assert.StartsWith("HTTP/1.1 " + status, answer, StringComparison.Ordinal);
        Assert.Contains(code, answer, StringComparison.Ordinal);

        // The same request line with one parameter moved is refused: the emulator checks what it received.
        string spoiled = await SendRawAsync(emulator, v.Method, "/idverify/v1" + v.Target.Replace("?sdkId=", "?x=1&sdkId=", StringComparison.Ordinal), v.Digest, v.Body);
        Assert.StartsWith("HTTP/1.1 401 ", spoiled, StringComparison.Ordinal);
        Assert.Contains("INVALID_SIGNATURE", spoiled, StringComparison.Ordinal);
    }

    [Fact]
    public void SharesNoCodeWithTheClientsSigner()
    {
        string source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "YotiIdv.Core", "Emulator", "RequestAuthenticator.cs"));
        Assert.DoesNotContain("YotiRequestSigner.", source, StringComparison.Ordinal);
        Assert.DoesNotContain("YotiSignatureVerifier", source, StringComparison.Ordinal);
        Assert.DoesNotContain("using YotiIdv.Signing", source, StringComparison.Ordinal);
    }

    /// <summary>Writes one HTTP/1.1 request byte for byte and returns the whole answer.</summary>
    private static async Task<string> SendRawAsync(YotiIdvEmulator emulator, string method, string target, string digest, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", emulator.Port);
        NetworkStream stream = client.GetStream();
        string head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yoti-Auth-Digest: " + digest + "\r\nConnection: close\r\n"
            + (body.Length > 0 ? "Content-Type: application/json\r\nContent-Length: " + body.Length + "\r\n" : string.Empty) + "\r\n";
        byte[] headBytes = Encoding.ASCII.GetBytes(head);
        await stream.WriteAsync(headBytes);
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
