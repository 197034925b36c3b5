using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;

namespace YotiIdv.Infrastructure;

/// <summary>
/// A cmdlet that calls the API for each input: the connection and retry parameters, concurrent requests with
/// output in input order, one outcome (object or error record) per input, progress for long batches.
/// Derived cmdlets queue work with <see cref="Enqueue{T}"/> and write results in the success callback.
/// </summary>
public abstract class YotiApiCmdlet : YotiCmdlet
{
    private YotiApiClient? _client;
    private OrderedBatch? _batch;
    private BatchProgress? _progress;

    /// <summary>A connection from Connect-YotiIdv -PassThru, for scripts that use two applications at once.</summary>
    [Parameter]
    public YotiConnection? Connection { get; set; }

    /// <summary>How many requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Retries of a transient failure; default: the connection's (4).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxRetries { get; set; }

    /// <summary>Seconds one attempt may take; default: the connection's (30).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; }

    /// <summary>How many failures of a kind that dooms every input end the command when nothing has succeeded yet.</summary>
    internal const int HopelessAfter = 5;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _fileWork = new System.Collections.Concurrent.ConcurrentDictionary<Task, bool>();
    private bool _anySucceeded;
    private int _hopelessInARow;
    private int _rateLimitedInARow;

    /// <summary>The error id of a 404 for this cmdlet's items.</summary>
    protected virtual string NotFoundErrorId => ErrorFactory.SessionNotFound;

    /// <summary>The client, created on first use so that a command with no input needs no connection.</summary>
    protected YotiApiClient Client
    {
        get
        {
            if (_client is null)
            {
                YotiConnection connection = ResolveConnection(Connection);
                YotiRequestOptions options = connection.RequestOptions.Clone();
                if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxRetries)))
                {
                    options.MaxRetries = MaxRetries;
                }

                if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)))
                {
                    options.Timeout = TimeSpan.FromSeconds(TimeoutSec);
                }
                try
                {
                    _client = new YotiApiClient(connection, options, this);
                }
                catch (ArgumentException ex)
                {
                    // A script set an impossible value on $connection.RequestOptions.
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidConnection, ErrorCategory.InvalidArgument, connection.RequestOptions));
                    throw; // not reached
                }
            }

            return _client;
        }
    }

    private OrderedBatch Batch => _batch ??= new OrderedBatch(ItemConcurrency, StopToken);

    private BatchProgress Progress => _progress ??= new BatchProgress(this, GetType().Name.GetHashCode() & 0x7FFFFFFF, MyInvocation.MyCommand.Name);

    /// <summary>Sets the total shown by progress when the inputs are known up front.</summary>
    protected void SetProgressTotal(int total) => Progress.Total = total;

    /// <summary>Adds inputs that became known while running (the media of a session just read) to the progress total.</summary>
    protected void AddToProgressTotal(int count) => Progress.AddToTotal(count);

    /// <summary>Text appended to the progress status (e.g. bytes received).</summary>
    protected void SetProgressDetail(Func<string> detail) => Progress.Detail = detail;

    /// <summary>Shows progress now (at most every 250 ms), e.g. while a long download runs.</summary>
    protected void UpdateProgress() => Progress.Update(_batch?.RunningCount ?? 0);

    /// <summary>How many queued items run at once; a cmdlet whose items make several requests each may allow more, limiting requests itself.</summary>
    protected virtual int ItemConcurrency => ThrottleLimit;

    /// <summary>Queues one API call for <paramref name="target"/>; <paramref name="onSuccess"/> runs on the pipeline thread, in input order.</summary>
    protected void Enqueue<T>(object target, Func<YotiApiClient, CancellationToken, Task<T>> work, Action<T> onSuccess)
    {
        YotiApiClient client = Client;
        Enqueue(target, token => work(client, token), onSuccess);
    }

    /// <summary>Queues work that needs no API call (e.g. a piped session), so it keeps its place and needs no connection.</summary>
    protected void Enqueue<T>(object target, Func<CancellationToken, Task<T>> work, Action<T> onSuccess)
    {
        Batch.Add(target, work, onSuccess);
        Progress.Received++;
        WriteFinished(wait: false);
    }

    /// <summary>Queues an outcome already known to be a failure, so its error keeps its place in the output.</summary>
    protected void EnqueueFailure(object target, Exception error)
    {
        Batch.AddCompleted(target, error);
        Progress.Received++;
        WriteFinished(wait: false);
    }

    /// <summary>Checks an id; a bad one is queued as a failure and null is returned.</summary>
    protected string? ValidateId(string? input, string errorId, string what)
    {
        string? id = YotiId.Normalize(input, out string? reason);
        if (id is null)
        {
            if (input != null && (input.StartsWith("@{", StringComparison.Ordinal) && input.EndsWith("}", StringComparison.Ordinal) || LooksLikeTypeName(input)))
            {
                // An object without an id property was bound by value, as its text (e.g. a CSV row with other column names).
                reason = "the input object has no SessionId, Id or session_id property, so PowerShell passed the whole object as text; rename the column or use Select-Object";
            }

            EnqueueFailure(input ?? string.Empty, new InvalidInputException(errorId, what, reason!));
        }

        return id;
    }

    /// <summary>
    /// The text PowerShell makes of an object without an id property: its type name, often with a detail in
    /// parentheses (<c>System.Diagnostics.Process (pwsh)</c>, <c>Microsoft.Management.Infrastructure.CimInstance</c>).
    /// </summary>
    private static bool LooksLikeTypeName(string input) =>
        System.Text.RegularExpressions.Regex.IsMatch(input, @"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_`]*)+(\[[^\]]*\])?( \(.*\))?$");

    protected override void EndProcessing()
    {
        try
        {
            WriteFinished(wait: true);
        }
        finally
        {
            _progress?.Complete();
        }

        base.EndProcessing();
    }

    /// <summary>
    /// Marks work that writes files: a stop (Ctrl+C, Select-Object -First, -ErrorAction Stop) cancels it and then
    /// waits (briefly) until it has deleted its temporary files.
    /// </summary>
    protected Task<T> TrackFileWork<T>(Task<T> work)
    {
        _fileWork[work] = true;
        work.ContinueWith(t => _fileWork.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work;
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        WaitForCancelledWork();
    }

    protected override void WaitForCancelledWork()
    {
        try
        {
            Task.WaitAll(System.Linq.Enumerable.ToArray(_fileWork.Keys), TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // cancelled or failed: either way the temporary files are gone
        }
    }

    /// <summary>Lets a cmdlet treat a failure as an expected outcome (e.g. a file to skip); true means no error record.</summary>
    protected virtual bool HandleFailure(Exception error, object target) => false;

    /// <summary>The record for a failed item. Override to add context; the default covers every failure type.</summary>
    protected virtual ErrorRecord CreateErrorRecord(Exception error, object target) => error switch
    {
        InvalidInputException invalid => ErrorFactory.InvalidId(invalid.ErrorId, target, invalid.Message, invalid.What),
        // The request names its resource: a 404 for a media item is about the media, whichever command asked for it.
        YotiApiException api => ErrorFactory.FromApiFailure(api, target, NotFoundErrorId),
        YotiInvalidDataException data => ErrorFactory.WithCappedDetails(new ErrorRecord(data, ErrorFactory.InvalidResponse, ErrorCategory.InvalidData, target)),
        Media.YotiMediaFileException file => ErrorFactory.FromMediaFileProblem(file, target),
        Files.YotiFileException file => ErrorFactory.FromFileProblem(file, target),
        Archive.YotiArchiveCorruptException corrupt => ErrorFactory.FromArchiveCorrupt(corrupt, target),
        _ => new ErrorRecord(error, "YotiUnexpectedError", ErrorCategory.InvalidOperation, target),
    };

    /// <summary>
    /// A wrong key or SDK id (401/403), or an API that cannot be reached at all (refused, reset, or silently
    /// dropped so that every attempt times out), fails every input the same way:
    /// when the first <see cref="HopelessAfter"/> outcomes of a command are all such failures, going on would only
    /// take long (retries for each of thousands of ids) and bury the cause, so the command stops.
    /// </summary>
    private bool IsHopeless(Exception error)
    {
        bool dooms = error is YotiApiException api
            && (api.Kind == YotiFailureKind.Authentication || api.Kind == YotiFailureKind.Network || api.Kind == YotiFailureKind.Timeout);
        _hopelessInARow = dooms ? _hopelessInARow + 1 : 0;
        return !_anySucceeded && _hopelessInARow >= HopelessAfter;
    }

    /// <summary>
    /// A rate limit that outlasts every retry of <see cref="HopelessAfter"/> inputs in a row will not lift for the
    /// rest either, whatever succeeded before: each further input would only wait through its own retries.
    /// </summary>
    private bool IsRateLimitedForGood(Exception error)
    {
        bool limited = error is YotiApiException { Kind: YotiFailureKind.RateLimited };
        _rateLimitedInARow = limited ? _rateLimitedInARow + 1 : 0;
        return _rateLimitedInARow >= HopelessAfter;
    }

    /// <summary>Ends the command with the record of <paramref name="error"/>, saying why it stopped.</summary>
    private void StopCommand(Exception error, object target, string why, string? action)
    {
        CancelPendingWork();
        ErrorRecord record = CreateErrorRecord(error, target);
        record.ErrorDetails = new ErrorDetails((record.ErrorDetails?.Message ?? error.Message) + why)
        {
            RecommendedAction = action ?? record.ErrorDetails?.RecommendedAction ?? string.Empty,
        };
        ThrowTerminatingError(record);
    }

    /// <summary>Writes finished items in order; waits for the oldest when asked to, or when the window is full.</summary>
    private void WriteFinished(bool wait)
    {
        if (_batch is null)
        {
            return;
        }

        while (_batch.TakeNext(wait || _batch.IsWindowFull, WaitFor) is { } item)
        {
            Exception? error = item.Error;
            if (error is OperationCanceledException && StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            Progress.Count(failed: error != null);
            if (error is null)
            {
                _anySucceeded = true;
                item.Deliver();
            }
            else if (IsHopeless(error))
            {
                StopCommand(error, item.Target, $" Stopped: the first {HopelessAfter} requests of this command all failed like this, so the remaining inputs would too.", null);
            }
            else if (IsRateLimitedForGood(error))
            {
                StopCommand(error, item.Target,
                    $" Stopped: {HopelessAfter} requests in a row were still rate limited after every retry, so the remaining inputs would wait in vain.",
                    "Run the command again later for the inputs without output, with a lower -ThrottleLimit; or wait longer per request by raising -MaxRetries or the connection's RequestOptions.RetryMaxDelay.");
            }
            else if (!HandleFailure(error, item.Target))
            {
                WriteError(CreateErrorRecord(error, item.Target));
            }

            Progress.Update(_batch.RunningCount);
        }

        FlushTrace();
    }
}
