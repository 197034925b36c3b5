using System;
using System.IO;
using System.Management.Automation;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>
/// ConvertFrom-YotiDocumentFields: reads document-fields JSON media (spec 5.1) into a YotiDocumentFields,
/// from a Get-YotiMedia object, a JSON string, or a file (a saved download).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "YotiDocumentFields", DefaultParameterSetName = MediaSet)]
[OutputType(typeof(YotiDocumentFields))]
public sealed class ConvertFromYotiDocumentFieldsCommand : YotiCmdlet
{
    private const string MediaSet = "Media";
    private const string JsonSet = "Json";
    private const string PathSet = "Path";
    /// <summary>Media content from Get-YotiMedia.</summary>
    [Parameter(ParameterSetName = MediaSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public YotiMediaContent? InputObject { get; set; }

    /// <summary>The document-fields JSON text.</summary>
    [Parameter(ParameterSetName = JsonSet, Mandatory = true, ValueFromPipeline = true)]
    public string Json { get; set; } = string.Empty;

    /// <summary>A saved document-fields file, taken literally (binds Path of Get-YotiMedia -PassThru and PSPath of Get-Item).</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LiteralPath", "FullName")]
    public string[] Path { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case JsonSet:
                Convert(() => Json, "Json", null, null);
                break;
            case PathSet:
                foreach (string path in Path)
                {
                    ConvertFile(path);
                }

                break;
            default:
                YotiMediaContent media = InputObject!;
                Convert(() => SessionParser.DecodeUtf8(media.Content), media.MediaId, media.SessionId, media.MediaId);
                break;
        }
    }

    private void ConvertFile(string path)
    {
        string file = path;
        byte[] content;
        try
        {
            file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

            // Only regular files, at most the in-memory limit, checked before opening (a FIFO would block).
            content = LocalFile.ReadAllBytes(file, YotiRequestOptions.DefaultMaxResponseBytes, "document fields file");
        }
        catch (LocalFileException ex)
        {
            WriteError(ErrorFactory.FromLocalFile(ex, ErrorFactory.DocumentFieldsFileNotFound, ErrorFactory.InvalidDocumentFields));
            return;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ItemNotFoundException || ex is NotSupportedException
            || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is ArgumentException)
        {
            var category = ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is ItemNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
            WriteError(new ErrorRecord(ex, ErrorFactory.DocumentFieldsFileNotFound, category, path));
            return;
        }

        Convert(() => SessionParser.DecodeUtf8(content), file, null, null);
    }

    private void Convert(Func<string> text, object target, string? sessionId, string? mediaId)
    {
        try
        {
            WriteObject(YotiDocumentFields.Parse(text(), sessionId, mediaId));
        }
        catch (YotiInvalidDataException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorFactory.InvalidDocumentFields, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails($"'{target}' is not document-fields JSON: {ex.Message}"),
            });
        }
    }
}
