using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiSession: session results by id from the API, or from saved JSON files.</summary>
[Cmdlet(VerbsCommon.Get, "YotiSession", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(YotiSession))]
[OutputType(typeof(string), ParameterSetName = new[] { ByIdSet, PathSet, LiteralPathSet })]
public sealed class GetYotiSessionCommand : YotiApiCmdlet
{
    private const string ByIdSet = "ById";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>One or more session ids (UUIDs).</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string[] SessionId { get; set; } = Array.Empty<string>();

    /// <summary>Saved session JSON files, or archive folders written by Save-YotiSession; wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Saved session JSON files or archive folders, taken literally.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Emit the JSON text exactly as received instead of a typed object.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == ByIdSet && !MyInvocation.ExpectingInput)
        {
            SetProgressTotal(SessionId.Length);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != ByIdSet)
        {
            ReadSessionFiles();
            return;
        }

        foreach (string input in SessionId ?? Array.Empty<string>())
        {
            if (ValidateId(input, ErrorFactory.InvalidSessionId, "Session id") is string id)
            {
                Enqueue(id, (client, token) => client.GetSessionAsync(id, token), WriteSession);
            }
        }
    }

    private void WriteSession(YotiSession session) => WriteObject(Raw ? session.GetRawJson() : session);

    private void ReadSessionFiles()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        foreach (string path in literal ? LiteralPath : Path)
        {
            foreach (string file in ResolveFiles(path, literal, ErrorFactory.SessionFileNotFound))
            {
                if (Directory.Exists(file))
                {
                    ReadArchive(file);
                }
                else
                {
                    ReadSessionFile(file);
                }
            }
        }
    }

    /// <summary>A folder written by Save-YotiSession: its session.json, verified against the manifest.</summary>
    private void ReadArchive(string folder)
    {
        if (!YotiSessionArchive.IsArchive(folder))
        {
            WriteError(new ErrorRecord(new IOException($"'{folder}' is a folder but not a session archive (no {YotiArchiveManifest.FileName} or {YotiSessionArchive.SessionFile})."),
                ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidArgument, folder));
            return;
        }

        try
        {
            WriteSession(YotiSessionArchive.ReadSession(folder));
        }
        catch (YotiArchiveCorruptException ex)
        {
            WriteError(ErrorFactory.FromArchiveCorrupt(ex, folder));
        }
        catch (YotiInvalidDataException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidData, folder)
            {
                ErrorDetails = new ErrorDetails($"'{folder}' is not a readable session archive: {ex.Message}"),
            });
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.SessionFileNotFound, ErrorCategory.ReadError, folder));
        }
    }

    private void ReadSessionFile(string file)
    {
        byte[] content;
        try
        {
            // Only regular files, at most the in-memory limit, checked before opening (a FIFO would block).
            content = LocalFile.ReadAllBytes(file, YotiRequestOptions.DefaultMaxResponseBytes, "session file");
        }
        catch (LocalFileException ex)
        {
            WriteError(ErrorFactory.FromLocalFile(ex, ErrorFactory.SessionFileNotFound, ErrorFactory.InvalidSessionFile));
            return;
        }

        try
        {
            YotiSession session = SessionParser.Parse(content);
            session.RetrievedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero); // when it was saved, not now
            WriteSession(session);
        }
        catch (YotiInvalidDataException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidData, file)
            {
                ErrorDetails = new ErrorDetails($"'{file}' is not a session result: {ex.Message}"),
            });
        }
    }
}
