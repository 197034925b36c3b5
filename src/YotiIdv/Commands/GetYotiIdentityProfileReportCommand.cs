using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiIdentityProfileReport: the identity profile report of a session, typed, as JSON text, or saved to a file.</summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Get, "YotiIdentityProfileReport", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(YotiProfileReport))]
[OutputType(typeof(string), ParameterSetName = new[] { ByIdSet, BySessionSet })]
public sealed class GetYotiIdentityProfileReportCommand : YotiSessionInputCmdlet
{
    private const string PathSet = "Path";

    /// <summary>Archive folders written by Save-YotiSession; the report is read from there, offline.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Emit the report JSON text exactly as received instead of a typed object.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary>Save the report JSON as received to this file, or to &lt;SessionId&gt;_&lt;MediaId&gt;.json in this folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrite an existing -OutFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -OutFile, also write the report to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// Skip sessions that never requested an identity profile (a verbose line instead of a YotiIdentityProfileMissing
    /// error), for batches that mix profile and non-profile sessions. Not-ready, expired and aborted profiles stay errors.
    /// </summary>
    [Parameter]
    public SwitchParameter SkipNotRequested { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (OutFile is null)
        {
            return;
        }

        // Checked once, before any download: a wrong -OutFile must not cost a request per session.
        _outPath = this.ResolveOutputPath(OutFile, nameof(OutFile));
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != PathSet)
        {
            base.ProcessRecord();
            return;
        }

        foreach (string path in Path)
        {
            foreach (string folder in ResolveFiles(path, literal: false, ErrorFactory.ArchiveNotFound))
            {
                if (_outPath != null && !ShouldProcess(_outPath, $"Save the identity profile report of the archive {folder}"))
                {
                    continue;
                }

                // Offline: the work is already done, queued only so that output and errors keep their order.
                Enqueue(folder, _ => Task.FromResult(YotiSessionArchive.ReadIdentityProfileReport(folder)), WriteReport);
            }
        }
    }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        // -WhatIf/-Confirm decide before the download, not after it.
        if (_outPath != null && !ShouldProcess(_outPath, $"Save the identity profile report of session {sessionId}"))
        {
            return;
        }

        Enqueue(sessionId, async (client, token) =>
            await IdentityProfileReportReader.GetAsync(client, piped ?? await client.GetSessionAsync(sessionId, token).ConfigureAwait(false), token).ConfigureAwait(false),
            WriteReport);
    }

    protected override bool HandleFailure(Exception error, object target)
    {
        if (SkipNotRequested && error is YotiIdentityProfileUnavailableException { Unavailable: { Reason: YotiIdentityProfileUnavailable.Missing, ProfileType: null } } skipped)
        {
            WriteVerbose("Skipped: " + skipped.Unavailable.Message);
            return true;
        }

        return base.HandleFailure(error, target);
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target) => ReportErrorRecord(error, target) ?? error switch
    {
        YotiInvalidDataException data when ParameterSetName == PathSet => new ErrorRecord(data, ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidData, target),
        FileNotFoundException or DirectoryNotFoundException => new ErrorRecord(error, ErrorFactory.ArchiveNotFound, ErrorCategory.ObjectNotFound, target),
        // A file of the archive that exists but cannot be read (an I/O error, no access): not an unexpected error.
        IOException or UnauthorizedAccessException when ParameterSetName == PathSet => new ErrorRecord(error, ErrorFactory.ArchiveNotFound, ErrorCategory.ReadError, target),
        _ => base.CreateErrorRecord(error, target),
    };

    /// <summary>The record for a session without a report, or whose report has no content yet; else null. Shared with Test-YotiIdentityProfileReport.</summary>
    internal static ErrorRecord? ReportErrorRecord(Exception error, object target) => error switch
    {
        YotiIdentityProfileUnavailableException unavailable => UnavailableRecord(unavailable),
        YotiMediaNoContentException noContent => new ErrorRecord(noContent, ErrorFactory.MediaNoContent, ErrorCategory.ResourceUnavailable, target)
        {
            ErrorDetails = new ErrorDetails(noContent.Message) { RecommendedAction = "Run the command again later; Yoti has no content for the report yet." },
        },
        _ => null,
    };

    private static ErrorRecord UnavailableRecord(YotiIdentityProfileUnavailableException ex)
    {
        YotiIdentityProfileUnavailable info = ex.Unavailable;
        (string id, ErrorCategory category, string action) = info.Reason switch
        {
            YotiIdentityProfileUnavailable.NotReady => (ErrorFactory.IdentityProfileNotReady, ErrorCategory.ResourceUnavailable,
                "Run the command again when the session is COMPLETED (Yoti's SESSION_COMPLETION webhook tells you)."),
            YotiIdentityProfileUnavailable.Expired => (ErrorFactory.IdentityProfileExpired, ErrorCategory.OperationStopped,
                "Create a new session for the user; an expired session gets no report."),
            YotiIdentityProfileUnavailable.Aborted => (ErrorFactory.IdentityProfileAborted, ErrorCategory.InvalidResult,
                "Read ReasonCode and RequirementsNotMetDetails on the error's TargetObject; the user may retry in a new session."),
            _ => (ErrorFactory.IdentityProfileMissing, ErrorCategory.ObjectNotFound,
                "Request an identity profile (identity_profile_requirements) when creating the session."),
        };
        return new ErrorRecord(ex, id, category, info)
        {
            ErrorDetails = new ErrorDetails(info.Message) { RecommendedAction = action },
        };
    }

    private void WriteReport(YotiProfileReport report)
    {
        if (_outPath is not null)
        {
            if (!SaveReport(report) || !PassThru)
            {
                return;
            }
        }

        WriteObject(Raw ? report.GetRawJson() : report);
    }

    private string? _outPath;

    private readonly System.Collections.Generic.HashSet<string> _savedPaths = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);

    private bool SaveReport(YotiProfileReport report)
    {
        string path = _outPath!;
        if (Directory.Exists(path))
        {
            path = System.IO.Path.Combine(path, report.SessionId + "_" + report.MediaId + ".json");
        }

        // One -OutFile file holds one report: a second session must not overwrite the first one's report.
        if (!_savedPaths.Add(path))
        {
            WriteError(new ErrorRecord(
                new IOException($"The report of session '{report.SessionId}' was not saved: '{path}' already holds another report of this command. Give -OutFile a folder to save several reports."),
                ErrorFactory.OutputFileExists, ErrorCategory.ResourceExists, report.SessionId));
            return false;
        }

        try
        {
            AtomicFile.WriteAllBytes(path, report.Content, overwrite: Force);
            return true;
        }
        catch (YotiFileException ex)
        {
            WriteError(ErrorFactory.FromFileProblem(ex, report.SessionId));
            return false;
        }
    }
}
