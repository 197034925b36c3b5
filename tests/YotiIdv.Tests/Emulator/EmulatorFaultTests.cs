using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using YotiIdv.Emulator;

using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

public sealed class EmulatorFaultTests : IDisposable
{
    private readonly EmulatorTestHost _host = new EmulatorTestHost();
    private readonly string _path = EmulatorTestHost.Session(TestPaths.SeedSessionId);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task StatusFaultWithCount_FailsNTimesThenSucceeds()
    {
        YotiIdvFault fault = _host.Emulator.AddFault(YotiIdvFault.Status(503, "/sessions/*", count: 2));

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await _host.GetAsync(_path); // re-signed every attempt, like a real retry
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await EmulatorEndpointTests.AssertErrorAsync(response, "INJECTED_FAULT");
            }
        }

        Assert.Equal(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }, statuses);
        Assert.Equal(2, fault.TimesApplied);
        Assert.Equal(0, fault.Remaining);
        Assert.Equal(2, _host.Emulator.Stats.FaultsInjected);
    }

    [Fact]
    public async Task TooManyRequestsFault_SendsRetryAfter()
    {
        _host.Emulator.AddFault(YotiIdvFault.TooManyRequests(retryAfterSeconds: 3, count: 1));

        using HttpResponseMessage response = await _host.GetAsync(_path);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task FaultPathPattern_OnlyHitsMatchingPaths()
    {
        _host.Emulator.AddFault(YotiIdvFault.Status(500, "/sessions/" + TestPaths.DoneSessionId + "*"));

        using HttpResponseMessage other = await _host.GetAsync(_path);
        using HttpResponseMessage hit = await _host.GetAsync(EmulatorTestHost.Media(TestPaths.DoneSessionId, "e71d2d78-f684-4f2f-9cd5-8c644d3d1427"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, hit.StatusCode);
    }

    [Fact]
    public async Task StatusFault_DoesNotHideAuthenticationFailures()
    {
        _host.Emulator.AddFault(YotiIdvFault.Status(503));

        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path, sdkId: "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TruncatedBody_MakesTheReadThrow()
    {
        _host.Emulator.AddFault(YotiIdvFault.TruncateBody(count: 1));

        Exception error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, _path));
            await response.Content.ReadAsByteArrayAsync();
        });

        Assert.True(error is HttpRequestException || error is IOException, error.ToString());
        using HttpResponseMessage next = await _host.GetAsync(_path);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task DroppedConnection_Throws()
    {
        _host.Emulator.AddFault(YotiIdvFault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => _host.GetAsync(_path));
        Assert.Equal(0, _host.Emulator.Stats.RequestsServed);
    }

    [Fact]
    public async Task MalformedBody_Is200WithUnparseableJson()
    {
        _host.Emulator.AddFault(YotiIdvFault.MalformedBody());

        using HttpResponseMessage response = await _host.GetAsync(_path);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task LatencyFault_DelaysTheResponse()
    {
        _host.Emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await _host.GetAsync(_path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 280, watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public async Task SlowFault_StreamsTheExactBodySlowly()
    {
        string mediaPath = EmulatorTestHost.Media(TestPaths.SeedSessionId, "0cb9158b-7940-49af-a72c-bf2f9711c154");
        byte[] expected = File.ReadAllBytes(Path.Combine(TestPaths.SampleData, "media", "0cb9158b-7940-49af-a72c-bf2f9711c154.jpg"));
        _host.Emulator.AddFault(YotiIdvFault.Slow(TimeSpan.FromMilliseconds(20), chunkSize: (expected.Length / 5) + 1));

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await _host.GetAsync(mediaPath);
        byte[] actual = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, actual);
        Assert.True(watch.ElapsedMilliseconds >= 90, watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public async Task ProbabilityFault_WithSeed_IsReproducible()
    {
        _host.Emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status) { Probability = 0.5, Seed = 42 });
        var random = new Random(42);
        bool[] expected = Enumerable.Range(0, 30).Select(_ => random.NextDouble() < 0.5).ToArray();

        var actual = new bool[expected.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            using HttpResponseMessage response = await _host.GetAsync(_path);
            actual[i] = response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }

        Assert.Equal(expected, actual);
        Assert.Contains(true, actual);
        Assert.Contains(false, actual);
    }

    [Fact]
    public async Task ClearFaults_StopsInjection()
    {
        _host.Emulator.AddFault(YotiIdvFault.Status(503));
        _host.Emulator.ClearFaults();

        using HttpResponseMessage response = await _host.GetAsync(_path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Emulator.Faults);
    }

    [Fact]
    public void AddFault_RejectsInvalidOrDuplicateFaults()
    {
        var fault = YotiIdvFault.Status(503);
        _host.Emulator.AddFault(fault);

        Assert.Throws<InvalidOperationException>(() => _host.Emulator.AddFault(fault));
        Assert.Throws<ArgumentOutOfRangeException>(() => _host.Emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status) { Probability = 1.5 }));
    }

    [Fact]
    public async Task RateLimit_AnswersExcessWith429AndRetryAfter()
    {
        using var host = new EmulatorTestHost(o => o.RateLimitPerSecond = 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.GetAsync(_path)));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        HttpResponseMessage[] limited = responses.Where(r => (int)r.StatusCode == 429).ToArray();
        Assert.All(limited, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter!.Delta));
        Assert.InRange(limited.Length, 10, 15); // a bucket of 5 a second: 5 (and a few refilled) of 20 pass
        Assert.Equal(limited.Length, host.Emulator.Stats.RequestsRateLimited);
        Assert.Equal(20 - limited.Length, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AddedLatencyOption_DelaysEveryRequest()
    {
        using var host = new EmulatorTestHost(o => o.AddedLatency = TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await host.GetAsync(_path);

        Assert.True(watch.ElapsedMilliseconds >= 180, watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public async Task Stats_CountRequestsInFlightAndTheirPeak()
    {
        // The latency keeps the requests open long enough to overlap however slowly the machine runs them.
        using var host = new EmulatorTestHost(o => o.AddedLatency = TimeSpan.FromSeconds(2));

        Task<HttpResponseMessage>[] requests = Enumerable.Range(0, 5).Select(_ => host.GetAsync(_path)).ToArray();
        HttpResponseMessage[] responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // The count drops once the emulator has written the answer, which can be just after the client read it.
        Assert.True(System.Threading.SpinWait.SpinUntil(() => host.Emulator.Stats.InFlight == 0, TimeSpan.FromSeconds(10)), "still in flight: " + host.Emulator.Stats.InFlight);
        Assert.InRange(host.Emulator.Stats.PeakInFlight, 2, 5); // 5 unless the machine is slower than 2 s per request
        host.Emulator.Stats.ResetPeakInFlight();
        Assert.Equal(0, host.Emulator.Stats.PeakInFlight);
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("*", "/sessions/a/media/b/content", true)]
    [InlineData("/sessions/abc*", "/sessions/abcdef", true)]
    [InlineData("/sessions/abc*", "/sessions/xabc", false)]
    [InlineData("*/media/*", "/sessions/a/media/b/content", true)]
    [InlineData("*/media/*", "/sessions/a", false)]
    [InlineData("/sessions/?", "/sessions/a", true)]
    [InlineData("/sessions/?", "/sessions/ab", false)]
    public void WildcardPattern_Matches(string pattern, string path, bool expected) =>
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, path));
}
