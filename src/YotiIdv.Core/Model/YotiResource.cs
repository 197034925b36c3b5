using System;
using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>Fields every resource has, whatever its collection.</summary>
public abstract class YotiResource : YotiJsonObject
{
    private protected YotiResource(JsonElement json, ParseContext ctx, string collectionName)
        : base(json)
    {
        CollectionName = collectionName;
        ResourceId = JsonRead.GetString(json, "id");
        Source = ReadSource(json);
        CreatedAt = JsonRead.GetDate(json, "created_at");
        LastUpdated = JsonRead.GetDate(json, "last_updated");
        Tasks = JsonRead.GetList(json, "tasks", e => new YotiTask(e, ctx));
    }

    /// <summary>The key of the <c>resources</c> collection this resource came from, e.g. <c>id_documents</c>.</summary>
    public string CollectionName { get; }

    public string? ResourceId { get; }

    /// <summary>
    /// The source type (<c>END_USER</c>, <c>RELYING_BUSINESS</c>, <c>IBV</c>, …), read from
    /// <c>{ "type": … }</c> or from a plain string.
    /// </summary>
    public string? Source { get; }

    public YotiTimestamp? CreatedAt { get; }

    public YotiTimestamp? LastUpdated { get; }

    public IReadOnlyList<YotiTask> Tasks { get; }

    public override string ToString() => ConsoleText.Escape(ResourceId ?? string.Empty)!;

    private static string? ReadSource(JsonElement json)
    {
        if (!JsonRead.TryGet(json, "source", out var s))
        {
            return null;
        }

        return s.ValueKind == JsonValueKind.Object ? JsonRead.GetString(s, "type") : JsonRead.AsString(s);
    }
}

/// <summary>A capture page of an ID or supplementary document.</summary>
public sealed class YotiPage : YotiJsonObject
{
    internal YotiPage(JsonElement json, ParseContext ctx)
        : base(json)
    {
        CaptureMethod = JsonRead.GetString(json, "capture_method");
        Media = ctx.MediaProperty(json);
        Frames = YotiFrame.List(json, ctx);
        ExtractionImageIds = JsonRead.GetStringList(json, "extraction_image_ids");
    }

    /// <summary><c>CAMERA</c>, <c>UPLOAD</c>, … exactly as sent.</summary>
    public string? CaptureMethod { get; }

    public YotiMedia? Media { get; }

    public IReadOnlyList<YotiFrame> Frames { get; }

    public IReadOnlyList<string> ExtractionImageIds { get; }

    public override string ToString() => ConsoleText.Escape(Media?.MediaId ?? string.Empty)!;
}

/// <summary>A video frame: <c>{ "media": … }</c>, or <c>{}</c> (then <see cref="Media"/> is null).</summary>
public sealed class YotiFrame : YotiJsonObject
{
    private YotiFrame(JsonElement json, ParseContext ctx)
        : base(json)
    {
        Media = ctx.MediaProperty(json);
    }

    public YotiMedia? Media { get; }

    public override string ToString() => ConsoleText.Escape(Media?.MediaId ?? string.Empty)!;

    internal static IReadOnlyList<YotiFrame> List(JsonElement parent, ParseContext ctx) =>
        JsonRead.GetList(parent, "frames", e => new YotiFrame(e, ctx));
}
