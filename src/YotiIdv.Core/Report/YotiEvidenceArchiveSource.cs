using System;
using System.Collections.Generic;
using System.IO;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>
/// An archive (YotiSessionArchive, docs/archive-format.md) as an evidence-report source, offline: the session and
/// manifest through the archive reader, each media file embedded only when its length and SHA-256 match the
/// manifest (else named as unavailable, with the archive's own words), and the key sets its <c>key_sets</c> list names.
/// </summary>
public sealed class YotiEvidenceArchiveSource
{
    private YotiEvidenceArchiveSource(YotiSession session, YotiEvidenceMediaSet media, string? manifestSha256, IReadOnlyList<byte[]> keySets, string? keySetNote)
    {
        Session = session;
        Media = media;
        ManifestSha256 = manifestSha256;
        KeySets = keySets;
        KeySetNote = keySetNote;
    }

    public YotiSession Session { get; }

    public YotiEvidenceMediaSet Media { get; }

    /// <summary>The SHA-256 (hex) of manifest.json; null when the folder has none.</summary>
    public string? ManifestSha256 { get; }

    /// <summary>The key sets the manifest lists in <c>key_sets</c> whose files match it; empty when none.</summary>
    public IReadOnlyList<byte[]> KeySets { get; }

    /// <summary>
    /// Why <see cref="KeySets"/> is empty when the archive says (a listed key set whose file does not match, or the
    /// manifest's <c>key_set_note</c>); null when there are key sets or the archive says nothing about them.
    /// </summary>
    public string? KeySetNote { get; }

    /// <exception cref="FileNotFoundException">No session.json.</exception>
    /// <exception cref="YotiInvalidDataException">session.json or manifest.json is not what Save-YotiSession writes.</exception>
    /// <exception cref="YotiArchiveCorruptException">session.json does not match the manifest.</exception>
    public static YotiEvidenceArchiveSource Open(string folder)
    {
        var media = new YotiEvidenceMediaSet();
        string manifestPath = Path.Combine(folder, YotiArchiveManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return new YotiEvidenceArchiveSource(YotiSessionArchive.ReadSession(folder), media, null, Array.Empty<byte[]>(), null);
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
                : YotiEvidenceMedia.Unavailable(item.MediaId, problem! + "; not shown"));
        }

        // The manifest's key_sets (docs/archive-format.md), each used only when it matches its entry. An archive
        // written before key_sets existed has none: its pages say the proof was not checked, and why.
        var keySets = new List<byte[]>();
        var problems = new List<string>();
        foreach (YotiArchiveKeySet keySet in manifest.KeySets)
        {
            if (ReadVerified(folder, keySet.File, out string? problem) is { } content)
            {
                keySets.Add(content);
            }
            else
            {
                problems.Add(problem!);
            }
        }

        string? note = keySets.Count > 0 ? null
            : problems.Count > 0 ? "the archive's key set cannot be used: " + string.Join("; ", problems)
            : manifest.KeySetNote is { Length: > 0 } saved ? "no key set in the archive: " + saved
            : null;
        return new YotiEvidenceArchiveSource(session, media, AtomicFile.Hash(manifestBytes), keySets, note);
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
            problem = file.Path + " cannot be read: " + ex.Message;
            return null;
        }

        if (content.Length != file.Length || !string.Equals(AtomicFile.Hash(content), file.Sha256, StringComparison.Ordinal))
        {
            problem = file.Path + " does not match the length and SHA-256 of the manifest";
            return null;
        }

        problem = null;
        return content;
    }
}
