using System;
using System.Net;
using System.Net.Http;
using YotiIdv.Http;

namespace YotiIdv.Tests.Http;

public class YotiIdTests
{
    [Theory]
    [InlineData("8f3c2b1a-5d4e-4f60-9a7b-1c2d3e4f5a6b", "8f3c2b1a-5d4e-4f60-9a7b-1c2d3e4f5a6b")]
    [InlineData("  8F3C2B1A-5D4E-4F60-9A7B-1C2D3E4F5A6B\t", "8F3C2B1A-5D4E-4F60-9A7B-1C2D3E4F5A6B")]
    [InlineData("session_1", "session_1")]
    public void AcceptsUuidsAndSafeIds(string input, string expected) =>
        Assert.Equal(expected, YotiId.Normalize(input, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../sessions")]
    [InlineData("abc/def")]
    [InlineData("abc\\def")]
    [InlineData("abc?sdkId=x")]
    [InlineData("abc#x")]
    [InlineData("abc%2F..")]
    [InlineData("abc&nonce=1")]
    [InlineData("a b")]
    [InlineData("..")]
    [InlineData("abc\u0000")]
    [InlineData("abc\r\nX-Header: 1")]
    [InlineData("ab\u00e9")]
    public void RefusesAnythingThatCouldChangeThePathOrQuery(string? input)
    {
        Assert.Null(YotiId.Normalize(input, out string? reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void RefusesOverlongIds() => Assert.Null(YotiId.Normalize(new string('a', 129), out _));

    [Fact]
    public void DisplayFormHidesControlCharacters() => Assert.Equal("a?b", YotiId.ForDisplay("a\nb"));
}

public class RedactionTests
{
    [Fact]
    public void RemovesDigestNoncePemTokensAndApiKeys()
    {
        string text = "GET /idverify/v1/sessions/x?sdkId=s&nonce=0d9c8b7a-6f5e&timestamp=1 X-Yoti-Auth-Digest: abc+/def== "
            + "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- "
            + "{\"client_session_token\":\"tok-123\",\"api_key\":\"ak-456\"} Authorization: Bearer eyJ.x.y";
        string redacted = Redaction.Redact(text);
        foreach (string secret in new[] { "0d9c8b7a-6f5e", "abc+/def==", "MIIEow", "tok-123", "ak-456", "eyJ.x.y" })
        {
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }

        Assert.Contains("sdkId=s", redacted, StringComparison.Ordinal);
        Assert.Contains("timestamp=1", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void BodiesAreShortened() => Assert.True(Redaction.RedactBody(new string('x', 5000))!.Length < 600);
}

public class ConnectionSettingsTests
{
    [Theory]
    [InlineData(null, "https://api.yoti.com/idverify/v1")]
    [InlineData("https://api.yoti.com/sandbox/idverify/v1/", "https://api.yoti.com/sandbox/idverify/v1")]
    [InlineData("http://127.0.0.1:5000/idverify/v1", "http://127.0.0.1:5000/idverify/v1")]
    [InlineData("http://localhost:5000/idverify/v1", "http://localhost:5000/idverify/v1")]
    [InlineData("http://[::1]:5000/idverify/v1", "http://[::1]:5000/idverify/v1")]
    public void AcceptsHttpsAndLoopbackHttp(string? input, string expected) =>
        Assert.Equal(expected, YotiConnection.ParseApiUrl(input).AbsoluteUri);

    [Theory]
    [InlineData("http://api.yoti.com/idverify/v1")]
    [InlineData("http://10.0.0.5/idverify/v1")]
    [InlineData("ftp://api.yoti.com/")]
    [InlineData("api.yoti.com/idverify/v1")]
    [InlineData("https://api.yoti.com/idverify/v1?x=1")]
    [InlineData("https://user:pw@api.yoti.com/idverify/v1")]
    public void RefusesPlainHttpToRemoteHostsAndOddUrls(string input) =>
        Assert.Throws<ArgumentException>(() => YotiConnection.ParseApiUrl(input));

    [Fact]
    public void ErrorBodiesAreReadLiberally()
    {
        Assert.Equal(("PAYLOAD_VALIDATION", "There were errors; sdk_config.locale \"must not be blank\""),
            YotiApiClient.ParseErrorBody("{\"code\":\"PAYLOAD_VALIDATION\",\"message\":\"There were errors\",\"errors\":[{\"property\":\"sdk_config.locale\",\"message\":\"must not be blank\"}]}"));
        Assert.Equal(("MALFORMED_REQUEST", "\"bad\""), YotiApiClient.ParseErrorBody("{\"code\":\"MALFORMED_REQUEST\",\"errors\":[{\"message\":\"bad\"}]}"));
        Assert.Equal((null, null), YotiApiClient.ParseErrorBody("<html><body>502 Bad Gateway</body></html>"));
        Assert.Equal((null, null), YotiApiClient.ParseErrorBody("[1,2]"));
        Assert.Equal((null, null), YotiApiClient.ParseErrorBody(null));
    }

    [Theory]
    [InlineData("1e300", 7.0)]
    [InlineData("99999999999999999999", 7.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("-5", 0.0)]
    [InlineData("-1e300", 0.0)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 7.0)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0.0)]
    [InlineData("NaN", null)]
    [InlineData("soon", null)]
    [InlineData("", null)]
    public void AnyRetryAfterGivesACappedDelayNeverAnException(string value, double? expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", value);
        var options = new YotiRequestOptions { RetryMaxDelay = TimeSpan.FromSeconds(7) };
        TimeSpan? delay = RetryPolicy.ParseRetryAfter(response, options);
        Assert.Equal(expectedSeconds, delay?.TotalSeconds);
        Assert.InRange(RetryPolicy.DelayFor(1, delay, options).TotalSeconds, 0, 7);
    }

    [Fact]
    public void AnErrorBodyCutAtTheLimitStillGivesItsCodeAndFirstErrors()
    {
        string cut = "{\"code\":\"PAYLOAD_VALIDATION\",\"message\":\"Bad\",\"errors\":[{\"property\":\"a\",\"message\":\"x\"},{\"property\":\"b\",\"mess";
        Assert.Equal(("PAYLOAD_VALIDATION", "Bad; a \"x\"; b \"…\""), YotiApiClient.ParseErrorBody(cut));
    }

    [Fact]
    public void RetryAfterIsReadAsSecondsOrDateAndBackoffIsCapped()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "3");
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.ParseRetryAfter(seconds, new YotiRequestOptions()));

        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
        TimeSpan? wait = RetryPolicy.ParseRetryAfter(date, new YotiRequestOptions());
        Assert.InRange(wait!.Value.TotalSeconds, 20, 31);

        var options = new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) };
        for (int attempt = 1; attempt < 12; attempt++)
        {
            TimeSpan delay = RetryPolicy.Backoff(attempt, options);
            Assert.InRange(delay.TotalMilliseconds, 0, 1000);
        }

        Assert.InRange(RetryPolicy.Backoff(1, options).TotalMilliseconds, 50, 100);
        Assert.Equal(options.RetryMaxDelay, RetryPolicy.DelayFor(1, TimeSpan.FromHours(1), options));
        Assert.True(RetryPolicy.IsTransientStatus(503) && RetryPolicy.IsTransientStatus(429) && !RetryPolicy.IsTransientStatus(404) && !RetryPolicy.IsTransientStatus(500));
    }
}

public class MediaContentClientTests
{
    [Fact]
    public async System.Threading.Tasks.Task DownloadsBytesAndContentTypeAndMaps204ToNull()
    {
        using var emulator = YotiIdv.Emulator.YotiIdvEmulator.Start(new YotiIdv.Emulator.YotiIdvEmulatorOptions { DataPath = YotiIdv.Tests.Support.TestPaths.SampleData });
        emulator.AddMedia("media-204", null, null);
        emulator.AddMedia("media-png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 }, "image/png; charset=binary");
        emulator.AddSession("{\"session_id\":\"s1\",\"state\":\"COMPLETED\",\"x\":[\"media-204\",\"media-png\"]}");
        using YotiConnection connection = YotiConnection.FromKeyFile(YotiIdv.Tests.Support.TestPaths.TestSdkId, YotiIdv.Tests.Support.TestPaths.PrivateKeyPath, emulator.BaseUri.AbsoluteUri);
        var client = new YotiApiClient(connection);

        YotiIdv.Model.YotiMediaContent? png = await client.GetMediaContentAsync("s1", "media-png", default);
        Assert.NotNull(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 }, png!.Content);
        Assert.Equal("image/png", png.MediaType);
        Assert.Equal("image/png; charset=binary", png.ContentType);
        Assert.StartsWith("data:image/png;base64,", png.ToDataUri(), StringComparison.Ordinal);
        Assert.Null(await client.GetMediaContentAsync("s1", "media-204", default));
        var missing = await Assert.ThrowsAsync<YotiApiException>(() => client.GetMediaContentAsync("s1", "nope", default));
        Assert.Equal(YotiFailureKind.NotFound, missing.Kind);
        Assert.Equal("/sessions/s1/media/nope/content", missing.RequestPath);
    }
}

public class BaseUrlWithoutPathTests
{
    [Fact]
    public async System.Threading.Tasks.Task ABaseUrlWithNoPathSignsAndSendsSingleSlashPaths()
    {
        using var emulator = YotiIdv.Emulator.YotiIdvEmulator.Start(new YotiIdv.Emulator.YotiIdvEmulatorOptions
        {
            DataPath = YotiIdv.Tests.Support.TestPaths.SampleData,
            BasePath = string.Empty,
        });
        string root = "http://127.0.0.1:" + emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string apiUrl in new[] { root, root + "/" })
        {
            using YotiConnection connection = YotiConnection.FromKeyFile(YotiIdv.Tests.Support.TestPaths.TestSdkId, YotiIdv.Tests.Support.TestPaths.PrivateKeyPath, apiUrl);
            var session = await new YotiApiClient(connection).GetSessionAsync(YotiIdv.Tests.Support.TestPaths.SeedSessionId, default);
            Assert.Equal(YotiIdv.Tests.Support.TestPaths.SeedSessionId, session.SessionId);
        }
    }
}
