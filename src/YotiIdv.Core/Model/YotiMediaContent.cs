using System;
using System.Management.Automation;

namespace YotiIdv.Model;

/// <summary>The content of one media item, as downloaded (the SDKs' <c>getMediaContent</c>).</summary>
public sealed class YotiMediaContent
{
    public YotiMediaContent(string sessionId, string mediaId, string? contentType, byte[] content)
    {
        SessionId = sessionId;
        MediaId = mediaId;
        ContentType = contentType;
        Content = content ?? throw new ArgumentNullException(nameof(content));
        MediaType = BareMediaType(contentType);
    }

    public string SessionId { get; }

    public string MediaId { get; }

    /// <summary>The Content-Type header as received, parameters included (e.g. <c>image/jpeg; charset=UTF-8</c>).</summary>
    public string? ContentType { get; }

    /// <summary>The media type without parameters, lower case (e.g. <c>image/jpeg</c>); <c>application/octet-stream</c> when none was sent.</summary>
    public string MediaType { get; }

    public long Length => Content.LongLength;

    /// <summary>The bytes, for [IO.File]::WriteAllBytes. Hidden (as Base64 is) so that tables, Get-Member and
    /// Export-Csv show no <c>System.Byte[]</c> cell or megabytes of Base64; <c>$media.Content</c> still works and
    /// <c>Get-Member -Force</c> lists both.</summary>
    [Hidden]
    public byte[] Content { get; }

    /// <summary>The content as standard Base64.</summary>
    [Hidden]
    public string Base64 => Convert.ToBase64String(Content);

    /// <summary>The SHA-256 of the content, lower-case hex (as an archive manifest writes it): what a CSV of
    /// downloaded media can keep instead of the bytes.</summary>
    public string Sha256 => _sha256 ??= Files.AtomicFile.Hash(Content);

    private string? _sha256;

    /// <summary>A <c>data:</c> URI (the SDKs' <c>getBase64Content</c>), for embedding an image in HTML.</summary>
    public string ToDataUri() => "data:" + MediaType + ";base64," + Base64;

    public override string ToString() => ConsoleText.Escape(MediaId)!;

    internal static string BareMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "application/octet-stream";
        }

        int semicolon = contentType!.IndexOf(';');
        string bare = (semicolon >= 0 ? contentType.Substring(0, semicolon) : contentType).Trim().ToLowerInvariant();
        return bare.Length == 0 ? "application/octet-stream" : bare;
    }
}
