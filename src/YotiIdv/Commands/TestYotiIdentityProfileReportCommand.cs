using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;
using YotiIdv.Proof;

namespace YotiIdv.Commands;

/// <summary>
/// Test-YotiIdentityProfileReport: checks that identity profile reports are Yoti's and unchanged (spec 5.5), from
/// files, piped sessions (the report is downloaded) or piped reports. One result per report; a report that does
/// not verify is a result with Verified = $false, only input that cannot be read is an error record.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "YotiIdentityProfileReport", DefaultParameterSetName = PathSet)]
[OutputType(typeof(YotiReportVerification))]
[OutputType(typeof(bool))]
public sealed class TestYotiIdentityProfileReportCommand : YotiApiCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string SessionSet = "Session";
    private const string ReportSet = "Report";

    private const long MaxKeySetFileBytes = 1024 * 1024;

    private ReportProofChecker _checker = null!;
    private IReadOnlyList<Uri>? _trustedOrigins;

    /// <summary>Report files (wildcards allowed).</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Report files, taken literally; Get-ChildItem output binds here.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Sessions from Get-YotiSession: the report of each is downloaded and checked.</summary>
    [Parameter(ParameterSetName = SessionSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiSession[] Session { get; set; } = Array.Empty<YotiSession>();

    /// <summary>Reports from Get-YotiIdentityProfileReport (checked as received, byte for byte).</summary>
    [Parameter(ParameterSetName = ReportSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiProfileReport[] Report { get; set; } = Array.Empty<YotiProfileReport>();

    /// <summary>A key set file (JWKS) to check every report with; nothing is fetched.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JwksPath { get; set; }

    /// <summary>Output only $true or $false per report.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        byte[]? pinned = null;
        if (JwksPath != null)
        {
            string path = ResolveUserPath(JwksPath);
            try
            {
                // Only a regular file of a sane size (a key set is a few KB), checked before opening.
                pinned = LocalFile.ReadAllBytes(path, MaxKeySetFileBytes, "key set file");
            }
            catch (LocalFileException ex)
            {
                ThrowTerminatingError(ErrorFactory.FromLocalFile(ex, ErrorFactory.KeySetFileNotFound, ErrorFactory.InvalidKeySet));
            }
        }

        try
        {
            _checker = new ReportProofChecker(pinned);
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidKeySet, ErrorCategory.InvalidData, JwksPath)
            {
                ErrorDetails = new ErrorDetails($"-JwksPath '{JwksPath}' is not a JSON Web Key Set: {ex.Message}"),
            });
        }
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case SessionSet:
                foreach (YotiSession session in Session ?? Array.Empty<YotiSession>())
                {
                    if (session != null && ValidateId(session.SessionId, ErrorFactory.InvalidSessionId, "Session id") is string id)
                    {
                        QueueSession(id, session);
                    }
                }

                break;
            case ReportSet:
                foreach (YotiProfileReport report in Report ?? Array.Empty<YotiProfileReport>())
                {
                    if (report != null)
                    {
                        QueueReport(report.SessionId, report.Content, report.SessionId, null);
                    }
                }

                break;
            default:
                bool literal = ParameterSetName == LiteralPathSet;
                foreach (string path in literal ? LiteralPath : Path)
                {
                    foreach (string file in ResolveFiles(path, literal, ErrorFactory.ReportFileNotFound))
                    {
                        QueueFile(file);
                    }
                }

                break;
        }
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target) => error is ReportInputException input
        ? ErrorFactory.FromLocalFile(input.File, ErrorFactory.ReportFileNotFound, ErrorFactory.ReportFileNotFound)
        : GetYotiIdentityProfileReportCommand.ReportErrorRecord(error, target) ?? base.CreateErrorRecord(error, target);

    private void QueueFile(string file)
    {
        byte[] content;
        try
        {
            // Only regular files (not a folder, FIFO or device), at most the in-memory response limit.
            content = LocalFile.ReadAllBytes(file, YotiRequestOptions.DefaultMaxResponseBytes, "report file");
        }
        catch (LocalFileException ex)
        {
            EnqueueFailure(file, new ReportInputException(ex));
            return;
        }

        QueueReport(file, content, null, file);
    }

    /// <summary>Reads the proof here, on the pipeline thread, so that a connection is asked for only when a key set must be fetched.</summary>
    private void QueueReport(object target, byte[] content, string? sessionId, string? path)
    {
        ReportProof proof = ReportProof.Read(content);
        if (_checker.NeedsTrustedOrigins(proof, null))
        {
            IReadOnlyList<Uri> origins = TrustedOrigins();
            Enqueue(target, (client, token) => _checker.CheckAsync(proof, null, origins, client.GetKeySetAsync, token), r => WriteResult(r, sessionId, path));
        }
        else
        {
            Enqueue(target, token => _checker.CheckAsync(proof, null, null, null, token), r => WriteResult(r, sessionId, path));
        }
    }

    private void QueueSession(string sessionId, YotiSession session)
    {
        IReadOnlyList<Uri>? origins = JwksPath is null ? TrustedOrigins() : null;
        Enqueue(sessionId, async (client, token) =>
        {
            YotiProfileReport report = await IdentityProfileReportReader.GetAsync(client, session, token).ConfigureAwait(false);
            return await _checker.CheckAsync(ReportProof.Read(report.Content), null, origins, client.GetKeySetAsync, token).ConfigureAwait(false);
        }, r => WriteResult(r, sessionId, null));
    }

    /// <summary>The connection's API origin and trusted key origins (resolving the connection on first use).</summary>
    private IReadOnlyList<Uri> TrustedOrigins() => _trustedOrigins ??= ReportProofChecker.TrustedOriginsOf(Client.Connection);

    private void WriteResult(YotiReportVerification result, string? sessionId, string? path)
    {
        result.SessionId = sessionId;
        result.Path = path;
        WriteVerbose($"{path ?? sessionId ?? result.ReportId}: {(result.Verified ? "verified" : "not verified (" + result.Reason + ")")}. {result.Message}");
        WriteObject(Quiet ? result.Verified : result);
    }

    /// <summary>A report file that cannot be read: the only input that is an error record rather than a result (queued to keep its place).</summary>
    private sealed class ReportInputException : IOException
    {
        public ReportInputException(LocalFileException file)
            : base(file.Message, file) => File = file;

        public LocalFileException File { get; }
    }
}
