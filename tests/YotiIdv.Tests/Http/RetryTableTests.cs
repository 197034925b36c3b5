using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Emulator;
using YotiIdv.Http;
using YotiIdv.Model;
using YotiIdv.Tests.Cmdlets;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Http;

/// <summary>
/// The retry table over the real loopback emulator with the default retry count: for each failure the exact
/// number of requests the server saw, the error id, the category and the attempts; then the defaults, the
/// batch-wide pause after a 429, back-off growth and the early stops.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class RetryTableTests : ConnectedCmdletTests
{
    private const string Unknown = "00000000-0000-4000-8000-000000000000";

    public RetryTableTests()
        : base("GetYotiSessionCommand")
    {
        ConnectWithDefaultRetries();
    }

    /// <summary>Connects without -MaxRetries (the default must be 4) and with short back-off delays.</summary>
    private void ConnectWithDefaultRetries(int baseDelayMs = 5, int maxDelayMs = 1500)
    {
        var result = _host.Run(@"
            $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -PassThru
            $c.RequestOptions.RetryBaseDelay = [timespan]::FromMilliseconds($base)
            $c.RequestOptions.RetryMaxDelay = [timespan]::FromMilliseconds($max)",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("base", baseDelayMs), ("max", maxDelayMs));
        Assert.Empty(result.Errors);
    }

    private static YotiIdvFault Fault(string name, int? count = null) => name switch
    {
        "429" => YotiIdvFault.TooManyRequests(retryAfterSeconds: 0, count: count),
        "truncated" => YotiIdvFault.TruncateBody(count: count),
        "reset" => YotiIdvFault.DropConnection(count: count),
        "timeout" => YotiIdvFault.Latency(TimeSpan.FromSeconds(4), count: count),
        "not JSON" => YotiIdvFault.MalformedBody(count: count),
        "404 APP_NOT_FOUND" => new YotiIdvFault(YotiIdvFaultKind.Status) { StatusCode = 404, Count = count, Body = "{\"code\":\"APP_NOT_FOUND\",\"message\":\"The referenced application does not exist\"}" },
        _ => YotiIdvFault.Status(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture), count: count),
    };

    // A reset before any answer: .NET's connection pool sends the same request (same nonce and digest) again on a new
    // connection, 4 times in all, before the attempt fails; so 5 attempts are 20 requests (reported to the lead:
    // against Yoti the resends of a request that reached the server would be refused as a reused nonce).
    // A truncated body ends with the connection closed, which the HTTP stack reports as an I/O error: a connection
    // failure, retried like one.
    [Theory]
    [InlineData("429", 5, 5, "YotiRateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData("502", 5, 5, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData("503", 5, 5, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData("504", 5, 5, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData("truncated", 5, 5, "YotiConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData("reset", 20, 5, "YotiConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData("timeout", 5, 5, "YotiTimeout", ErrorCategory.OperationTimeout)]
    [InlineData("not JSON", 1, 1, "YotiInvalidResponse", ErrorCategory.InvalidData)] // not retried since the hardening issue
    [InlineData("400", 1, 1, "YotiRequestRejected", ErrorCategory.InvalidArgument)]
    [InlineData("401", 1, 1, "YotiAuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData("403", 1, 1, "YotiAuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData("404", 1, 1, "YotiSessionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("404 APP_NOT_FOUND", 1, 1, "YotiApplicationNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("409", 1, 1, "YotiResourceConflict", ErrorCategory.ResourceBusy)]
    [InlineData("422", 1, 1, "YotiRequestRejected", ErrorCategory.InvalidData)]
    [InlineData("500", 1, 1, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    public void EachFailureIsRetriedOrNotAsTheTableSays(string fault, int requests, int attempts, string errorId, ErrorCategory category)
    {
        _emulator.AddFault(Fault(fault));
        string timeout = fault == "timeout" ? " -TimeoutSec 1" : string.Empty;
        var result = _host.Run("Get-YotiSession $id" + timeout, ("id", TestPaths.SeedSessionId));

        ErrorRecord error = SingleError(result, errorId, category, TestPaths.SeedSessionId);
        var api = Assert.IsType<YotiApiException>(error.Exception);
        Assert.Equal(attempts, api.Attempts);
        Assert.Equal(requests, _emulator.Stats.RequestsReceived);
        Assert.All(_emulator.RequestLog, r => Assert.Equal("/sessions/" + TestPaths.SeedSessionId, r.Path));
        Assert.Equal(attempts, _emulator.RequestLog.Select(r => r.Nonce).Distinct().Count()); // a retry is a new request
        if (attempts > 1)
        {
            Assert.Contains("Gave up after " + attempts + " attempts.", error.ErrorDetails.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Gave up", error.ErrorDetails.Message, StringComparison.Ordinal);
        }

        Assert.Empty(result.Objects<YotiSession>());
    }

    [Theory]
    [InlineData("429")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    [InlineData("truncated")]
    [InlineData("reset")]
    public void ATransientFailureThatClearsGivesTheSessionOnTheNextAttempt(string fault)
    {
        YotiIdvFault added = _emulator.AddFault(Fault(fault, count: 2));
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Equal(TestPaths.SeedSessionId, Assert.Single(result.Objects<YotiSession>()).SessionId);
        Assert.Equal(3, _emulator.Stats.RequestsReceived);
        Assert.Equal(2, added.TimesApplied);
    }

    [Fact]
    public void TheDefaultsAreFourRetriesThirtySecondsHalfASecondDoubledAndAMinuteCap()
    {
        var options = new YotiRequestOptions();
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RetryMaxDelay);

        var result = _host.Run("(Get-YotiIdvConnection).RequestOptions");
        var connected = Assert.Single(result.Objects<YotiRequestOptions>());
        Assert.Equal(4, connected.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), connected.Timeout);
    }

    [Fact]
    public void A429SlowsTheWholeBatch_ASecondIdsRequestArrivesAfterTheRetryAfter()
    {
        // The first id gets one 429 with Retry-After: 2. The second id answers slowly (0.5 s), so the third id
        // starts while the first is paused: without a batch-wide pause it would arrive about 0.5 s in.
        ConnectWithDefaultRetries(maxDelayMs: 60000); // the cap would shorten the Retry-After
        string[] ids = _emulator.SessionIds.Where(i => i != TestPaths.SeedSessionId).OrderBy(i => i, StringComparer.Ordinal).Take(2).ToArray();
        _emulator.AddFault(YotiIdvFault.TooManyRequests(retryAfterSeconds: 2, "/sessions/" + TestPaths.SeedSessionId, count: 1));
        _emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromMilliseconds(500), "/sessions/" + ids[0], count: 1));
        var result = _host.Run("$ids | Get-YotiSession -ThrottleLimit 2 | ForEach-Object SessionId", ("ids", new[] { TestPaths.SeedSessionId, ids[0], ids[1] }));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { TestPaths.SeedSessionId, ids[0], ids[1] }, result.Objects<string>());
        IReadOnlyList<YotiIdvEmulatorRequest> seen = _emulator.RequestLog;
        Assert.Equal(4, seen.Count);
        DateTimeOffset limited = seen.First(r => r.Path.EndsWith(TestPaths.SeedSessionId, StringComparison.Ordinal)).Received.Value;
        DateTimeOffset third = Assert.Single(seen, r => r.Path.EndsWith(ids[1], StringComparison.Ordinal)).Received.Value;
        Assert.True(third - limited >= TimeSpan.FromSeconds(1.9), $"the third id arrived {(third - limited).TotalSeconds:0.00} s after the 429");
    }

    [Fact]
    public void BackoffGrowsExponentiallyBetweenTheAttemptsTheServerSees()
    {
        // Base 100 ms with equal jitter: the waits are at least 50, 100, 200 and 400 ms. A constant back-off of
        // 100 ms (at most 100 ms per wait) cannot make the last gap 400 ms long.
        ConnectWithDefaultRetries(baseDelayMs: 100, maxDelayMs: 60000);
        _emulator.AddFault(YotiIdvFault.Status(503));
        _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));

        DateTimeOffset[] times = _emulator.RequestLog.Select(r => r.Received.Value).ToArray();
        Assert.Equal(5, times.Length);
        for (int gap = 1; gap < times.Length; gap++)
        {
            double lowerBound = 100 * Math.Pow(2, gap - 1) / 2;
            Assert.True((times[gap] - times[gap - 1]).TotalMilliseconds >= lowerBound - 5, $"gap {gap} was {(times[gap] - times[gap - 1]).TotalMilliseconds:0} ms, expected at least {lowerBound} ms");
        }
    }

    [Fact]
    public void BackoffIsExponentialCappedAndJittered()
    {
        var options = new YotiRequestOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromMilliseconds(1000) };
        for (int attempt = 1; attempt <= 8; attempt++)
        {
            double exponential = Math.Min(1000, 100 * Math.Pow(2, attempt - 1));
            double[] samples = Enumerable.Range(0, 200).Select(_ => RetryPolicy.Backoff(attempt, options).TotalMilliseconds).ToArray();
            Assert.All(samples, ms => Assert.InRange(ms, exponential / 2, exponential));
            Assert.True(samples.Distinct().Count() > 100, "jitter: 200 waits of attempt " + attempt + " should differ");
            Assert.True(samples.Max() - samples.Min() > exponential / 4, "jitter spreads over half of the delay");
        }

        // Retry-After wins over the back-off, up to the cap.
        Assert.Equal(TimeSpan.FromSeconds(0.7), RetryPolicy.DelayFor(5, TimeSpan.FromSeconds(0.7), options));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.DelayFor(1, TimeSpan.FromSeconds(30), options));
    }

    [Fact]
    public void FortyIdsThatCannotConnectStopAfterFiveAttempts()
    {
        _emulator.AddFault(YotiIdvFault.DropConnection());
        string[] ids = Enumerable.Range(10, 40).Select(i => "00000000-0000-4000-8000-0000000000" + i).ToArray();
        var result = _host.Run("try { $ids | Get-YotiSession -ThrottleLimit 1 -MaxRetries 0 } catch { 'terminated: ' + $_.FullyQualifiedErrorId + ' ' + $_.ErrorDetails.Message }", ("ids", ids));

        Assert.Equal(4, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.StartsWith("YotiConnectionFailed,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        string terminated = Assert.Single(result.Objects<string>());
        Assert.StartsWith("terminated: YotiConnectionFailed,", terminated, StringComparison.Ordinal);
        Assert.Contains("Stopped: the first 5 requests", terminated, StringComparison.Ordinal);
        // A few more ids may already be in flight when the fifth failure stops the command; never the other 30.
        int attempts = _emulator.RequestLog.Select(r => r.Nonce).Distinct().Count();
        Assert.InRange(attempts, 5, 10);
        Assert.InRange(_emulator.Stats.RequestsReceived, attempts, attempts * 4); // up to 4 sends an attempt (see above)
    }

    [Fact]
    public void FortyIdsThatFailAuthenticationStopAfterFiveRequests()
    {
        _emulator.AddFault(YotiIdvFault.Status(401));
        string[] ids = Enumerable.Range(10, 40).Select(i => "00000000-0000-4000-8000-0000000000" + i).ToArray();
        var result = _host.Run("try { $ids | Get-YotiSession -ThrottleLimit 1 } catch { 'terminated: ' + $_.FullyQualifiedErrorId }", ("ids", ids));

        Assert.Equal(4, result.Errors.Length);
        Assert.Equal("terminated: YotiAuthenticationFailed,YotiIdv.Commands.GetYotiSessionCommand", Assert.Single(result.Objects<string>()));
        Assert.InRange(_emulator.Stats.RequestsReceived, 5, 10); // a few may be in flight, never the other 30
    }

    [Fact]
    public void NotFoundNeverStopsTheCommand()
    {
        string[] ids = Enumerable.Range(10, 8).Select(i => "00000000-0000-4000-8000-0000000000" + i).ToArray();
        var result = _host.Run("$ids | Get-YotiSession -ThrottleLimit 1", ("ids", ids));
        Assert.Equal(8, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.StartsWith("YotiSessionNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Equal(8, _emulator.Stats.RequestsReceived);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async System.Threading.Tasks.Task ARedirectIsNotFollowed(int status)
    {
        // A tiny server that redirects every request to the emulator: a followed redirect would reach it.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        string location = _emulator.BaseUri.AbsoluteUri.TrimEnd('/') + "/sessions/" + TestPaths.SeedSessionId;
        int served = 0;
        System.Threading.Tasks.Task server = System.Threading.Tasks.Task.Run(async () =>
        {
            using System.Net.Sockets.TcpClient client = await listener.AcceptTcpClientAsync();
            System.Net.Sockets.NetworkStream stream = client.GetStream();
            var buffer = new byte[8192];
            int read = await stream.ReadAsync(buffer);
            System.Threading.Interlocked.Increment(ref served);
            byte[] answer = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(answer);
        });

        var result = _host.Run(@"
            $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -PassThru
            Get-YotiSession $id", ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", $"http://127.0.0.1:{port}/idverify/v1"), ("id", TestPaths.SeedSessionId));
        await server.WaitAsync(TimeSpan.FromSeconds(30));

        ErrorRecord error = SingleError(result, "YotiRequestRejected", ErrorCategory.InvalidOperation, TestPaths.SeedSessionId);
        Assert.Equal(status, ((YotiApiException)error.Exception).StatusCode);
        Assert.Equal(1, served);
        Assert.Equal(0, _emulator.Stats.RequestsReceived);
    }
}
