using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using YotiIdv.Http;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Hostile;

/// <summary>The connected key is redacted in every form a server could echo it; so are client session tokens in free text.</summary>
// It connects the process-wide connection, so it runs apart from the other tests that do (a parallel Disconnect made it flaky).
[Collection(YotiIdv.Tests.Cmdlets.ConnectionStateCollection.Name)]
public sealed class KeyEchoRedactionTests
{
    private static readonly string Pem = File.ReadAllText(TestPaths.PrivateKeyPath);
    private static readonly string Base64 = string.Concat(Pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));

    static KeyEchoRedactionTests() => Redaction.RegisterKey(Pem);

    public static TheoryData<string, string> Echoes() => new TheoryData<string, string>
    {
        { "armoured", "rejected: " + Pem },
        { "lower-case armour", "rejected: -----begin rsa private key-----\n" + Wrap(Base64, 64, "\n") + "\n-----end rsa private key-----" },
        { "base64 alone, one line", "key=" + Base64 + " is not registered" },
        { "base64 alone, wrapped at 64", "key:\n" + Wrap(Base64, 64, "\n") },
        { "base64 alone, wrapped at 76 with CRLF", "key:\r\n" + Wrap(Base64, 76, "\r\n") },
        { "inside JSON escapes", JsonSerializer.Serialize(new { message = "bad key " + Wrap(Base64, 64, "\n") }) },
        { "JSON-escaped slashes and plus", "{\"k\":\"" + Base64.Replace("/", "\\/", StringComparison.Ordinal).Replace("+", "\\u002B", StringComparison.Ordinal) + "\"}" },
        { "base64url", Base64.Replace('+', '-').Replace('/', '_').TrimEnd('=') },
        { "a long part of it", $"partial {Base64.Substring(100, 200)} end" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void TheKeyIsRedactedInEveryForm(string form, string echo)
    {
        string redacted = Redaction.Redact(echo);
        AssertNoKey(redacted, form);
    }

    [Theory]
    [InlineData("session failed: client_session_token=0f6f2c1e-5b1a-4d0b-9c55-7a1f3b2e9d44 expired")]
    [InlineData("client_session_token: \"0f6f2c1e-5b1a-4d0b-9c55-7a1f3b2e9d44\"")]
    [InlineData("{\"message\":\"{\\\"client_session_token\\\":\\\"0f6f2c1e-5b1a-4d0b-9c55-7a1f3b2e9d44\\\"}\"}")]
    [InlineData("the client session token 0f6f2c1e-5b1a-4d0b-9c55-7a1f3b2e9d44 is invalid")]
    [InlineData("GET /sessions/x?client_session_token=0f6f2c1e5b1a4d0b9c557a1f3b2e9d44&a=b")]
    [InlineData("clientSessionToken=0f6f2c1e5b1a4d0b")]
    public void ClientSessionTokensAreRedactedInFreeText(string text)
    {
        string redacted = Redaction.Redact(text);
        Assert.DoesNotContain("0f6f2c1e", redacted, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdinaryTextIsLeftAlone()
    {
        const string Text = "GET /sessions/52098976-42d0-4051-a80f-7fc3438e4d9e -> 200 OK; client_session_token_ttl 600";
        Assert.Equal(Text, Redaction.Redact(Text));
    }

    [Fact]
    public void AServerEchoingTheKeyAndATokenLeavesNeitherInTheErrorRecord()
    {
        string body = JsonSerializer.Serialize(new
        {
            code = "UNAUTHORIZED",
            message = "Key " + Wrap(Base64, 64, "\n") + " rejected for client_session_token=0f6f2c1e-5b1a-4d0b-9c55-7a1f3b2e9d44",
        });
        using var server = new HostileServer(HostileModes.Unauthorized(body));
        using var host = new PowerShellHost();
        var result = host.Run(@"
            Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -MaxRetries 0 -WarningAction SilentlyContinue
            Get-YotiSession 52098976-42d0-4051-a80f-7fc3438e4d9e -Verbose",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", server.BaseUri.AbsoluteUri));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("YotiAuthenticationFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(1, server.Requests);
        var api = (YotiApiException)error.Exception;
        Assert.Equal("req-401", api.RequestId);
        foreach (string text in new[] { error.Exception.Message, error.ErrorDetails.Message, api.YotiMessage!, api.ResponseBody! }.Concat(result.Verbose))
        {
            AssertNoKey(text, "error record");
            Assert.DoesNotContain("0f6f2c1e", text, StringComparison.Ordinal);
        }

        Assert.Contains("REDACTED KEY", api.YotiMessage, StringComparison.Ordinal);
        host.Run("Disconnect-YotiIdv");
    }

    private static string Wrap(string text, int width, string newLine) =>
        string.Join(newLine, Enumerable.Range(0, (text.Length + width - 1) / width).Select(i => text.Substring(i * width, Math.Min(width, text.Length - (i * width)))));

    /// <summary>No 24-character piece of the key survives, however the text is wrapped or escaped.</summary>
    private static void AssertNoKey(string text, string form)
    {
        var normal = new StringBuilder();
        string unescaped = text.Replace("\\n", string.Empty, StringComparison.Ordinal).Replace("\\r", string.Empty, StringComparison.Ordinal)
            .Replace("\\/", "/", StringComparison.Ordinal).Replace("\\u002B", "+", StringComparison.OrdinalIgnoreCase).Replace("\\u002b", "+", StringComparison.Ordinal);
        foreach (char c in unescaped.Where(c => !char.IsWhiteSpace(c)))
        {
            normal.Append(c == '-' ? '+' : c == '_' ? '/' : c);
        }

        string flat = normal.ToString();
        for (int i = 0; i + 24 <= Base64.Length; i += 12)
        {
            Assert.False(flat.Contains(Base64.Substring(i, 24), StringComparison.Ordinal), $"{form}: key text at {i} survived: {text[..Math.Min(200, text.Length)]}");
        }
    }
}
