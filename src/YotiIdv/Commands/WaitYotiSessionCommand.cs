using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;
using YotiIdv.Notifications;

namespace YotiIdv.Commands;

/// <summary>
/// Wait-YotiSession: polls sessions until they are no longer ONGOING and writes them (in input order); a session
/// still ONGOING after -Timeout is the error YotiWaitTimeout. Ids, notifications and sessions pipe in.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "YotiSession", DefaultParameterSetName = BySessionSet)]
[OutputType(typeof(YotiSession))]
public sealed class WaitYotiSessionCommand : YotiSessionInputCmdlet
{
    internal const string WaitTimeoutErrorId = "YotiWaitTimeout";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, SessionWaitStatus> _waiting = new ConcurrentDictionary<string, SessionWaitStatus>();
    private readonly Stopwatch _progressClock = Stopwatch.StartNew();
    private TimeSpan _lastProgress = TimeSpan.Zero;
    private bool _progressShown;

    /// <summary>How long to wait for each session, from its first poll; a number is seconds. Default 15 minutes.</summary>
    [Parameter]
    [SecondsTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time between two polls of a session; a number is seconds. Default 5 seconds.</summary>
    [Parameter]
    [SecondsTransformation]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    private int ProgressId => (GetType().Name.GetHashCode() & 0x7FFFFFF) + 1;

    protected override void BeginProcessing()
    {
        if (Timeout <= TimeSpan.Zero || PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(PollInterval),
                "-Timeout must be positive and -PollInterval between 0.1 seconds and 1 hour."), ErrorFactory.InvalidParameterCombination, ErrorCategory.InvalidArgument, null));
        }

        base.BeginProcessing();
    }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        if (piped != null && !SessionWaiter.IsOngoing(piped))
        {
            // Final already: neither a request nor a connection is needed.
            Enqueue(sessionId, _ => System.Threading.Tasks.Task.FromResult(piped), WriteObject);
            return;
        }

        IYotiLog log = this;
        Enqueue(sessionId, async (client, token) =>
        {
            try
            {
                return await SessionWaiter.WaitAsync(client, sessionId, piped, PollInterval, Timeout, status =>
                {
                    _waiting[sessionId] = status;
                    log.Verbose(status.Failure is null
                        ? $"Session {sessionId} is {status.State} (poll {status.Polls}, {status.Elapsed.TotalSeconds:0} s); next poll in {status.NextPoll.TotalSeconds:0.#} s."
                        : $"Session {sessionId}: poll {status.Polls} failed ({status.Failure}); next poll in {status.NextPoll.TotalSeconds:0.#} s.");
                }, token).ConfigureAwait(false);
            }
            finally
            {
                _waiting.TryRemove(sessionId, out _);
            }
        }, WriteObject);
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target)
    {
        if (error is YotiWaitTimeoutException timeout)
        {
            return new ErrorRecord(timeout, WaitTimeoutErrorId, ErrorCategory.OperationTimeout, target)
            {
                ErrorDetails = new ErrorDetails(timeout.Message)
                {
                    RecommendedAction = "Wait again later, or raise -Timeout. The user may not have finished the session yet.",
                },
            };
        }

        return base.CreateErrorRecord(error, target);
    }

    protected override void OnWaiting()
    {
        TimeSpan now = _progressClock.Elapsed;
        if (now - _lastProgress < ProgressInterval || _waiting.IsEmpty)
        {
            return;
        }

        _lastProgress = now;
        _progressShown = true;
        SessionWaitStatus[] waiting = _waiting.Values.OrderByDescending(s => s.Elapsed).ToArray();
        SessionWaitStatus oldest = waiting[0];
        string others = waiting.Length > 1 ? $" (+{waiting.Length - 1} more)" : string.Empty;
        var record = new ProgressRecord(ProgressId, "Waiting for Yoti sessions to leave ONGOING",
            $"{oldest.SessionId}{others}: {oldest.State ?? "?"}, poll {oldest.Polls}, {oldest.Elapsed.TotalSeconds:0} of {Timeout.TotalSeconds:0} s")
        {
            PercentComplete = (int)Math.Min(100, oldest.Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds),
        };
        WriteProgress(record);
    }

    protected override void EndProcessing()
    {
        try
        {
            base.EndProcessing();
        }
        finally
        {
            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, "Waiting for Yoti sessions to leave ONGOING", "Completed") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
