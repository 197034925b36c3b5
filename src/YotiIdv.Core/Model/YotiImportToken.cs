using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>The session's <c>import_token</c>: <c>{ media, failure_reason }</c>.</summary>
public sealed class YotiImportToken : YotiJsonObject
{
    internal YotiImportToken(JsonElement json, ParseContext ctx)
        : base(json)
    {
        Media = ctx.MediaProperty(json);
        FailureReason = JsonRead.GetString(json, "failure_reason");
    }

    public YotiMedia? Media { get; }

    public string? FailureReason { get; }

    public override string ToString() => ConsoleText.Escape(Media?.MediaId ?? string.Empty)!;
}
