using System;
using System.IO;
using System.Text;
using YotiIdv.Model;

namespace YotiIdv.Media;

/// <summary>
/// The file naming scheme of Get-YotiMedia -Destination:
/// <c>&lt;Destination&gt;/&lt;SessionId&gt;/&lt;Kind&gt;_&lt;MediaId&gt;&lt;.ext&gt;</c>. Every segment is reduced to
/// letters, digits, '-' and '_', so no name can climb out of the destination, carry a control character or
/// be a Windows device name (CON, NUL, COM1 …).
/// </summary>
public static class YotiMediaFileName
{
    private const int MaxSegmentLength = 160;

    private static readonly string[] ReservedNames =
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The file extension (with its dot) for a media type; <c>.bin</c> for anything unknown.</summary>
    public static string ExtensionFor(string? contentType)
    {
        string mediaType = YotiMediaContent.BareMediaType(contentType);
        switch (mediaType)
        {
            case "image/jpeg":
            case "image/jpg":
            case "image/pjpeg":
                return ".jpg";
            case "image/png": return ".png";
            case "image/gif": return ".gif";
            case "image/webp": return ".webp";
            case "image/tiff": return ".tif";
            case "image/heic": return ".heic";
            case "image/bmp": return ".bmp";
            case "application/json":
            case "text/json":
                return ".json";
            case "application/pdf": return ".pdf";
            case "text/plain": return ".txt";
            case "application/xml":
            case "text/xml":
                return ".xml";
            case "video/mp4": return ".mp4";
            case "video/webm": return ".webm";
            default:
                return mediaType.EndsWith("+json", StringComparison.Ordinal) ? ".json" : ".bin";
        }
    }

    /// <summary>The session folder and file name (relative to the destination) of one media item.</summary>
    public static string RelativePath(string sessionId, string kind, string mediaId, string? contentType) =>
        Path.Combine(SafeSegment(sessionId), FileName(kind, mediaId, contentType));

    /// <summary><c>&lt;Kind&gt;_&lt;MediaId&gt;&lt;.ext&gt;</c>, safe.</summary>
    public static string FileName(string kind, string mediaId, string? contentType) =>
        SafeSegment(KindPrefix(kind) + mediaId) + ExtensionFor(contentType);

    /// <summary><c>&lt;SessionId&gt;_&lt;MediaId&gt;&lt;.ext&gt;</c>, for -OutFile naming a folder.</summary>
    public static string FlatFileName(string sessionId, string mediaId, string? contentType) =>
        SafeSegment(sessionId + "_" + mediaId) + ExtensionFor(contentType);

    /// <summary>The prefix every file of this media has, whatever its extension (to find an earlier download).</summary>
    public static string KindPrefix(string kind) => MediaKind.Sanitize(kind, MediaKind.MaxKindLength) is { Length: > 0 } k ? k + "_" : MediaKind.Unknown + "_";

    /// <summary>
    /// One path segment: letters, digits, '-' and '_' kept, anything else (separators, dots, control characters,
    /// spaces) replaced by '_'; at most 160 characters; a device name such as CON is prefixed with '_'.
    /// </summary>
    public static string SafeSegment(string? text)
    {
        var builder = new StringBuilder();
        foreach (char c in text ?? string.Empty)
        {
            if (builder.Length >= MaxSegmentLength)
            {
                break;
            }

            bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            builder.Append(safe ? c : '_');
        }

        string segment = builder.ToString();
        if (segment.Length == 0 || segment.Trim('_').Length == 0)
        {
            return "_" + segment;
        }

        return IsReservedName(segment) ? "_" + segment : segment;
    }

    /// <summary>True for Windows device names (CON, NUL, COM1, …), with or without an extension.</summary>
    public static bool IsReservedName(string name)
    {
        int dot = name.IndexOf('.');
        string stem = (dot >= 0 ? name.Substring(0, dot) : name).TrimEnd(' ');
        return Array.Exists(ReservedNames, r => string.Equals(r, stem, StringComparison.OrdinalIgnoreCase));
    }
}
