namespace YotiIdv.Model;

/// <summary>A media item saved to disk by Get-YotiMedia -OutFile/-Destination -PassThru.</summary>
public sealed class YotiMediaFile
{
    internal YotiMediaFile(string sessionId, string mediaId, string kind, string? contentType, long length, string path, string sha256)
    {
        SessionId = sessionId;
        MediaId = mediaId;
        Kind = kind;
        ContentType = contentType;
        MediaType = YotiMediaContent.BareMediaType(contentType);
        Length = length;
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        Sha256 = sha256;
    }

    public string SessionId { get; }

    public string MediaId { get; }

    /// <summary>Where the session references the media (e.g. <c>id-documents-pages</c>); <c>media</c> when not known.</summary>
    public string Kind { get; }

    /// <summary>The Content-Type header as received.</summary>
    public string? ContentType { get; }

    /// <summary>The media type without parameters, lower case; <c>application/octet-stream</c> when none was sent.</summary>
    public string MediaType { get; }

    /// <summary>Bytes written.</summary>
    public long Length { get; }

    /// <summary>The full path of the file (binds to -Path / -LiteralPath of the file cmdlets).</summary>
    public string Path { get; }

    /// <summary>The file name.</summary>
    public string Name { get; }

    /// <summary>The SHA-256 of the file (lower-case hex), computed while it was written.</summary>
    public string Sha256 { get; }

    public override string ToString() => ConsoleText.Escape(Path)!;
}
