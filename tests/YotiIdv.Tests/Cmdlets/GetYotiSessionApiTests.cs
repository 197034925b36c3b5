using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Threading;
using YotiIdv.Emulator;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>
/// Get-YotiSession over real loopback HTTP against the signature-verifying emulator: error ids and categories
/// for each failure, retries of transient failures, ordering, and what verbose output may show.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class GetYotiSessionApiTests : ConnectedCmdletTests
{
    private const string Unknown = "00000000-0000-4000-8000-000000000000";
    public GetYotiSessionApiTests()
        : base("GetYotiSessionCommand")
    {
    }

    [Fact]
    public void FetchesASessionThatEqualsTheFileOnDisk()
    {
        var result = _host.Run("Get-YotiSession $id; Get-YotiSession $id -Raw", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        YotiSession session = Assert.Single(result.Objects<YotiSession>());
        Assert.Equal(TestPaths.SeedSessionId, session.SessionId);
        Assert.Equal("COMPLETED", session.State);
        string raw = Assert.Single(result.Objects<string>());
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.SampleData, "sessions", "seed-example-session.json")), raw);
    }

    [Fact]
    public void UnknownSessionIsObjectNotFoundAndThePipelineGoesOn()
    {
        var result = _host.Run("$ids | Get-YotiSession", ("ids", new[] { Unknown, TestPaths.SeedSessionId }));
        ErrorRecord error = SingleError(result, "YotiSessionNotFound", ErrorCategory.ObjectNotFound, Unknown);
        Assert.Contains("404", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains(Unknown, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(TestPaths.SeedSessionId, Assert.Single(result.Objects<YotiSession>()).SessionId);
        Assert.Equal(1, _emulator.Stats.RequestsReceived - 1); // 404s are not retried: two requests in all
    }

    [Fact]
    public void WrongKeyIsAnAuthenticationErrorThatIsNotRetried()
    {
        string otherKey = Path.Combine(Path.GetTempPath(), "yoti-other-" + Guid.NewGuid() + ".pem");
        using (RSA rsa = RSA.Create(2048))
        {
            File.WriteAllText(otherKey, rsa.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            Connect(otherKey);
            var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
            ErrorRecord error = SingleError(result, "YotiAuthenticationFailed", ErrorCategory.AuthenticationError, TestPaths.SeedSessionId);
            Assert.Contains("INVALID_SIGNATURE", error.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.Equal(1, _emulator.Stats.RequestsReceived);
        }
        finally
        {
            File.Delete(otherKey);
        }
    }

    [Fact]
    public void PersistentRateLimitIsLimitsExceededAfterEveryRetry()
    {
        _emulator.AddFault(YotiIdvFault.TooManyRequests(retryAfterSeconds: 0));
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        ErrorRecord error = SingleError(result, "YotiRateLimited", ErrorCategory.LimitsExceeded, TestPaths.SeedSessionId);
        Assert.Contains("4 attempts", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(4, _emulator.Stats.RequestsReceived);
    }

    [Fact]
    public void PersistentServiceUnavailableIsResourceUnavailable()
    {
        _emulator.AddFault(YotiIdvFault.Status(503));
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        SingleError(result, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable, TestPaths.SeedSessionId);
        Assert.Equal(4, _emulator.Stats.RequestsReceived);
    }

    [Fact]
    public void InternalServerErrorIsNotRetried()
    {
        _emulator.AddFault(YotiIdvFault.Status(500));
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        SingleError(result, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable, TestPaths.SeedSessionId);
        Assert.Equal(1, _emulator.Stats.RequestsReceived);
    }

    [Fact]
    public void MalformedBodyIsInvalidData()
    {
        _emulator.AddFault(YotiIdvFault.MalformedBody());
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        SingleError(result, "YotiInvalidResponse", ErrorCategory.InvalidData, TestPaths.SeedSessionId);
    }

    [Fact]
    public void DeadServerIsAConnectionError()
    {
        var result = _host.Run(@"
            $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl 'http://127.0.0.1:9/idverify/v1' -MaxRetries 1 -PassThru
            $c.RequestOptions.RetryBaseDelay = [timespan]::FromMilliseconds(5)
            Get-YotiSession $id", ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("id", TestPaths.SeedSessionId));
        SingleError(result, "YotiConnectionFailed", ErrorCategory.ConnectionError, TestPaths.SeedSessionId);
    }

    [Fact]
    public void TransientFailuresAreRetriedUntilTheSessionArrives()
    {
        _emulator.AddFault(YotiIdvFault.Status(503, count: 1));
        _emulator.AddFault(YotiIdvFault.DropConnection(count: 1));
        _emulator.AddFault(YotiIdvFault.TruncateBody(count: 1));
        var result = _host.Run("Get-YotiSession $id -Verbose", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Equal(TestPaths.SeedSessionId, Assert.Single(result.Objects<YotiSession>()).SessionId);
        Assert.All(_emulator.Faults, fault => Assert.Equal(1, fault.TimesApplied));
        Assert.Contains(result.Verbose, line => line.Contains("-> 503", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, line => line.Contains("-> 200 OK", StringComparison.Ordinal));
        Assert.True(result.Verbose.Count(line => line.StartsWith("Retrying", StringComparison.Ordinal)) >= 2, string.Join("\n", result.Verbose));
    }

    [Fact]
    public void RetryAfterIsHonoured()
    {
        // Retry-After: 1 while the back-off would be 5 ms: the second attempt reaches the server a second later.
        _emulator.AddFault(YotiIdvFault.TooManyRequests(retryAfterSeconds: 1, count: 1));
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Equal(TestPaths.SeedSessionId, Assert.Single(result.Objects<YotiSession>()).SessionId);
        var seen = _emulator.RequestLog;
        Assert.Equal(2, seen.Count);
        Assert.True(seen[1].Received - seen[0].Received >= TimeSpan.FromSeconds(0.95), "the retry came after " + (seen[1].Received - seen[0].Received));
        Assert.NotEqual(seen[0].Nonce, seen[1].Nonce);
    }

    [Fact]
    public void ConcurrentFetchesComeBackInInputOrderWithErrorsInPlace()
    {
        _emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromMilliseconds(150), "/sessions/" + TestPaths.SeedSessionId));
        string[] ids = _emulator.SessionIds.OrderBy(i => i, StringComparer.Ordinal).ToArray();
        string[] input = new[] { TestPaths.SeedSessionId, Unknown }.Concat(ids).Concat(new[] { "bad/id" }).ToArray();
        var result = _host.Run(@"$ids | Get-YotiSession -ThrottleLimit 4 -ErrorVariable +errs 2>$null | ForEach-Object SessionId; $errs | ForEach-Object { 'error:' + $_.TargetObject }",
            ("ids", input));
        string[] expected = new[] { TestPaths.SeedSessionId }.Concat(ids).ToArray();
        Assert.Equal(expected, result.Output.Select(o => o.BaseObject).OfType<string>().Where(s => !s.StartsWith("error:", StringComparison.Ordinal)).ToArray());
        Assert.Equal(new[] { "error:" + Unknown, "error:bad/id" }, result.Output.Select(o => o.BaseObject).OfType<string>().Where(s => s.StartsWith("error:", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void VerboseAndDebugShowRequestsButNoSecrets()
    {
        var result = _host.Run(@"
            $out = Get-YotiSession $id -Verbose -Debug *>&1 | Out-String
            $out += Get-YotiSession $bad -Verbose -Debug *>&1 | Out-String
            $out", ("id", TestPaths.SeedSessionId), ("bad", Unknown));
        string text = string.Join("\n", result.Output.Select(o => o.ToString()));
        Assert.Contains("GET /sessions/" + TestPaths.SeedSessionId + " -> 200", text, StringComparison.Ordinal);
        Assert.Contains("X-Yoti-Auth-Digest: ***", text, StringComparison.Ordinal);
        Assert.Contains("nonce=***", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("nonce=[0-9a-f]{8}-", text);
        string keyLine = File.ReadAllLines(TestPaths.PrivateKeyPath)[1];
        Assert.DoesNotContain(keyLine.Substring(0, 20), text, StringComparison.Ordinal);
    }

    [Fact]
    public void StopDuringASlowRequestReturnsWithinASecond()
    {
        _emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromSeconds(20)));
        _host.Run("$null", ("ids", new[] { TestPaths.SeedSessionId, TestPaths.DoneSessionId }));
        using PowerShell shell = _host.CreateShell();
        shell.AddScript("$ids | Get-YotiSession");
        IAsyncResult pending = shell.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => _emulator.Stats.RequestsReceived >= 1, TimeSpan.FromSeconds(30)), "the request reached the server before Stop");
        var watch = Stopwatch.StartNew();
        shell.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "Stop took " + watch.Elapsed);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(pending));
    }

    [Fact]
    public void AServerThatStallsMidBodyTimesOutInsteadOfHanging()
    {
        // 64-byte chunks every 2 s: headers arrive at once, the body would take minutes.
        _emulator.AddFault(YotiIdvFault.Slow(TimeSpan.FromSeconds(2), 64));
        var watch = Stopwatch.StartNew();
        var result = _host.Run("Get-YotiSession $id -TimeoutSec 1 -MaxRetries 1", ("id", TestPaths.SeedSessionId));
        ErrorRecord error = SingleError(result, "YotiTimeout", ErrorCategory.OperationTimeout, TestPaths.SeedSessionId);
        Assert.Contains("2 attempts", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), "took " + watch.Elapsed);
    }

    [Fact]
    public void AKeyThatFailsEveryRequestStopsTheCommandAfterFiveFailures()
    {
        string otherKey = Path.Combine(Path.GetTempPath(), "yoti-other-" + Guid.NewGuid() + ".pem");
        using (RSA rsa = RSA.Create(2048))
        {
            File.WriteAllText(otherKey, rsa.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            Connect(otherKey);
            string[] ids = Enumerable.Repeat(TestPaths.SeedSessionId, 40).ToArray();
            var result = _host.Run("try { $ids | Get-YotiSession -ThrottleLimit 2 } catch { 'terminated: ' + $_.FullyQualifiedErrorId + ' ' + $_.ErrorDetails.Message }", ("ids", ids));
            Assert.Equal(4, result.Errors.Length);
            Assert.All(result.Errors, e => Assert.Equal("YotiAuthenticationFailed,YotiIdv.Commands.GetYotiSessionCommand", e.FullyQualifiedErrorId));
            string terminated = Assert.Single(result.Objects<string>());
            Assert.StartsWith("terminated: YotiAuthenticationFailed,", terminated, StringComparison.Ordinal);
            Assert.Contains("Stopped: the first 5 requests", terminated, StringComparison.Ordinal);
            Assert.InRange(_emulator.Stats.RequestsReceived, 5, 20);
        }
        finally
        {
            File.Delete(otherKey);
        }
    }

    [Fact]
    public void FailuresAfterASuccessNeverStopTheCommand()
    {
        _emulator.AddFault(YotiIdvFault.Status(401, "/sessions/0000*"));
        string[] ids = new[] { TestPaths.SeedSessionId }.Concat(Enumerable.Range(0, 8).Select(i => "00000000-0000-4000-8000-00000000000" + i)).ToArray();
        var result = _host.Run("$ids | Get-YotiSession -ThrottleLimit 1", ("ids", ids));
        Assert.Equal(8, result.Errors.Length);
        Assert.Single(result.Objects<YotiSession>());
    }
}
