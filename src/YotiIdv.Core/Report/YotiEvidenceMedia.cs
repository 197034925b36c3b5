using System;
using System.Collections.Generic;

namespace YotiIdv.Report;

/// <summary>
/// One media item for the evidence report: its bytes and Content-Type, or the reason it could not be had
/// (<c>204 No Content</c>, <c>404 Not Found</c>, <c>not in the archive</c> …).
/// </summary>
public sealed class YotiEvidenceMedia
{
    private YotiEvidenceMedia(string mediaId, string? contentType, byte[]? content, string? unavailableReason)
    {
        MediaId = mediaId ?? throw new ArgumentNullException(nameof(mediaId));
        ContentType = contentType;
        Content = content;
        UnavailableReason = unavailableReason;
    }

    public string MediaId { get; }

    public string? ContentType { get; }

    /// <summary>Null when the media could not be had.</summary>
    public byte[]? Content { get; }

    /// <summary>Why the media is missing; null when <see cref="Content"/> is set.</summary>
    public string? UnavailableReason { get; }

    public bool IsAvailable => Content != null;

    public static YotiEvidenceMedia Available(string mediaId, string? contentType, byte[] content) =>
        new YotiEvidenceMedia(mediaId, contentType, content ?? throw new ArgumentNullException(nameof(content)), null);

    public static YotiEvidenceMedia Unavailable(string mediaId, string reason) =>
        new YotiEvidenceMedia(mediaId, null, null, string.IsNullOrWhiteSpace(reason) ? "not available" : reason);

    public override string ToString() => MediaId;
}

/// <summary>Where the report gets media content from: the API (downloaded first) or an archive folder.</summary>
public interface IYotiEvidenceMediaSource
{
    /// <summary>The media, or null when the source was not asked for it (it is then named as not retrieved).</summary>
    YotiEvidenceMedia? GetMedia(string mediaId);
}

/// <summary>A media source over items already at hand (downloaded, or read from an archive).</summary>
public sealed class YotiEvidenceMediaSet : IYotiEvidenceMediaSource
{
    private readonly Dictionary<string, YotiEvidenceMedia> _items = new Dictionary<string, YotiEvidenceMedia>(StringComparer.Ordinal);

    public YotiEvidenceMediaSet()
    {
    }

    public YotiEvidenceMediaSet(IEnumerable<YotiEvidenceMedia> items)
    {
        foreach (YotiEvidenceMedia item in items ?? throw new ArgumentNullException(nameof(items)))
        {
            Add(item);
        }
    }

    public int Count => _items.Count;

    public void Add(YotiEvidenceMedia media) => _items[media.MediaId] = media;

    public YotiEvidenceMedia? GetMedia(string mediaId) => mediaId != null && _items.TryGetValue(mediaId, out var media) ? media : null;
}

/// <summary>
/// The outcome of checking the identity profile report's proof (its signature), when it was checked.
/// The same checker as Test-YotiIdentityProfileReport fills it (YotiEvidenceProofCheck); the report shows "not checked" without it.
/// </summary>
public sealed class YotiEvidenceProofOutcome
{
    public YotiEvidenceProofOutcome(bool verified, string summary, string? detail = null)
        : this(true, verified, summary, detail)
    {
    }

    private YotiEvidenceProofOutcome(bool @checked, bool verified, string summary, string? detail)
    {
        Checked = @checked;
        Verified = verified;
        Summary = summary ?? string.Empty;
        Detail = detail;
    }

    /// <summary>False when the proof could not be checked (e.g. an archive without a key set): neither verified nor refuted.</summary>
    public bool Checked { get; }

    public bool Verified { get; }

    /// <summary>A proof that was not checked, and why (<paramref name="summary"/>).</summary>
    public static YotiEvidenceProofOutcome NotChecked(string summary, string? detail = null) => new YotiEvidenceProofOutcome(false, false, summary, detail);

    /// <summary>One line, e.g. <c>Valid: signed by key kid-1 of https://…</c>.</summary>
    public string Summary { get; }

    public string? Detail { get; }
}

/// <summary>What the footer says about how the report was made.</summary>
public sealed class YotiEvidenceReportInfo
{
    /// <summary>The YotiIdv module version.</summary>
    public string ModuleVersion { get; set; } = "0.0.0";

    public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The machine (and account) that made the report.</summary>
    public string? GeneratedOn { get; set; }

    /// <summary>Where the session came from: the API URL, or the archive folder.</summary>
    public string? Source { get; set; }

    /// <summary>For an archive: the SHA-256 of its manifest.json, in hex.</summary>
    public string? ManifestSha256 { get; set; }
}
