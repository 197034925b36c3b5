using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
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

    /// <summary>Saved session JSON files; wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Saved session JSON files, taken literally.</summary>
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
                ReadSessionFile(file);
            }
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
