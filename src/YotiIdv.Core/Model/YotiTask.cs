using System;
using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>A task of a resource (<c>resources.*[].tasks[]</c>), any type.</summary>
public sealed class YotiTask : YotiJsonObject
{
    internal YotiTask(JsonElement json, ParseContext ctx)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        TaskId = JsonRead.GetString(json, "id");
        State = JsonRead.GetString(json, "state");
        Created = JsonRead.GetDate(json, "created");
        LastUpdated = JsonRead.GetDate(json, "last_updated");
        GeneratedChecks = JsonRead.GetList(json, "generated_checks", e => new YotiGeneratedCheck(e));
        GeneratedMedia = ctx.GeneratedMedia(json);
        Recommendation = JsonRead.TryGet(json, "recommendation", out var r) ? YotiTaskRecommendation.From(r) : null;
    }

    public string? Type { get; }

    public string? TaskId { get; }

    public string? State { get; }

    public YotiTimestamp? Created { get; }

    public YotiTimestamp? LastUpdated { get; }

    public IReadOnlyList<YotiGeneratedCheck> GeneratedChecks { get; }

    public IReadOnlyList<YotiMedia> GeneratedMedia { get; }

    public YotiTaskRecommendation? Recommendation { get; }

    public override string ToString() => ConsoleText.Escape(TaskId ?? string.Empty)!;
}

/// <summary>A <c>generated_checks[]</c> reference: the id of a check in the session's <c>checks</c>.</summary>
public sealed class YotiGeneratedCheck : YotiJsonObject
{
    internal YotiGeneratedCheck(JsonElement json)
        : base(json)
    {
        CheckId = JsonRead.GetString(json, "id");
        Type = JsonRead.GetString(json, "type");
    }

    public string? CheckId { get; }

    public string? Type { get; }

    public override string ToString() => ConsoleText.Escape(CheckId ?? string.Empty)!;
}

/// <summary>
/// A task recommendation: <c>{ value, reason: { value, detail } }</c>. Unlike a check recommendation the
/// reason is an object; a plain string reason is accepted as its <c>Value</c>.
/// </summary>
public sealed class YotiTaskRecommendation : YotiJsonObject
{
    private YotiTaskRecommendation(JsonElement json, string? value, YotiTaskRecommendationReason? reason)
        : base(json)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary><c>PROGRESS</c>, <c>SHOULD_TRY_AGAIN</c>, <c>MUST_TRY_AGAIN</c>, … exactly as sent.</summary>
    public string? Value { get; }

    public YotiTaskRecommendationReason? Reason { get; }

    public override string ToString() => ConsoleText.Escape(Value ?? string.Empty)!;

    internal static YotiTaskRecommendation? From(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return new YotiTaskRecommendation(json, JsonRead.StringValue(json), null);
        }

        if (json.ValueKind != JsonValueKind.Object || !JsonRead.HasProperties(json))
        {
            return null;
        }

        YotiTaskRecommendationReason? reason = null;
        if (JsonRead.TryGet(json, "reason", out var r))
        {
            if (r.ValueKind == JsonValueKind.Object && JsonRead.HasProperties(r))
            {
                reason = new YotiTaskRecommendationReason(r, JsonRead.GetString(r, "value"), JsonRead.GetString(r, "detail"));
            }
            else if (JsonRead.AsString(r) is { } s)
            {
                reason = new YotiTaskRecommendationReason(r, s, null);
            }
        }

        return new YotiTaskRecommendation(json, JsonRead.GetString(json, "value"), reason);
    }
}

/// <summary>The <c>reason</c> of a task recommendation.</summary>
public sealed class YotiTaskRecommendationReason : YotiJsonObject
{
    internal YotiTaskRecommendationReason(JsonElement json, string? value, string? detail)
        : base(json)
    {
        Value = value;
        Detail = detail;
    }

    /// <summary><c>QUALITY</c>, <c>USER_ERROR</c>, … exactly as sent.</summary>
    public string? Value { get; }

    public string? Detail { get; }

    public override string ToString() => ConsoleText.Escape(Value ?? string.Empty)!;
}
