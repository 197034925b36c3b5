using System;

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

    /// <summary>The bytes. A method-less array so scripts can write them with [IO.File]::WriteAllBytes.</summary>
    public byte[] Content { get; }

    /// <summary>The content as standard Base64.</summary>
    public string Base64 => Convert.ToBase64String(Content);

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
