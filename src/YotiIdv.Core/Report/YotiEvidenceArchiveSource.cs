using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>
/// An archive (YotiSessionArchive, docs/archive-format.md) as an evidence-report source, offline: the session and
/// manifest through the archive reader, each media file embedded only when its length and SHA-256 match the
/// manifest (else named as unavailable, with the archive's own words), and the key sets saved under <c>keys/</c>.
/// </summary>
public sealed class YotiEvidenceArchiveSource
{
    private YotiEvidenceArchiveSource(YotiSession session, YotiEvidenceMediaSet media, string? manifestSha256, IReadOnlyList<byte[]> keySets)
    {
        Session = session;
        Media = media;
        ManifestSha256 = manifestSha256;
        KeySets = keySets;
    }

    public YotiSession Session { get; }

    public YotiEvidenceMediaSet Media { get; }

    /// <summary>The SHA-256 (hex) of manifest.json; null when the folder has none.</summary>
    public string? ManifestSha256 { get; }

    /// <summary>The key sets the manifest lists under <c>keys/</c> that match it; empty when none.</summary>
    public IReadOnlyList<byte[]> KeySets { get; }

    /// <exception cref="FileNotFoundException">No session.json.</exception>
    /// <exception cref="YotiInvalidDataException">session.json or manifest.json is not what Save-YotiSession writes.</exception>
    /// <exception cref="YotiArchiveCorruptException">session.json does not match the manifest.</exception>
    public static YotiEvidenceArchiveSource Open(string folder)
    {
        var media = new YotiEvidenceMediaSet();
        string manifestPath = Path.Combine(folder, YotiArchiveManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return new YotiEvidenceArchiveSource(YotiSessionArchive.ReadSession(folder), media, null, Array.Empty<byte[]>());
        }

        byte[] manifestBytes = LocalFile.ReadAllBytes(manifestPath, YotiArchiveManifest.MaxFileBytes, "archive manifest");
        YotiArchiveManifest manifest = YotiArchiveManifest.Parse(manifestBytes);
        YotiSession session = YotiSessionArchive.ReadSession(folder);
        foreach (YotiArchiveGap gap in manifest.Unavailable)
        {
            media.Add(YotiEvidenceMedia.Unavailable(gap.MediaId, "unavailable when archived: " + (gap.Status is int s ? s + " " : string.Empty) + gap.Reason));
        }

        foreach (YotiArchiveGap gap in manifest.Missing)
        {
            media.Add(YotiEvidenceMedia.Unavailable(gap.MediaId, "missing from the archive: " + (gap.Status is int s ? s + " " : string.Empty) + gap.Reason));
        }

        foreach (YotiArchiveMedia item in manifest.Media)
        {
            media.Add(ReadVerified(folder, item.File, out string? problem) is { } content
                ? YotiEvidenceMedia.Available(item.MediaId, item.ContentType, content)
                : YotiEvidenceMedia.Unavailable(item.MediaId, problem!));
        }

        var keySets = new List<byte[]>();
        foreach (YotiArchiveFile file in KeyFiles(manifestBytes))
        {
            if (ReadVerified(folder, file, out _) is { } content)
            {
                keySets.Add(content);
            }
        }

        return new YotiEvidenceArchiveSource(session, media, AtomicFile.Hash(manifestBytes), keySets);
    }

    /// <summary>The file's bytes when they match the manifest (read once, so what is embedded is what was checked); else null and why.</summary>
    private static byte[]? ReadVerified(string folder, YotiArchiveFile file, out string? problem)
    {
        string full = YotiSessionArchive.FullPath(folder, file.Path);
        if (!File.Exists(full))
        {
            problem = "the manifest lists " + file.Path + " and it is not in the archive";
            return null;
        }

        byte[] content;
        try
        {
            // At most the length the manifest gives: a longer file does not match it anyway.
            content = LocalFile.ReadAllBytes(full, file.Length, "archive file");
        }
        catch (LocalFileException ex)
        {
            problem = file.Path + " cannot be shown: " + ex.Message;
            return null;
        }

        if (content.Length != file.Length || !string.Equals(AtomicFile.Hash(content), file.Sha256, StringComparison.Ordinal))
        {
            problem = file.Path + " does not match the length and SHA-256 of the manifest; not shown";
            return null;
        }

        problem = null;
        return content;
    }

    /// <summary>
    /// Every file entry of the manifest (anywhere in it) whose safe path is under <c>keys/</c>, with its length and
    /// SHA-256: read by shape, so it does not depend on the name of the list that holds them.
    /// </summary>
    private static IEnumerable<YotiArchiveFile> KeyFiles(byte[] manifestBytes)
    {
        var files = new List<YotiArchiveFile>();
        using JsonDocument document = JsonDocument.Parse(manifestBytes);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object)
            {
                if (JsonRead.GetString(e, "path") is { } path && path.StartsWith("keys/", StringComparison.Ordinal) && YotiSessionArchive.IsSafeRelativePath(path)
                    && JsonRead.GetString(e, "sha256") is { } sha && e.TryGetProperty("length", out JsonElement length) && length.ValueKind == JsonValueKind.Number
                    && length.TryGetInt64(out long bytes))
                {
                    files.Add(new YotiArchiveFile(path, bytes, sha.ToLowerInvariant(), null));
                }

                foreach (JsonProperty property in e.EnumerateObject())
                {
                    Walk(property.Value);
                }
            }
        }

        Walk(document.RootElement);
        return files;
    }
}
