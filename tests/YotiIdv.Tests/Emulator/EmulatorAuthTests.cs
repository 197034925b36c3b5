using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using YotiIdv.Signing;

using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

public sealed class EmulatorAuthTests : IDisposable
{
    private readonly EmulatorTestHost _host = new EmulatorTestHost();
    private readonly string _path = EmulatorTestHost.Session(TestPaths.SeedSessionId);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SignatureFromAnotherKey_Is401InvalidSignature()
    {
        using var otherKey = new YotiRequestSigner(RSA.Create(2048));
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, signer: otherKey));

        await AssertRejectedAsync(response, "INVALID_SIGNATURE");
    }

    [Fact]
    public async Task TamperedTarget_Is401InvalidSignature()
    {
        HttpRequestMessage request = _host.Signed(HttpMethod.Get, _path);
        request.RequestUri = new Uri(request.RequestUri + "&extra=1");
        using HttpResponseMessage response = await _host.Client.SendAsync(request);

        await AssertRejectedAsync(response, "INVALID_SIGNATURE");
    }

    [Fact]
    public async Task MissingDigest_Is401()
    {
        HttpRequestMessage request = _host.Signed(HttpMethod.Get, _path);
        request.Headers.Remove("X-Yoti-Auth-Digest");
        using HttpResponseMessage response = await _host.Client.SendAsync(request);

        await AssertRejectedAsync(response, "MISSING_SIGNATURE");
    }

    [Fact]
    public async Task WrongSdkId_Is401()
    {
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, sdkId: Guid.NewGuid().ToString()));

        await AssertRejectedAsync(response, "UNKNOWN_SDK_ID");
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task TimestampOutsideFiveMinutes_Is401Stale(int minutes)
    {
        long timestamp = EmulatorTestHost.NowMs + (long)TimeSpan.FromMinutes(minutes).TotalMilliseconds;
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, timestamp: timestamp));

        await AssertRejectedAsync(response, "STALE_TIMESTAMP");
    }

    [Theory]
    [InlineData("nonce=n1&timestamp={ts}", "MISSING_SDK_ID")]
    [InlineData("sdkId={sdk}&timestamp={ts}", "MISSING_NONCE")]
    [InlineData("sdkId={sdk}&nonce={nonce}", "MISSING_TIMESTAMP")]
    [InlineData("sdkId={sdk}&nonce={nonce}&timestamp=12.5", "INVALID_TIMESTAMP")]
    public async Task MissingOrBadQueryParameters_Are401(string query, string code)
    {
        string filled = query.Replace("{sdk}", TestPaths.TestSdkId).Replace("{nonce}", Guid.NewGuid().ToString()).Replace("{ts}", EmulatorTestHost.Ms(EmulatorTestHost.NowMs));
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, query: filled));

        await AssertRejectedAsync(response, code);
    }

    [Fact]
    public async Task ReplayedRequest_FirstSucceedsSecondIs401NonceReused()
    {
        HttpRequestMessage first = _host.Signed(HttpMethod.Get, _path);
        var second = new HttpRequestMessage(HttpMethod.Get, first.RequestUri);
        second.Headers.Add("X-Yoti-Auth-Digest", first.Headers.GetValues("X-Yoti-Auth-Digest"));

        using HttpResponseMessage ok = await _host.Client.SendAsync(first);
        using HttpResponseMessage replay = await _host.Client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await AssertRejectedAsync(replay, "NONCE_REUSED");
    }

    [Fact]
    public async Task GoSpellingSdkIdAndDotNetParameterOrder_AreAccepted()
    {
        string query = "timestamp=" + EmulatorTestHost.Ms(EmulatorTestHost.NowMs) + "&nonce=" + Guid.NewGuid().ToString("D").ToUpperInvariant() + "&sdkID=" + TestPaths.TestSdkId;
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, query: query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RejectionsAreCountedAndDigestIsNeverEchoed()
    {
        HttpRequestMessage request = _host.Signed(HttpMethod.Get, _path, sdkId: "someone-else");
        string digest = string.Join(",", request.Headers.GetValues("X-Yoti-Auth-Digest"));
        using HttpResponseMessage response = await _host.Client.SendAsync(request);

        Assert.DoesNotContain(digest, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _host.Emulator.Stats.RequestsRejected);
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await EmulatorEndpointTests.AssertErrorAsync(response, code);
    }
}
