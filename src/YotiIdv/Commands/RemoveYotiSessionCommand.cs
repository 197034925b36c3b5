using System;
using System.IO;
using System.Management.Automation;
using YotiIdv.Archive;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>
/// Remove-YotiSession: deletes sessions with their resources and media at Yoti (spec 3.3), for data-protection
/// requests and "archive, verify, then delete" jobs. Takes ids, piped sessions, or any object with a SessionId.
/// </summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Remove, "YotiSession", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveYotiSessionCommand : YotiSessionInputCmdlet
{
    /// <summary>Delete without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// A folder of archives (Save-YotiSession -Destination): a session is deleted only when its archive there is
    /// valid and complete (Test-YotiSessionArchive); otherwise nothing is sent and the session is an error record.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RequireArchive { get; set; }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        if (RequireArchive != null && ArchiveRefusal(sessionId) is { } refusal)
        {
            EnqueueFailure(sessionId, refusal);
            return;
        }

        if (DeleteConfirmation.ShouldDelete(this, Force, "session " + sessionId, "Delete the session, its resources and media at Yoti"))
        {
            Enqueue(sessionId, (client, token) => client.DeleteSessionAsync(sessionId, token),
                _ => WriteVerbose("Deleted session " + sessionId + "."));
        }
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target) => error is YotiArchiveRequiredException
        ? ErrorFactory.WithDetails(new ErrorRecord(error, ErrorFactory.ArchiveRequired, ErrorCategory.SecurityError, target), error.Message,
            "Run Save-YotiSession for the session (and Test-YotiSessionArchive to see what is wrong), then remove it again.")
        : base.CreateErrorRecord(error, target);

    /// <summary>Null when the session's archive verifies (the same check as Test-YotiSessionArchive), else why it is not deleted.</summary>
    private YotiArchiveRequiredException? ArchiveRefusal(string sessionId)
    {
        string folder = YotiSessionArchive.FolderFor(ResolveUserPath(RequireArchive!), sessionId);
        if (!Directory.Exists(folder))
        {
            return new YotiArchiveRequiredException($"Session '{sessionId}' was not deleted: it has no archive at '{folder}'.");
        }

        YotiArchiveTestResult result;
        try
        {
            result = YotiSessionArchive.Test(folder);
        }
        catch (Exception ex) when (Files.AtomicFile.IsFileSystemError(ex))
        {
            return new YotiArchiveRequiredException($"Session '{sessionId}' was not deleted: its archive '{folder}' cannot be read ({ex.Message}).");
        }

        string? why = !result.Valid ? "does not verify (" + string.Join(", ", result.Problems) + ")"
            : !string.Equals(result.SessionId, sessionId, StringComparison.OrdinalIgnoreCase) ? "is of another session ('" + YotiId.ForDisplay(result.SessionId) + "')"
            : !result.Complete ? "is incomplete (media items are still missing; run Save-YotiSession again)"
            : null;
        WriteVerbose($"Archive of session {sessionId} at {folder}: {why ?? "verified"}.");
        return why is null ? null : new YotiArchiveRequiredException($"Session '{sessionId}' was not deleted: its archive '{folder}' {why}.");
    }

    private sealed class YotiArchiveRequiredException : InvalidOperationException
    {
        public YotiArchiveRequiredException(string message)
            : base(message)
        {
        }
    }
}
