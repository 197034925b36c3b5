using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiSession: session results by id from the API, or from saved JSON files.</summary>
[Cmdlet(VerbsCommon.Get, "YotiSession", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(YotiSession))]
[OutputType(typeof(string), ParameterSetName = new[] { ByIdSet, PathSet, LiteralPathSet })]
public sealed class GetYotiSessionCommand : YotiCmdlet
{
    private const string ByIdSet = "ById";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private YotiApiClient? _client;
    private OrderedBatch<YotiSession>? _batch;

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

    /// <summary>A connection from Connect-YotiIdv -PassThru, for scripts that use two applications at once.</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    public YotiConnection? Connection { get; set; }

    /// <summary>How many requests run at once.</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            QueueSessionIds();
            WriteFinished(wait: false);
        }
        else
        {
            ReadSessionFiles();
        }
    }

    protected override void EndProcessing()
    {
        WriteFinished(wait: true);
        base.EndProcessing();
    }

    private void QueueSessionIds()
    {
        if (_client is null)
        {
            YotiConnection connection = ResolveConnection(Connection);
            _client = new YotiApiClient(connection, connection.RequestOptions, this);
            _batch = new OrderedBatch<YotiSession>(ThrottleLimit, StopToken);
        }

        foreach (string input in SessionId ?? Array.Empty<string>())
        {
            string? id = YotiId.Normalize(input, out string? reason);
            if (id is null)
            {
                _batch!.AddCompleted(input ?? string.Empty, null, new InvalidIdException(reason!));
            }
            else
            {
                YotiApiClient client = _client;
                _batch!.Add(id, token => client.GetSessionAsync(id, token));
            }

            // Keep the window bounded: wait for the oldest item while the window is full.
            while (_batch.IsWindowFull)
            {
                WriteFinished(wait: false, untilWindowHasRoom: true);
            }
        }
    }

    private void WriteFinished(bool wait, bool untilWindowHasRoom = false)
    {
        if (_batch is null)
        {
            return;
        }

        while (true)
        {
            bool mustWait = wait || (untilWindowHasRoom && _batch.IsWindowFull);
            OrderedBatch<YotiSession>.Item? item = _batch.TakeNext(mustWait, WaitFor);
            if (item is null)
            {
                break;
            }

            WriteOutcome(item);
            if (untilWindowHasRoom && !_batch.IsWindowFull)
            {
                break;
            }
        }

        FlushTrace();
    }

    private void WriteOutcome(OrderedBatch<YotiSession>.Item item)
    {
        switch (item.Error)
        {
            case null:
                YotiSession session = item.Task.Result;
                WriteObject(Raw ? session.GetRawJson() : session);
                break;
            case InvalidIdException invalid:
                WriteError(ErrorFactory.InvalidId(ErrorFactory.InvalidSessionId, item.Target, invalid.Message, "Session id"));
                break;
            case YotiApiException api:
                WriteError(ErrorFactory.FromApiFailure(api, item.Target, ErrorFactory.SessionNotFound, "Session '" + item.Target + "'"));
                break;
            case OperationCanceledException _ when StopToken.IsCancellationRequested:
                throw new PipelineStoppedException();
            default:
                WriteError(new ErrorRecord(item.Error, "YotiUnexpectedError", ErrorCategory.InvalidOperation, item.Target));
                break;
        }
    }

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

    private IEnumerable<string> ResolveFiles(string path, bool literal)
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
                files.AddRange(GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider));
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file system path.");
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
            WriteObject(Raw ? session.GetRawJson() : session);
        }
        catch (YotiInvalidDataException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.InvalidSessionFile, ErrorCategory.InvalidData, file)
            {
                ErrorDetails = new ErrorDetails($"'{file}' is not a session result: {ex.Message}"),
            });
        }
    }

    /// <summary>An input id that was refused before any request; keeps its place in the output order.</summary>
    private sealed class InvalidIdException : ArgumentException
    {
        public InvalidIdException(string reason)
            : base(reason)
        {
        }
    }
}
