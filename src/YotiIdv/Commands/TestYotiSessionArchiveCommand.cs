using System;
using System.IO;
using System.Management.Automation;
using YotiIdv.Archive;
using YotiIdv.Infrastructure;

namespace YotiIdv.Commands;

/// <summary>Test-YotiSessionArchive: checks archive folders offline, every file against the manifest; one result per archive.</summary>
[Cmdlet(VerbsDiagnostic.Test, "YotiSessionArchive", DefaultParameterSetName = PathSet)]
[OutputType(typeof(YotiArchiveTestResult))]
public sealed class TestYotiSessionArchiveCommand : YotiCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Archive folders (as written by Save-YotiSession); wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Archive folders taken literally; binds the folders of Get-ChildItem -Directory.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        foreach (string path in literal ? LiteralPath : Path)
        {
            foreach (string folder in ResolveFiles(path, literal, ErrorFactory.ArchiveNotFound))
            {
                if (!Directory.Exists(folder))
                {
                    WriteError(new ErrorRecord(new DirectoryNotFoundException($"'{folder}' is not a folder; give an archive folder written by Save-YotiSession."),
                        ErrorFactory.ArchiveNotFound, ErrorCategory.ObjectNotFound, folder));
                    continue;
                }

                WriteVerbose("Checking the archive " + folder);
                try
                {
                    WriteObject(YotiSessionArchive.Test(folder));
                }
                catch (Exception ex) when (Files.AtomicFile.IsFileSystemError(ex))
                {
                    WriteError(new ErrorRecord(ex, ErrorFactory.ArchiveNotFound, ErrorCategory.ReadError, folder));
                }
            }
        }
    }
}
