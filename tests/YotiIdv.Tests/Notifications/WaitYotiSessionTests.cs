using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using YotiIdv.Emulator;
using YotiIdv.Model;
using YotiIdv.Tests.Cmdlets;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Notifications;

/// <summary>Wait-YotiSession against the emulator: a session completed while waiting, one that stays ONGOING, back-off.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class WaitYotiSessionTests : ConnectedCmdletTests
{
    private const string OngoingId = "e36241c0-7098-407f-a4a5-39b82fb54e31";

    public WaitYotiSessionTests()
        : base("WaitYotiSessionCommand")
    {
    }

    private static string OngoingJson() => File.ReadAllText(Path.Combine(TestPaths.SampleData, "sessions", "session-ongoing-no-checks.json"));

    [Fact]
    public void ReturnsWithinOnePollOfTheSessionCompleting()
    {
        using PowerShell shell = _host.CreateShell();
        shell.Runspace.SessionStateProxy.SetVariable("id", OngoingId);
        shell.AddScript("Wait-YotiSession $id -PollInterval 1 -Timeout 120");
        IAsyncResult running = shell.BeginInvoke();

        // Let it poll a few times while the session is ONGOING.
        DateTime until = DateTime.UtcNow.AddSeconds(60);
        while (_emulator.Stats.RequestsReceived < 3 && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        Assert.False(running.IsCompleted);
        _emulator.AddSession(OngoingJson().Replace("\"state\": \"ONGOING\"", "\"state\": \"COMPLETED\"", StringComparison.Ordinal));
        long requestsAtCompletion = _emulator.Stats.RequestsReceived;

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "Wait-YotiSession did not return after the session completed");
        var output = shell.EndInvoke(running);
        Assert.Empty(shell.Streams.Error);
        YotiSession session = Assert.IsType<YotiSession>(Assert.Single(output).BaseObject);
        Assert.Equal("COMPLETED", session.State);

        // One poll interval: at most the one next poll was needed to see the change.
        Assert.InRange(_emulator.Stats.RequestsReceived - requestsAtCompletion, 0, 1);
    }

    [Fact]
    public void EndsAtTimeoutWithYotiWaitTimeoutForASessionThatStaysOngoing()
    {
        var result = _host.Run("Wait-YotiSession -SessionId $id -PollInterval 0.3 -Timeout 2", ("id", OngoingId));
        Assert.Empty(result.Output);
        ErrorRecord error = SingleError(result, "YotiWaitTimeout", ErrorCategory.OperationTimeout, OngoingId);
        Assert.Contains("ONGOING", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.True(_emulator.Stats.RequestsReceived >= 2, "it polled more than once");
    }

    [Fact]
    public void PipedFinalSessionsNeedNoRequestAndIdsAndNotificationsBind()
    {
        var piped = _host.Run("Get-YotiSession $id | Wait-YotiSession", ("id", TestPaths.SeedSessionId));
        Assert.Empty(piped.Errors);
        Assert.Single(piped.Objects<YotiSession>());
        Assert.Equal(1, _emulator.Stats.RequestsReceived);

        var ids = _host.Run(@"
            $ids | Wait-YotiSession -PollInterval 0.2 -Timeout 30
            '{""session_id"":""' + $ids[0] + '"",""topic"":""session_completion""}' | ConvertFrom-YotiNotification -SkipAuthorization | Wait-YotiSession
            [pscustomobject]@{ session_id = $ids[1] } | Wait-YotiSession",
            ("ids", new[] { TestPaths.SeedSessionId, TestPaths.DoneSessionId }));
        Assert.Empty(ids.Errors);
        Assert.Equal(new[] { TestPaths.SeedSessionId, TestPaths.DoneSessionId, TestPaths.SeedSessionId, TestPaths.DoneSessionId },
            ids.Objects<YotiSession>().Select(s => s.SessionId));
    }

    [Fact]
    public void TransientFailuresAfterEveryRetryDoNotEndTheWait()
    {
        // MaxRetries 0: each 503 (with Retry-After) reaches the waiter, which backs off and polls again.
        _emulator.AddFault(YotiIdvFault.Status(503, "*", count: 3, retryAfterSeconds: 1));
        var result = _host.Run("Wait-YotiSession $id -PollInterval 0.1 -Timeout 60 -MaxRetries 0 -Verbose", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Single(result.Objects<YotiSession>());
        Assert.Equal(4, _emulator.Stats.RequestsReceived);
        Assert.Equal(3, result.Verbose.Count(v => v.Contains("failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnUnknownSessionEndsItsWaitWithNotFoundAndTheOthersGoOn()
    {
        var result = _host.Run("$ids | Wait-YotiSession -PollInterval 0.2 -Timeout 30", ("ids", new[] { "00000000-0000-4000-8000-000000000000", TestPaths.SeedSessionId }));
        SingleError(result, "YotiSessionNotFound", ErrorCategory.ObjectNotFound, "00000000-0000-4000-8000-000000000000");
        Assert.Single(result.Objects<YotiSession>());
    }
}
