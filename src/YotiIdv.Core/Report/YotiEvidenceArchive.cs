using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>
/// A session archive folder as an evidence-report source, offline: <c>session.json</c>, <c>manifest.json</c>
/// (its media with <c>media_id</c>, <c>path</c>, <c>content_type</c>, <c>sha256</c>; <c>unavailable</c> and
/// <c>missing</c> with a <c>reason</c>) and the media files. A file that does not match its SHA-256, or a path
/// that leaves the folder, is shown as unavailable, never embedded.
/// </summary>
public sealed class YotiEvidenceArchive
{
    public const string SessionFileName = "session.json";
    public const string ManifestFileName = "manifest.json";

    private YotiEvidenceArchive(YotiSession session, YotiEvidenceMediaSet media, string? manifestSha256)
    {
        Session = session;
        Media = media;
        ManifestSha256 = manifestSha256;
    }

    public YotiSession Session { get; }

    public YotiEvidenceMediaSet Media { get; }

    /// <summary>The SHA-256 (hex) of manifest.json; null when the folder has none.</summary>
    public string? ManifestSha256 { get; }

    /// <summary>Reads the archive in <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">No session.json.</exception>
    /// <exception cref="YotiInvalidDataException">session.json or manifest.json is not what Save-YotiSession writes, or session.json does not match the manifest.</exception>
    public static YotiEvidenceArchive Open(string folder)
    {
        byte[] sessionBytes = File.ReadAllBytes(Path.Combine(folder, SessionFileName));
        string manifestPath = Path.Combine(folder, ManifestFileName);
        var media = new YotiEvidenceMediaSet();
        if (!File.Exists(manifestPath))
        {
            return new YotiEvidenceArchive(SessionParser.Parse(sessionBytes), media, null);
        }

        byte[] manifestBytes = File.ReadAllBytes(manifestPath);
        JsonElement manifest = SessionParser.ParseObject(SessionParser.DecodeUtf8(manifestBytes), "an archive manifest");
        if (JsonRead.GetObject(manifest, "session") is { } sessionFile && JsonRead.GetString(sessionFile, "sha256") is { } expected
            && !string.Equals(expected, Sha256(sessionBytes), StringComparison.OrdinalIgnoreCase))
        {
            throw new YotiInvalidDataException($"'{Path.Combine(folder, SessionFileName)}' does not match the SHA-256 its manifest lists; it was not used.");
        }

        foreach (string list in new[] { "unavailable", "missing" })
        {
            foreach (JsonElement gap in JsonRead.GetObjects(manifest, list))
            {
                if (JsonRead.GetString(gap, "media_id") is { } id)
                {
                    string status = JsonRead.GetString(gap, "status") is { } s ? s + " " : string.Empty;
                    media.Add(YotiEvidenceMedia.Unavailable(id, (list == "missing" ? "missing from the archive: " : "unavailable when archived: ")
                        + status + (JsonRead.GetString(gap, "reason") ?? "no reason given")));
                }
            }
        }

        foreach (JsonElement item in JsonRead.GetObjects(manifest, "media"))
        {
            if (JsonRead.GetString(item, "media_id") is { } id)
            {
                media.Add(ReadMedia(folder, id, item));
            }
        }

        return new YotiEvidenceArchive(SessionParser.Parse(sessionBytes), media, Sha256(manifestBytes));
    }

    private static YotiEvidenceMedia ReadMedia(string folder, string id, JsonElement item)
    {
        string? relative = JsonRead.GetString(item, "path");
        if (relative is null || !IsSafeRelativePath(relative))
        {
            return YotiEvidenceMedia.Unavailable(id, "not read: the manifest's path for it is not inside the archive");
        }

        string full = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(full))
        {
            return YotiEvidenceMedia.Unavailable(id, "the manifest lists " + relative + " and it is not in the archive");
        }

        byte[] content = File.ReadAllBytes(full);
        string? expected = JsonRead.GetString(item, "sha256");
        if (expected is null || !string.Equals(expected, Sha256(content), StringComparison.OrdinalIgnoreCase))
        {
            return YotiEvidenceMedia.Unavailable(id, relative + " does not match the SHA-256 of the manifest; not shown");
        }

        return YotiEvidenceMedia.Available(id, JsonRead.GetString(item, "content_type"), content);
    }

    /// <summary>Relative, '/'-separated, never climbing out of the folder.</summary>
    private static bool IsSafeRelativePath(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.IndexOf('\\') >= 0 || path.IndexOf(':') >= 0)
        {
            return false;
        }

        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return false;
            }
        }

        foreach (char c in path)
        {
            if (c < ' ' || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    internal static string Sha256(byte[] content)
    {
        using SHA256 sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(content)).Replace("-", string.Empty).ToLowerInvariant();
    }
}
