using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using YotiIdv.Archive;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>
/// Save-YotiSession: keeps each session as a verifiable set of files (session JSON, every media item, a manifest
/// with their SHA-256) in &lt;Destination&gt;/&lt;SessionId&gt;/, before Yoti deletes them. The work is
/// <see cref="YotiArchiveWriter"/>; this cmdlet binds input, limits requests and writes results.
/// </summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsData.Save, "YotiSession", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(YotiSessionArchiveResult))]
public sealed class SaveYotiSessionCommand : YotiSessionInputCmdlet
{
    private YotiArchiveOptions? _options;
    private SemaphoreSlim? _requestSlots;
    private long _bytes;

    /// <summary>The folder that gets one folder per session (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>Download again files that no longer match the manifest (never done without it).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Sessions in progress at once: each waits for request slots (-ThrottleLimit) for its reads and downloads.</summary>
    protected override int ItemConcurrency => ThrottleLimit * 2;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        string folder = this.ResolveOutputPath(Destination, nameof(Destination));
        if (File.Exists(folder))
        {
            ThrowTerminatingError(new ErrorRecord(new IOException($"-Destination '{folder}' is a file; give a folder (it is created when missing)."),
                ErrorFactory.InvalidOutputPath, ErrorCategory.InvalidArgument, Destination));
        }

        _requestSlots = new SemaphoreSlim(ThrottleLimit, ThrottleLimit);
        _options = new YotiArchiveOptions(folder, _requestSlots)
        {
            Force = Force,
            OnBytes = count => Interlocked.Add(ref _bytes, count),
            Log = this,
        };
        SetProgressDetail(() => $", {Interlocked.Read(ref _bytes) / 1048576.0:0.0} MB received");
    }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        YotiArchiveOptions options = _options!;
        if (!ShouldProcess(YotiSessionArchive.FolderFor(options.Destination, sessionId), "Save session " + sessionId))
        {
            return;
        }

        Enqueue(sessionId, (client, token) => TrackFileWork(YotiArchiveWriter.SaveAsync(client, sessionId, piped, options, token)), WriteResult);
    }

    protected override void OnWaiting() => UpdateProgress();

    protected override ErrorRecord CreateErrorRecord(Exception error, object target)
    {
        if (error is YotiArchiveIncompleteException incomplete && incomplete.InnerException is { } cause)
        {
            // The cause's id and category (YotiServiceUnavailable …), the archive's message.
            ErrorRecord record = base.CreateErrorRecord(cause, target);
            record.ErrorDetails = new ErrorDetails(incomplete.Message + (cause is Http.YotiApiException { Attempts: > 1 } api ? $" Gave up after {api.Attempts} attempts." : string.Empty))
            {
                RecommendedAction = "Run Save-YotiSession again for this session; what is saved stays, and the missing items are fetched.",
            };
            return record;
        }

        return base.CreateErrorRecord(error, target);
    }

    private void WriteResult(YotiSessionArchiveResult result)
    {
        if (result.NewlyUnavailable.Count > 0)
        {
            // Permanent (204, 404): listed in the manifest, one warning, never an error a nightly job fails on.
            WriteWarning($"Session {result.SessionId}: {result.NewlyUnavailable.Count} media item(s) unavailable and listed as such in the manifest: "
                + string.Join(", ", result.NewlyUnavailable.Select(g => $"{g.Kind}_{g.MediaId} ({g.Reason})")) + ".");
        }

        WriteObject(result);
        if (result.Failure != null)
        {
            WriteError(CreateErrorRecord(result.Failure, result.SessionId));
        }
    }
}
