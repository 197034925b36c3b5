using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
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
            foreach (string file in ResolveFiles(path, literal))
            {
                ReadSessionFile(file);
            }
        }
    }

    private List<string> ResolveFiles(string path, bool literal)
    {
        var files = new List<string>();
        try
        {
            if (literal)
            {
                files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            }
            else
            {
                var resolved = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file system path.");
                }

                files.AddRange(resolved);
                if (files.Count == 0)
                {
                    // A wildcard that matches nothing is an error, not silence: a nightly job must not report success.
                    throw new ItemNotFoundException($"No file matches '{path}'.");
                }
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.SessionFileNotFound, ErrorCategory.ObjectNotFound, path));
        }

        return files;
    }

    private void ReadSessionFile(string file)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
            WriteError(new ErrorRecord(ex, ErrorFactory.SessionFileNotFound, category, file));
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
