using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using YotiIdv.Http;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The request descriptors, options, proxy settings and status texts of src/YotiIdv.Core/Http, value by value.
/// Written for Stryker survivors in Http (tests/mutation/survivors.md): the cmdlet tests use a few endpoints
/// and default options, so the other resources, the validation bounds and the texts were not pinned down.
/// </summary>
public class HttpDescriptorTests
{
    private const string Session = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    private const string Media = "3b8d1d3c-75cd-4b5f-93fb-5f1d6c2a4a10";

    [Fact]
    public void EveryEndpointHasItsMethodPathResourceIdsAndRetryability()
    {
        Check(YotiEndpoints.Session(Session), "GET", "/sessions/" + Session, YotiResource.Session, Session, Session, true);
        Check(YotiEndpoints.MediaContent(Session, Media), "GET", $"/sessions/{Session}/media/{Media}/content", YotiResource.Media, Session, Media, true);
        Check(YotiEndpoints.DeleteSession(Session), "DELETE", "/sessions/" + Session, YotiResource.Session, Session, Session, true);
        Check(YotiEndpoints.DeleteMediaContent(Session, Media), "DELETE", $"/sessions/{Session}/media/{Media}/content", YotiResource.Media, Session, Media, true);
        Check(YotiEndpoints.SessionConfiguration(Session), "GET", $"/sessions/{Session}/configuration", YotiResource.Configuration, Session, Session, true);
        Check(YotiEndpoints.TrackedDevices(Session), "GET", $"/sessions/{Session}/tracked-devices", YotiResource.TrackedDevices, Session, Session, true);
        Check(YotiEndpoints.DeleteTrackedDevices(Session), "DELETE", $"/sessions/{Session}/tracked-devices", YotiResource.TrackedDevices, Session, Session, true);
        Check(YotiEndpoints.SupportedDocuments(false), "GET", "/supported-documents", YotiResource.SupportedDocuments, null, null, true);
        Check(YotiRequest.NotIdempotent(HttpMethod.Post, "/sessions", YotiResource.Session), "POST", "/sessions", YotiResource.Session, null, null, false);
    }

    private static void Check(YotiRequest request, string method, string path, YotiResource resource, string? sessionId, string? resourceId, bool idempotent)
    {
        Assert.Equal(method, request.Method.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal(resource, request.Resource);
        Assert.Equal(sessionId, request.SessionId);
        Assert.Equal(resourceId, request.ResourceId);
        Assert.Equal(idempotent, request.Idempotent);
        Assert.Null(request.AbsoluteUrl);
    }

    [Fact]
    public void IdsAreNormalisedAndABadOneNeverBecomesAPath()
    {
        Assert.Equal("/sessions/" + Session, YotiEndpoints.Session(" " + Session + "\t").Path);
        var ex = Assert.Throws<ArgumentException>(() => YotiEndpoints.Session("../keys"));
        Assert.Equal("id", ex.ParamName);
        Assert.StartsWith("Invalid id '../keys': ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => YotiEndpoints.MediaContent(Session, "a/b"));
        Assert.Throws<ArgumentException>(() => YotiEndpoints.DeleteMediaContent("a?b", Media));
    }

    [Fact]
    public void TheQueryIsKeptInOrderEscapedAndShownWithoutSigningParameters()
    {
        YotiRequest plain = YotiEndpoints.SupportedDocuments(false);
        Assert.Empty(plain.Query);
        Assert.Equal(string.Empty, plain.QueryString);
        Assert.Equal("GET /supported-documents", plain.ToString());

        YotiRequest flagged = YotiEndpoints.SupportedDocuments(true);
        Assert.Equal("includeNonLatin=true", flagged.QueryString);
        Assert.Equal("GET /supported-documents?includeNonLatin=true", flagged.ToString());

        YotiRequest two = flagged.WithQuery("a b", "c&d=é");
        Assert.Equal("includeNonLatin=true&a%20b=c%26d%3D%C3%A9", two.QueryString);
        Assert.Equal(new[] { "includeNonLatin", "a b" }, two.Query.Select(p => p.Key));
        Assert.Single(flagged.Query); // WithQuery makes a new request
        Assert.Equal(flagged.Method, two.Method);
        Assert.Equal(flagged.Path, two.Path);
        Assert.Equal(flagged.Resource, two.Resource);
        Assert.True(two.Idempotent);

        YotiRequest notIdempotent = YotiRequest.NotIdempotent(HttpMethod.Post, "/sessions/x", YotiResource.Session, "x").WithQuery("k", "v");
        Assert.False(notIdempotent.Idempotent);
        Assert.Equal("x", notIdempotent.SessionId);
        Assert.Equal("x", notIdempotent.ResourceId);
    }

    [Fact]
    public void APublicGetIsUnsignedAndShownByItsAbsoluteUrl()
    {
        var url = new Uri("https://keys.example/jwks/abc?x=1");
        YotiRequest request = YotiEndpoints.KeySet(url);
        Assert.Equal(url, request.AbsoluteUrl);
        Assert.Equal("/jwks/abc", request.Path);
        Assert.Equal(YotiResource.KeySet, request.Resource);
        Assert.True(request.Idempotent);
        Assert.Null(request.SessionId);
        Assert.Equal(url.AbsoluteUri, request.ResourceId);
        Assert.Equal("GET https://keys.example/jwks/abc?x=1", request.ToString());
        Assert.Equal("key set 'https://keys.example/jwks/abc?x=1'", request.DescribeResource());
        Assert.Equal("url", Assert.Throws<ArgumentNullException>(() => YotiEndpoints.KeySet(null!)).ParamName);
    }

    [Fact]
    public void EachResourceIsDescribedForMessages()
    {
        Assert.Equal($"session '{Session}'", YotiEndpoints.Session(Session).DescribeResource());
        Assert.Equal($"media '{Media}' of session '{Session}'", YotiEndpoints.MediaContent(Session, Media).DescribeResource());
        Assert.Equal($"configuration of session '{Session}'", YotiEndpoints.SessionConfiguration(Session).DescribeResource());
        Assert.Equal($"tracked devices of session '{Session}'", YotiEndpoints.TrackedDevices(Session).DescribeResource());
        Assert.Equal("supported documents", YotiEndpoints.SupportedDocuments(true).DescribeResource());
        Assert.Equal("resource", YotiRequest.Get("/other", YotiResource.Other).DescribeResource());
        Assert.Equal("resource 'r1'", YotiRequest.Get("/other", YotiResource.Other, resourceId: "r1").DescribeResource());
    }

    [Fact]
    public void OptionsRefuseEveryValueOutsideTheirBoundsAndAcceptTheBoundsThemselves()
    {
        new YotiRequestOptions { MaxRetries = 0, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, MaxResponseBytes = 1024, MaxStreamedBytes = 1024 }.Validate();
        new YotiRequestOptions { MaxRetries = 100, RetryMaxDelay = TimeSpan.FromHours(1), MaxResponseBytes = YotiRequestOptions.MaxInMemoryLimit, Timeout = TimeSpan.FromTicks(1) }.Validate();
        new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromSeconds(5) }.Validate();

        Refused(new YotiRequestOptions { MaxRetries = -1 }, "MaxRetries", "MaxRetries must be between 0 and 100.");
        Refused(new YotiRequestOptions { MaxRetries = 101 }, "MaxRetries", "MaxRetries must be between 0 and 100.");
        Refused(new YotiRequestOptions { Timeout = TimeSpan.Zero }, "Timeout", "Timeout must be positive.");
        Refused(new YotiRequestOptions { Timeout = TimeSpan.FromSeconds(-1) }, "Timeout", "Timeout must be positive.");
        Refused(new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromTicks(-1), RetryMaxDelay = TimeSpan.FromSeconds(1) }, "RetryMaxDelay", "RetryMaxDelay must be at least RetryBaseDelay, and both non-negative.");
        Refused(new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) }, "RetryMaxDelay", "RetryMaxDelay must be at least RetryBaseDelay, and both non-negative.");
        Refused(new YotiRequestOptions { RetryMaxDelay = TimeSpan.FromHours(1) + TimeSpan.FromTicks(1) }, "RetryMaxDelay", "RetryMaxDelay must be at most one hour.");
        Refused(new YotiRequestOptions { MaxResponseBytes = 1023 }, "MaxResponseBytes", "MaxResponseBytes must be between 1024 and 2000000000.");
        Refused(new YotiRequestOptions { MaxResponseBytes = YotiRequestOptions.MaxInMemoryLimit + 1 }, "MaxResponseBytes", "MaxResponseBytes must be between 1024 and 2000000000.");
        Refused(new YotiRequestOptions { MaxStreamedBytes = 1023 }, "MaxStreamedBytes", "MaxStreamedBytes must be at least 1024.");
    }

    private static void Refused(YotiRequestOptions options, string parameter, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsShowEverySettingAndCloneIntoAnIndependentCopy()
    {
        var options = new YotiRequestOptions { MaxRetries = 2, Timeout = TimeSpan.FromSeconds(1.5) };
        Assert.Equal("MaxRetries=2; Timeout=1.5s; RetryBaseDelay=0.5s; RetryMaxDelay=60s; MaxResponseBytes=67108864; MaxStreamedBytes=17179869184", options.ToString());
        Assert.Equal(64L * 1024 * 1024, YotiRequestOptions.DefaultMaxResponseBytes);
        Assert.Equal(16L * 1024 * 1024 * 1024, YotiRequestOptions.DefaultMaxStreamedBytes);

        YotiRequestOptions copy = options.Clone();
        copy.MaxRetries = 9;
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1.5), copy.Timeout);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    [InlineData(428, false)]
    [InlineData(430, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void OnlyRateLimitsAndGatewayFailuresAreTransient(int status, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransientStatus(status));

    [Theory]
    [InlineData(404, "404 Not Found")]
    [InlineData(401, "401 Unauthorized")]
    [InlineData(429, "429 Too Many Requests")]
    [InlineData(503, "503 Service Unavailable")]
    [InlineData(200, "200 OK")]
    [InlineData(599, "599")]
    public void StatusesAreDescribedAsPeopleReadThem(int status, string expected) =>
        Assert.Equal(expected, RetryPolicy.Describe((HttpStatusCode)status));

    [Fact]
    public void DelayForTakesTheRetryAfterUpToTheCapAndOtherwiseTheBackoff()
    {
        var options = new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(2) };
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayFor(1, TimeSpan.FromSeconds(2), options));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayFor(1, TimeSpan.FromSeconds(2.5), options));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.DelayFor(3, TimeSpan.Zero, options));
        Assert.InRange(RetryPolicy.DelayFor(3, null, options).TotalMilliseconds, 200, 400);

        // Attempt 0 or below is the first delay, never a fraction of it.
        Assert.InRange(RetryPolicy.Backoff(0, options).TotalMilliseconds, 50, 100);
        Assert.InRange(RetryPolicy.Backoff(-3, options).TotalMilliseconds, 50, 100);
    }

    [Fact]
    public void TheFirstRetryAfterValueThatCanBeReadWins()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", new[] { "NaN", "garbage", " 4 ", "9" });
        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.ParseRetryAfter(response, new YotiRequestOptions()));

        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(RetryPolicy.ParseRetryAfter(none, new YotiRequestOptions()));
    }

    [Fact]
    public void ProxySettingsRefuseOddAddressesAndShowNoPassword()
    {
        Assert.Throws<ArgumentException>(() => new YotiProxySettings(null!));
        Assert.Throws<ArgumentException>(() => new YotiProxySettings(new Uri("/relative", UriKind.Relative)));
        Assert.Equal("address", Assert.Throws<ArgumentException>(() => new YotiProxySettings(new Uri("ftp://proxy.example:21"))).ParamName);
        Assert.StartsWith("The proxy 'socks5://proxy.example:1080/' is not an absolute http(s) URI.",
            Assert.Throws<ArgumentException>(() => new YotiProxySettings(new Uri("socks5://proxy.example:1080"))).Message, StringComparison.Ordinal);
        Assert.Equal("A proxy credential and the default credentials cannot be used together.",
            Assert.Throws<ArgumentException>(() => new YotiProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("u", "p"), true)).Message);

        var plain = new YotiProxySettings(new Uri("https://proxy.example:8443"));
        Assert.Null(plain.UserName);
        Assert.False(plain.UseDefaultCredentials);
        Assert.Equal("https://proxy.example:8443/", plain.ToString());

        var user = new YotiProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("alice", "s3cret-pass"));
        Assert.Equal("alice", user.UserName);
        Assert.Equal("http://proxy.example:8080/ (as alice)", user.ToString());
        var webProxy = (WebProxy)user.ToWebProxy();
        Assert.Equal(new Uri("http://proxy.example:8080"), webProxy.Address);
        Assert.Equal("s3cret-pass", webProxy.Credentials!.GetCredential(new Uri("http://proxy.example:8080"), "Basic")!.Password);
        Assert.False(webProxy.UseDefaultCredentials);

        var domain = new YotiProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("bob", "pw", "CORP"));
        Assert.Equal("CORP\\bob", domain.UserName);

        var defaults = new YotiProxySettings(new Uri("http://proxy.example:8080"), useDefaultCredentials: true);
        Assert.True(defaults.UseDefaultCredentials);
        Assert.Equal("http://proxy.example:8080/ (default credentials)", defaults.ToString());
        Assert.True(((WebProxy)defaults.ToWebProxy()).UseDefaultCredentials);
    }

    [Fact]
    public void AnApiExceptionCarriesItsRequestAndRedactsAndCapsItsTexts()
    {
        YotiRequest request = YotiEndpoints.MediaContent(Session, Media);
        var ex = new YotiApiException(YotiFailureKind.Rejected, new string('m', 5000), request, 422, new string('c', 300), new string('y', 5000),
            "body", attempts: 3, retryAfter: TimeSpan.FromSeconds(2), requestId: "req-1");
        Assert.Equal(YotiFailureKind.Rejected, ex.Kind);
        Assert.Same(request, ex.Request);
        Assert.Equal(YotiResource.Media, ex.Resource);
        Assert.Equal("GET", ex.Method);
        Assert.Equal($"/sessions/{Session}/media/{Media}/content", ex.RequestPath);
        Assert.Equal(422, ex.StatusCode);
        Assert.StartsWith(new string('c', 200), ex.YotiErrorCode, StringComparison.Ordinal);
        Assert.True(ex.YotiErrorCode!.Length < 300, "the error code is capped at 256 characters and a note");
        Assert.True(ex.YotiMessage!.Length < 5000 && ex.Message.Length < 5000, "texts are capped at 4096 characters and a note");
        Assert.Equal("body", ex.ResponseBody);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("req-1", ex.RequestId);

        var bare = new YotiApiException(YotiFailureKind.Network, "failed", request);
        Assert.Null(bare.StatusCode);
        Assert.Null(bare.YotiErrorCode);
        Assert.Null(bare.YotiMessage);
        Assert.Null(bare.ResponseBody);
        Assert.Equal(1, bare.Attempts);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => new YotiApiException(YotiFailureKind.Network, "x", null!)).ParamName);
    }
}
