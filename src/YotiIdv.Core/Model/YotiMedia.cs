using System;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// A media reference: a full <c>media</c> object or a <c>generated_media</c> entry (<c>{id,type}</c>,
/// no timestamps). Carries the session id so it can be passed straight to a media download.
/// </summary>
public sealed class YotiMedia : YotiJsonObject
{
    internal YotiMedia(JsonElement json, string? sessionId)
        : base(json)
    {
        SessionId = sessionId;
        MediaId = JsonRead.GetString(json, "id");
        Type = JsonRead.GetString(json, "type");
        Created = JsonRead.GetDate(json, "created");
        LastUpdated = JsonRead.GetDate(json, "last_updated");
    }

    /// <summary>A reference known only by id (from <c>extraction_image_ids</c>).</summary>
    internal YotiMedia(string mediaId, string? sessionId)
        : base(default, null)
    {
        SessionId = sessionId;
        MediaId = mediaId;
    }

    public string? SessionId { get; }

    public string? MediaId { get; }

    /// <summary><c>IMAGE</c>, <c>JSON</c>, <c>BINARY</c>, <c>PDF</c>, … exactly as sent.</summary>
    public string? Type { get; }

    public YotiTimestamp? Created { get; }

    public YotiTimestamp? LastUpdated { get; }

    /// <summary>True for a bare reference (no timestamps), as in <c>generated_media</c>.</summary>
    internal bool IsReference => Created is null && LastUpdated is null;

    public override string ToString() => ConsoleText.Escape(MediaId ?? string.Empty)!;
}
