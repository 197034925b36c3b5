using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>State shared while one session is mapped: the session id every media reference carries.</summary>
internal sealed class ParseContext
{
    public ParseContext(string? sessionId)
    {
        SessionId = sessionId;
    }

    public string? SessionId { get; }

    /// <summary>
    /// The richest media object seen per id (a full <c>media</c> object beats a <c>{id,type}</c>
    /// generated-media reference), so that <see cref="YotiSession.GetAllMedia"/> returns the same instances
    /// as the typed properties.
    /// </summary>
    public Dictionary<string, YotiMedia> MediaById { get; } = new Dictionary<string, YotiMedia>(System.StringComparer.Ordinal);

    /// <summary>A full media object (<c>{id,type,created,last_updated}</c>); null for <c>{}</c>.</summary>
    public YotiMedia? Media(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !JsonRead.HasProperties(element))
        {
            return null;
        }

        var media = new YotiMedia(element, SessionId);
        if (media.MediaId is not null
            && (!MediaById.TryGetValue(media.MediaId, out var known) || (known.IsReference && !media.IsReference)))
        {
            MediaById[media.MediaId] = media;
        }

        return media;
    }

    /// <summary>The <c>media</c> property of <paramref name="parent"/>.</summary>
    public YotiMedia? MediaProperty(JsonElement parent) =>
        JsonRead.GetObject(parent, "media") is { } m ? Media(m) : null;

    /// <summary>A <c>{ "media": … }</c> wrapper held in property <paramref name="name"/> of <paramref name="parent"/>.</summary>
    public YotiMediaWrapper? Wrapper(JsonElement parent, string name) =>
        JsonRead.GetObject(parent, name) is { } w ? new YotiMediaWrapper(w, MediaProperty(w)) : null;

    /// <summary>The <c>generated_media</c> references of a task or check.</summary>
    public IReadOnlyList<YotiMedia> GeneratedMedia(JsonElement parent) =>
        JsonRead.GetList(parent, "generated_media", Media);
}
