using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiIdentityProfileReport: the identity profile report of a session, typed, as JSON text, or saved to a file.</summary>
/// <remarks>
/// BySession is the default set on purpose: the binder tries the default set first, and with BySessionId as default
/// a piped YotiSession would bind its SessionId property by name and be fetched again. Strings and CSV rows do not
/// convert to YotiSession, so they still bind -SessionId.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "YotiIdentityProfileReport", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(YotiProfileReport))]
[OutputType(typeof(string), ParameterSetName = new[] { BySessionIdSet, BySessionSet })]
public sealed class GetYotiIdentityProfileReportCommand : YotiApiCmdlet
{
    private const string BySessionIdSet = "BySessionId";
    private const string BySessionSet = "BySession";

    /// <summary>One or more session ids (UUIDs); each session is fetched, then its report.</summary>
    [Parameter(ParameterSetName = BySessionIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string[] SessionId { get; set; } = Array.Empty<string>();

    /// <summary>Session objects from Get-YotiSession; they are not fetched again.</summary>
    [Parameter(ParameterSetName = BySessionSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiSession[] Session { get; set; } = Array.Empty<YotiSession>();

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

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!MyInvocation.ExpectingInput)
        {
            SetProgressTotal(ParameterSetName == BySessionSet ? Session.Length : SessionId.Length);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySessionSet)
        {
            foreach (YotiSession session in Session ?? Array.Empty<YotiSession>())
            {
                if (session is not null && ValidateId(session.SessionId, ErrorFactory.InvalidSessionId, "Session id") is not null)
                {
                    Enqueue(session.SessionId!, (client, token) => IdentityProfileReportReader.GetAsync(client, session, token), WriteReport);
                }
            }

            return;
        }

        foreach (string input in SessionId ?? Array.Empty<string>())
        {
            if (ValidateId(input, ErrorFactory.InvalidSessionId, "Session id") is string id)
            {
                Enqueue(id, (client, token) => FetchAsync(client, id, token), WriteReport);
            }
        }
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target) => error switch
    {
        YotiIdentityProfileUnavailableException unavailable => UnavailableRecord(unavailable),
        YotiApiException api when api.Kind == YotiFailureKind.NotFound && api.RequestPath.Contains("/media/") =>
            ErrorFactory.FromApiFailure(api, target, ErrorFactory.MediaNotFound),
        YotiMediaNoContentException noContent => new ErrorRecord(noContent, ErrorFactory.MediaNoContent, ErrorCategory.ResourceUnavailable, target)
        {
            ErrorDetails = new ErrorDetails(noContent.Message) { RecommendedAction = "Run the command again later; Yoti has no content for the report yet." },
        },
        _ => base.CreateErrorRecord(error, target),
    };

    private static async Task<YotiProfileReport> FetchAsync(YotiApiClient client, string sessionId, CancellationToken token)
    {
        YotiSession session = await client.GetSessionAsync(sessionId, token).ConfigureAwait(false);
        return await IdentityProfileReportReader.GetAsync(client, session, token).ConfigureAwait(false);
    }

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
        if (OutFile is not null)
        {
            if (!SaveReport(report) || !PassThru)
            {
                return;
            }
        }

        WriteObject(Raw ? report.GetRawJson() : report);
    }

    private bool SaveReport(YotiProfileReport report)
    {
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile, out ProviderInfo provider, out _);
        if (provider.Name != "FileSystem")
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-OutFile '{OutFile}' is not a file system path."), ErrorFactory.OutputFileWriteFailed, ErrorCategory.InvalidArgument, OutFile));
        }

        if (Directory.Exists(path))
        {
            path = System.IO.Path.Combine(path, report.SessionId + "_" + report.MediaId + ".json");
        }

        if (!ShouldProcess(path, $"Save the identity profile report of session {report.SessionId}"))
        {
            return false;
        }

        if (!Force && File.Exists(path))
        {
            WriteError(new ErrorRecord(new IOException($"'{path}' exists; use -Force to overwrite it."), ErrorFactory.OutputFileExists, ErrorCategory.ResourceExists, report.SessionId));
            return false;
        }

        try
        {
            AtomicFile.WriteAllBytes(path, report.Content, overwrite: Force);
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            bool exists = !Force && File.Exists(path);
            WriteError(new ErrorRecord(ex, exists ? ErrorFactory.OutputFileExists : ErrorFactory.OutputFileWriteFailed,
                exists ? ErrorCategory.ResourceExists : ErrorCategory.WriteError, report.SessionId));
            return false;
        }
    }
}
