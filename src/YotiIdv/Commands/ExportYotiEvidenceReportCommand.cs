using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Proof;
using YotiIdv.Report;

namespace YotiIdv.Commands;

/// <summary>
/// Export-YotiEvidenceReport: one self-contained HTML page per session (&lt;SessionId&gt;.html), from the API
/// (media downloaded first) or from an archive folder written by Save-YotiSession (no request at all).
/// </summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsData.Export, "YotiEvidenceReport", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportYotiEvidenceReportCommand : YotiSessionInputCmdlet
{
    private const string PathSet = "Path";

    private string? _folder;
    private string? _outFile;
    private bool _outFileUsed;
    private YotiEvidenceReportInfo? _info;
    private IReadOnlyList<Uri>? _trustedOrigins;

    /// <summary>Archive folders (Save-YotiSession): one session's folder, or a folder of session folders. Nothing is requested.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The folder to write &lt;SessionId&gt;.html into (created when missing); default: the current folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>The file to write, for a single session.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrite existing report files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (OutFile != null && Destination != null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-OutFile and -Destination cannot be used together: -OutFile names one file, -Destination a folder for many."),
                ErrorFactory.InvalidParameterCombination, ErrorCategory.InvalidArgument, null));
        }

        if (OutFile != null)
        {
            _outFile = this.ResolveOutputPath(OutFile, nameof(OutFile));
            if (Directory.Exists(_outFile))
            {
                // A folder given as -OutFile gets <SessionId>.html, as -Destination would.
                (_folder, _outFile) = (_outFile, null);
            }
        }
        else
        {
            _folder = this.ResolveOutputPath(Destination ?? ".", nameof(Destination));
            if (File.Exists(_folder))
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"-Destination '{_folder}' is a file; give a folder (it is created when missing)."),
                    ErrorFactory.InvalidOutputPath, ErrorCategory.InvalidArgument, Destination));
            }
        }

        _info = new YotiEvidenceReportInfo
        {
            ModuleVersion = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(ExportYotiEvidenceReportCommand).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            GeneratedAt = DateTimeOffset.UtcNow,
            GeneratedOn = Environment.UserName + "@" + Environment.MachineName,
        };
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != PathSet)
        {
            base.ProcessRecord();
            return;
        }

        foreach (string input in Path ?? Array.Empty<string>())
        {
            foreach (string folder in ResolveArchiveFolders(input))
            {
                QueueArchive(folder);
            }
        }
    }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        if (Claim(sessionId) is not { } path)
        {
            return;
        }

        YotiEvidenceReportInfo info = InfoFor("Yoti IDV API " + Client.Connection.ApiUrl, null);
        IReadOnlyList<Uri> origins = _trustedOrigins ??= ReportProofChecker.TrustedOriginsOf(Client.Connection);
        Enqueue(sessionId, async (client, token) =>
        {
            YotiSession session = piped ?? await client.GetSessionAsync(sessionId, token).ConfigureAwait(false);
            YotiEvidenceMediaSet media = await YotiEvidenceMediaFetcher.FetchAsync(client, session, token).ConfigureAwait(false);
            YotiEvidenceProofOutcome? proof = await YotiEvidenceProofCheck.CheckAsync(session, media, null, null, origins, client.GetKeySetAsync, token).ConfigureAwait(false);
            return Write(path, session, media, proof, info, token);
        }, Written);
    }

    protected override ErrorRecord CreateErrorRecord(Exception error, object target) => error switch
    {
        ReportFileException file => new ErrorRecord(file, file.Exists ? ErrorFactory.OutputFileExists : ErrorFactory.OutputFileWriteFailed,
            file.Exists ? ErrorCategory.ResourceExists : ErrorCategory.WriteError, target)
        {
            ErrorDetails = new ErrorDetails(file.Message)
            {
                RecommendedAction = file.Exists ? "Use -Force to overwrite, or choose another -Destination or -OutFile." : "Check free disk space and write access to the destination.",
            },
        },
        YotiArchiveCorruptException corrupt => ErrorFactory.FromArchiveCorrupt(corrupt, target),
        ArchiveInputException archive => ArchiveRecord(archive, archive.ErrorId, archive.Category, target),
        YotiInvalidDataException data when ParameterSetName == PathSet => ArchiveRecord(data, ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidData, target),
        IOException io when ParameterSetName == PathSet => ArchiveRecord(io, io is FileNotFoundException ? ErrorFactory.SessionFileNotFound : ErrorFactory.InvalidSessionFile,
            io is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError, target),
        UnauthorizedAccessException denied when ParameterSetName == PathSet => ArchiveRecord(denied, ErrorFactory.InvalidSessionFile, ErrorCategory.PermissionDenied, target),
        _ => base.CreateErrorRecord(error, target),
    };

    private static ErrorRecord ArchiveRecord(Exception error, string id, ErrorCategory category, object target) => new ErrorRecord(error, id, category, target)
    {
        ErrorDetails = new ErrorDetails(error.Message)
        {
            RecommendedAction = "Give -Path an archive folder as Save-YotiSession writes it (session.json, manifest.json, media/), or a folder of them.",
        },
    };

    private void QueueArchive(string folder)
    {
        // The archive's folder name is its session id (Save-YotiSession); the file inside says the same, checked on load.
        string name = System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
        if (ValidateId(name, ErrorFactory.InvalidSessionId, "Session id") is not string sessionId || Claim(sessionId) is not { } path)
        {
            return;
        }

        Enqueue(folder, token => Task.Run(async () =>
        {
            YotiEvidenceArchiveSource archive = YotiEvidenceArchiveSource.Open(folder);
            if (!string.Equals(archive.Session.SessionId, sessionId, StringComparison.OrdinalIgnoreCase))
            {
                throw new YotiInvalidDataException($"'{folder}' holds session '{YotiId.ForDisplay(archive.Session.SessionId)}', not the session its folder is named after.");
            }

            // Offline: only the archive's own key sets; never a request.
            YotiEvidenceProofOutcome? proof = await YotiEvidenceProofCheck.CheckAsync(archive.Session, archive.Media, archive.KeySets, archive.KeySetNote, null, null, token).ConfigureAwait(false);
            return Write(path, archive.Session, archive.Media, proof, InfoFor("archive " + folder, archive.ManifestSha256), token);
        }, token), Written);
    }

    private IEnumerable<string> ResolveArchiveFolders(string input)
    {
        var folders = new List<string>();
        try
        {
            var matches = GetResolvedProviderPathFromPSPath(input, out ProviderInfo provider);
            if (matches.Count == 0)
            {
                // A wildcard that matches nothing is an error, not silence (as for every -Path of the module).
                throw new ItemNotFoundException($"No archive folder matches '{input}'.");
            }

            foreach (string resolved in matches)
            {
                if (provider.Name != "FileSystem")
                {
                    continue;
                }

                if (File.Exists(System.IO.Path.Combine(resolved, YotiSessionArchive.SessionFile)))
                {
                    folders.Add(resolved);
                }
                else if (Directory.Exists(resolved))
                {
                    // A folder of archives: every sub-folder that holds a session.
                    foreach (string child in Directory.GetDirectories(resolved))
                    {
                        if (File.Exists(System.IO.Path.Combine(child, YotiSessionArchive.SessionFile)))
                        {
                            folders.Add(child);
                        }
                    }

                    if (folders.Count == 0)
                    {
                        EnqueueFailure(input, new ArchiveInputException(ErrorFactory.SessionFileNotFound, ErrorCategory.ObjectNotFound,
                            $"'{resolved}' holds no session archive: no {YotiSessionArchive.SessionFile} in it or in its sub-folders."));
                    }
                }
                else
                {
                    EnqueueFailure(input, new ArchiveInputException(ErrorFactory.SessionFileNotFound, ErrorCategory.ObjectNotFound, $"'{resolved}' is not an archive folder."));
                }
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
        {
            EnqueueFailure(input, new ArchiveInputException(ErrorFactory.SessionFileNotFound, ErrorCategory.ObjectNotFound, ex.Message));
        }

        folders.Sort(StringComparer.Ordinal);
        return folders;
    }

    /// <summary>
    /// Decides where a session's report goes, on the pipeline thread before any work: -WhatIf/-Confirm decide
    /// here, and an existing file (without -Force) or a second session for one -OutFile is an error in its place.
    /// </summary>
    private string? Claim(string sessionId)
    {
        string path = _outFile ?? System.IO.Path.Combine(_folder!, YotiMediaFileName.SafeSegment(sessionId) + ".html");
        if (_outFile != null && _outFileUsed)
        {
            EnqueueFailure(sessionId, new ReportFileException(true,
                $"The report of session '{sessionId}' was not written: -OutFile '{path}' already holds another session's report of this command. Use -Destination for several sessions."));
            return null;
        }

        bool exists = File.Exists(path);
        if (exists && !Force)
        {
            EnqueueFailure(sessionId, new ReportFileException(true, $"The report of session '{sessionId}' was not written: '{path}' exists; use -Force to overwrite it."));
            return null;
        }

        if (!ShouldProcess(path, (exists ? "Overwrite with" : "Write") + " the evidence report of session " + sessionId))
        {
            return null;
        }

        _outFileUsed = true;
        return path;
    }

    private YotiEvidenceReportInfo InfoFor(string source, string? manifestSha256) => new YotiEvidenceReportInfo
    {
        ModuleVersion = _info!.ModuleVersion,
        GeneratedAt = _info.GeneratedAt,
        GeneratedOn = _info.GeneratedOn,
        Source = source,
        ManifestSha256 = manifestSha256,
    };

    private WrittenReport Write(string path, YotiSession session, IYotiEvidenceMediaSource media, YotiEvidenceProofOutcome? proof, YotiEvidenceReportInfo info, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        byte[] html = YotiEvidenceReport.RenderUtf8(session, media, info, proof);
        bool overwrite = Force;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, html, overwrite);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
        {
            bool exists = !overwrite && File.Exists(path);
            throw new ReportFileException(exists, exists
                ? $"The report of session '{session.SessionId}' was not written: '{path}' exists; use -Force to overwrite it."
                : $"The report of session '{session.SessionId}' could not be written to '{path}': {ex.Message}", ex);
        }

        return new WrittenReport(new FileInfo(path), html.Length, info.Source);
    }

    private void Written(WrittenReport report)
    {
        WriteVerbose($"Wrote {report.File.FullName} ({report.Length} bytes) from {report.Source}.");
        WriteObject(report.File);
    }

    private sealed class WrittenReport
    {
        public WrittenReport(FileInfo file, long length, string? source)
        {
            File = file;
            Length = length;
            Source = source;
        }

        public FileInfo File { get; }

        public long Length { get; }

        public string? Source { get; }
    }

    /// <summary>An archive input that is not one (no session.json, not a folder).</summary>
    private sealed class ArchiveInputException : IOException
    {
        public ArchiveInputException(string errorId, ErrorCategory category, string message)
            : base(message)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }
    }

    /// <summary>A report file that exists (without -Force) or could not be written.</summary>
    private sealed class ReportFileException : IOException
    {
        public ReportFileException(bool exists, string message, Exception? inner = null)
            : base(message, inner)
        {
            Exists = exists;
        }

        public bool Exists { get; }
    }
}
