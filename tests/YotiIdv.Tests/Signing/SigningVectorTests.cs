using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using YotiIdv.Signing;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Signing;

/// <summary>The digests must equal shared/fixtures/extra/signing/signing-test-vectors.json byte for byte.</summary>
public class SigningVectorTests
{
    public static IEnumerable<object[]> Vectors()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestPaths.Signing("signing-test-vectors.json")));
        foreach (JsonElement vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            foreach (string keyFile in new[] { "test-key-pkcs1.pem", "test-key-pkcs8.pem" })
            {
                yield return new object[] { vector.GetProperty("name").GetString()!, keyFile };
            }
        }
    }

    private static JsonElement Vector(string name)
    {
        JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestPaths.Signing("signing-test-vectors.json")));
        foreach (JsonElement vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            if (vector.GetProperty("name").GetString() == name)
            {
                return vector.Clone();
            }
        }

        throw new InvalidOperationException("No vector " + name);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void StringToSignAndDigestMatchTheVector(string name, string keyFile)
    {
        JsonElement vector = Vector(name);
        string method = vector.GetProperty("method").GetString()!;
        string endpoint = vector.GetProperty("endpoint").GetString()!;
        string query = vector.GetProperty("query_string_in_order").GetString()!;
        string? bodyBase64 = vector.GetProperty("body_base64").ValueKind == JsonValueKind.String ? vector.GetProperty("body_base64").GetString() : null;
        byte[]? body = bodyBase64 is null ? null : Convert.FromBase64String(bodyBase64);

        string stringToSign = YotiRequestSigner.BuildStringToSign(method, endpoint + "?" + query, body);
        Assert.Equal(vector.GetProperty("string_to_sign").GetString(), stringToSign);

        using YotiRequestSigner signer = YotiRequestSigner.FromPem(File.ReadAllText(TestPaths.Signing(keyFile)));
        Assert.Equal(vector.GetProperty("expected_x_yoti_auth_digest").GetString(), signer.Sign(stringToSign));
    }

    [Fact]
    public void AuthQueryHasSdkIdNonceTimestampInTheNodeSdkOrder()
    {
        JsonElement vector = Vector("get-session");
        JsonElement query = vector.GetProperty("query");
        string built = YotiRequestSigner.BuildAuthQuery(query.GetProperty("sdkId").GetString()!, query.GetProperty("nonce").GetString()!,
            long.Parse(query.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(vector.GetProperty("query_string_in_order").GetString(), built);
    }

    [Fact]
    public void BodyIsAppendedAsStandardBase64()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"a\":\"\u00e9>?\"}");
        string text = YotiRequestSigner.BuildStringToSign("post", "/sessions?x=1", body);
        Assert.Equal("POST&/sessions?x=1&" + Convert.ToBase64String(body), text);
        Assert.Equal("GET&/sessions?x=1", YotiRequestSigner.BuildStringToSign("GET", "/sessions?x=1", Array.Empty<byte>()));
    }

    [Fact]
    public void VerifierAcceptsOwnSignatureAndRejectsTamperedOnes()
    {
        using YotiRequestSigner signer = YotiRequestSigner.FromPem(File.ReadAllText(TestPaths.Signing("test-key-pkcs1.pem")));
        using YotiSignatureVerifier verifier = YotiSignatureVerifier.FromPem(File.ReadAllText(TestPaths.Signing("test-key-public.pem")));
        string digest = signer.Sign("GET&/sessions/a?sdkId=b&nonce=c&timestamp=1");
        Assert.True(verifier.Verify("GET&/sessions/a?sdkId=b&nonce=c&timestamp=1", digest));
        Assert.False(verifier.Verify("GET&/sessions/a?sdkId=b&nonce=d&timestamp=1", digest));
        Assert.False(verifier.Verify("GET&/sessions/a?sdkId=b&nonce=c&timestamp=1", "not base64!"));
        Assert.False(verifier.Verify("GET&/sessions/a?sdkId=b&nonce=c&timestamp=1", null));
    }
}
