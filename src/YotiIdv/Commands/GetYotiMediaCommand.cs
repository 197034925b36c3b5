using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Media;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>
/// Get-YotiMedia: one media item's content (in memory, or streamed to -OutFile), or every media item a session
/// references (-All) streamed to -Destination as &lt;SessionId&gt;/&lt;Kind&gt;_&lt;MediaId&gt;.&lt;ext&gt;.
/// </summary>
[Cmdlet(VerbsCommon.Get, "YotiMedia", DefaultParameterSetName = MediaSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(YotiMediaContent))]
[OutputType(typeof(YotiMediaFile))]
public sealed class GetYotiMediaCommand : YotiApiCmdlet
{
    private const string MediaSet = "Media";
    private const string AllByIdSet = "AllBySessionId";
    private const string AllFromSessionSet = "AllFromSession";
    private YotiMediaTarget? _target;
    private string? _outFilePath;
    private bool _outFileUsed;
    private long _bytes;
    private int _known;

    /// <summary>The session the media belongs to.</summary>
    [Parameter(ParameterSetName = MediaSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AllByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string SessionId { get; set; } = string.Empty;

    /// <summary>One or more media ids of the session.</summary>
    [Parameter(ParameterSetName = MediaSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("media_id")]
    [AllowEmptyString]
    public string[] MediaId { get; set; } = Array.Empty<string>();

    /// <summary>A session from Get-YotiSession; its media are downloaded without fetching it again.</summary>
    [Parameter(ParameterSetName = AllFromSessionSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiSession? Session { get; set; }

    /// <summary>Every media item the session references.</summary>
    [Parameter(ParameterSetName = AllByIdSet, Mandatory = true)]
    [Parameter(ParameterSetName = AllFromSessionSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>The file to write (one item); an existing folder gets &lt;SessionId&gt;_&lt;MediaId&gt;.&lt;ext&gt;.</summary>
    [Parameter(ParameterSetName = MediaSet)]
    public string? OutFile { get; set; }

    /// <summary>The folder to write into, as &lt;SessionId&gt;/&lt;Kind&gt;_&lt;MediaId&gt;.&lt;ext&gt;.</summary>
    [Parameter]
    public string? Destination { get; set; }

    /// <summary>Overwrite existing files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Leave existing files as they are, without an error: for jobs that run again over the same sessions.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Emit a YotiMediaFile for each file written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool WritesFiles => _target != null;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (OutFile != null && Destination != null)
        {
            ThrowCombination("-OutFile and -Destination cannot be used together: -OutFile names one file, -Destination a folder for many.");
        }

        if ((PassThru || Force || SkipExisting) && OutFile is null && Destination is null)
        {
            ThrowCombination("-PassThru, -Force and -SkipExisting apply only with -OutFile or -Destination.");
        }

        if (Force && SkipExisting)
        {
            ThrowCombination("-Force overwrites existing files and -SkipExisting keeps them: use one of them.");
        }

        if (OutFile != null)
        {
            _outFilePath = this.ResolveOutputPath(OutFile, nameof(OutFile));
            _target = Directory.Exists(_outFilePath) ? YotiMediaTarget.ToFolderFlat(_outFilePath) : YotiMediaTarget.ToFile(_outFilePath);
        }
        else if (Destination != null)
        {
            string folder = this.ResolveOutputPath(Destination, nameof(Destination));
            if (File.Exists(folder))
            {
                // Said once, up front, rather than once per media item.
                ThrowTerminatingError(new ErrorRecord(new IOException($"-Destination '{folder}' is a file; give a folder (it is created when missing)."),
                    ErrorFactory.InvalidOutputPath, ErrorCategory.InvalidArgument, Destination));
            }

            _target = YotiMediaTarget.ToDestination(folder);
        }

        if (ParameterSetName == MediaSet && !MyInvocation.ExpectingInput)
        {
            SetProgressTotal(MediaId.Length);
        }

        if (WritesFiles)
        {
            // One bar: media items done of those known (each session read adds its media), with the bytes received.
            SetProgressDetail(() => $", {Interlocked.Read(ref _bytes) / 1048576.0:0.0} MB received");
        }
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case AllFromSessionSet:
                QueueSession(Session!);
                break;
            case AllByIdSet:
                if (ValidateId(SessionId, ErrorFactory.InvalidSessionId, "Session id") is string id && FetchSession(id) is { } session)
                {
                    QueueSession(session);
                }

                break;
            default:
                if (ValidateId(SessionId, ErrorFactory.InvalidSessionId, "Session id") is string sessionId)
                {
                    foreach (string input in MediaId ?? Array.Empty<string>())
                    {
                        if (ValidateId(input, ErrorFactory.InvalidMediaId, "Media id") is string mediaId)
                        {
                            QueueMedia(sessionId, mediaId, MediaKind.Unknown);
                        }
                    }
                }

                break;
        }
    }

    protected override void OnWaiting()
    {
        // Not while the first session is read: a bar without a total says nothing.
        if (WritesFiles && (_known > 0 || ParameterSetName == MediaSet))
        {
            UpdateProgress();
        }
    }

    protected override bool HandleFailure(Exception error, object target)
    {
        if (SkipExisting && error is YotiMediaFileException { Problem: YotiMediaFileProblem.Exists } exists)
        {
            WriteVerbose("Skipped: " + exists.Message);
            return true;
        }

        return false;
    }

    private YotiSession? FetchSession(string sessionId)
    {
        Task<YotiSession> task = Client.GetSessionAsync(sessionId, StopToken);
        WaitFor(task);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is YotiApiException || ex is YotiInvalidDataException)
        {
            AddToProgressTotal(1);
            EnqueueFailure(sessionId, ex); // keeps its place among the media already queued
            return null;
        }
    }

    private void QueueSession(YotiSession session)
    {
        if (ValidateId(session.SessionId, ErrorFactory.InvalidSessionId, "Session id") is not string sessionId)
        {
            return;
        }

        YotiMediaIndex index = YotiMediaIndex.Of(session);
        AddToProgressTotal(index.Count);
        _known += index.Count;
        foreach (YotiMediaEntry media in index)
        {
            // A hostile id (../../x, con, control characters) is refused here: never requested, never a file name.
            if (ValidateId(media.MediaId, ErrorFactory.InvalidMediaId, "Media id") is string mediaId)
            {
                QueueMedia(sessionId, mediaId, media.Kind);
            }
        }
    }

    private void QueueMedia(string sessionId, string mediaId, string kind)
    {
        if (_target is null)
        {
            Enqueue(mediaId, async (client, token) =>
                await client.GetMediaContentAsync(sessionId, mediaId, token).ConfigureAwait(false) ?? throw YotiMediaDownloader.NoContent(sessionId, mediaId),
                WriteObject);
            return;
        }

        if (!ShouldProcess(_target.Describe(sessionId, mediaId, kind), "Save media " + mediaId))
        {
            return;
        }

        if (_target.File != null && _outFileUsed)
        {
            EnqueueFailure(mediaId, new YotiMediaFileException(YotiMediaFileProblem.OutFileReused,
                $"Media '{mediaId}' was not saved: -OutFile '{_outFilePath}' is already used by this command for another item. Use -Destination for several items.", _outFilePath));
            return;
        }

        _outFileUsed = true;
        YotiMediaTarget target = _target;
        bool overwrite = Force;
        Enqueue(mediaId, (client, token) => TrackFileWork(YotiMediaDownloader.DownloadAsync(client, sessionId, mediaId, kind, target, overwrite, AddBytes, token)), WriteFile);
    }

    private void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

    private void WriteFile(YotiMediaFile file)
    {
        if (PassThru)
        {
            WriteObject(file);
        }
    }

    private void ThrowCombination(string message) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), ErrorFactory.InvalidParameterCombination, ErrorCategory.InvalidArgument, null));
}
