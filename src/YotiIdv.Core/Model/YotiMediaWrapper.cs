using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// A <c>{ "media": … }</c> object: <c>document_fields</c>, <c>document_id_photo</c>, <c>file</c>,
/// <c>facemap</c>, <c>image</c>, <c>generated_profile</c>, <c>raw_results</c>, previews and so on.
/// Any other field the wrapper carries is reachable through <see cref="YotiJsonObject.GetRawJson"/>.
/// </summary>
public sealed class YotiMediaWrapper : YotiJsonObject
{
    internal YotiMediaWrapper(JsonElement json, YotiMedia? media)
        : base(json)
    {
        Media = media;
    }

    public YotiMedia? Media { get; }

    public override string ToString() => ConsoleText.Escape(Media?.MediaId ?? string.Empty)!;
}
