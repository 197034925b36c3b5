using System;
using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// A check (<c>checks[]</c>). One class for every <c>type</c>, known or not; type-specific fields
/// (<see cref="Scheme"/>, <see cref="Config"/>, <see cref="GeneratedProfile"/>) are null when absent.
/// </summary>
public sealed class YotiCheck : YotiJsonObject
{
    private readonly YotiResourceContainer _sessionResources;

    internal YotiCheck(JsonElement json, ParseContext ctx, YotiResourceContainer sessionResources)
        : base(json)
    {
        _sessionResources = sessionResources;
        Type = JsonRead.GetString(json, "type");
        CheckId = JsonRead.GetString(json, "id");
        State = JsonRead.GetString(json, "state");
        ResourcesUsed = JsonRead.GetStringList(json, "resources_used");
        GeneratedMedia = ctx.GeneratedMedia(json);
        Report = JsonRead.GetObject(json, "report") is { } r ? new YotiCheckReport(r, ctx) : null;
        Created = JsonRead.GetDate(json, "created");
        LastUpdated = JsonRead.GetDate(json, "last_updated");
        GeneratedProfile = ctx.Wrapper(json, "generated_profile");
        Scheme = JsonRead.GetString(json, "scheme");
        Config = JsonRead.GetObject(json, "config") is { } c ? new YotiCheckConfig(c) : null;
    }

    /// <summary><c>ID_DOCUMENT_AUTHENTICITY</c>, <c>LIVENESS</c>, … exactly as sent.</summary>
    public string? Type { get; }

    public string? CheckId { get; }

    /// <summary><c>CREATED</c>, <c>PENDING</c>, <c>READY</c>, <c>DONE</c>, … exactly as sent.</summary>
    public string? State { get; }

    /// <summary>Ids of the resources the check used (may be empty).</summary>
    public IReadOnlyList<string> ResourcesUsed { get; }

    public IReadOnlyList<YotiMedia> GeneratedMedia { get; }

    /// <summary>Null until the check has a result.</summary>
    public YotiCheckReport? Report { get; }

    public YotiTimestamp? Created { get; }

    public YotiTimestamp? LastUpdated { get; }

    /// <summary>Profile checks (third-party identity, fraud, watchlist): the JSON profile sent/returned.</summary>
    public YotiMediaWrapper? GeneratedProfile { get; }

    /// <summary>DOCUMENT_SCHEME_VALIDITY_CHECK: e.g. <c>UK_DBS</c>.</summary>
    public string? Scheme { get; }

    /// <summary>FAMILIAR_FACE_SEARCH: the face-pool configuration.</summary>
    public YotiCheckConfig? Config { get; }

    /// <summary>
    /// The session's resources named in <see cref="ResourcesUsed"/> (ids not found are ignored), like the
    /// SDKs' <c>getResourcesForCheck</c>.
    /// </summary>
    public YotiResourceContainer GetResources() => _sessionResources.Filter(ResourcesUsed);

    public override string ToString() => ConsoleText.Escape(CheckId ?? string.Empty)!;
}

/// <summary>The <c>config</c> of a check (FAMILIAR_FACE_SEARCH); other fields are in the raw JSON.</summary>
public sealed class YotiCheckConfig : YotiJsonObject
{
    internal YotiCheckConfig(JsonElement json)
        : base(json)
    {
        PoolId = JsonRead.GetString(json, "pool_id");
        PoolLabel = JsonRead.GetString(json, "pool_label");
        ApprovalCriteria = JsonRead.GetString(json, "approval_criteria");
    }

    public string? PoolId { get; }

    public string? PoolLabel { get; }

    /// <summary><c>MATCH</c> or <c>NO_MATCH</c>, exactly as sent.</summary>
    public string? ApprovalCriteria { get; }

    public override string ToString() => ConsoleText.Escape(PoolId ?? string.Empty)!;
}

/// <summary>A check's <c>report</c>.</summary>
public sealed class YotiCheckReport : YotiJsonObject
{
    internal YotiCheckReport(JsonElement json, ParseContext ctx)
        : base(json)
    {
        Recommendation = YotiRecommendation.From(json);
        Breakdown = JsonRead.GetList(json, "breakdown", e => new YotiBreakdownItem(e));
        WatchlistSummary = JsonRead.GetObject(json, "watchlist_summary") is { } w ? new YotiWatchlistSummary(w, ctx) : null;
    }

    public YotiRecommendation? Recommendation { get; }

    public IReadOnlyList<YotiBreakdownItem> Breakdown { get; }

    /// <summary>WATCHLIST_SCREENING and WATCHLIST_ADVANCED_CA only.</summary>
    public YotiWatchlistSummary? WatchlistSummary { get; }

    /// <summary>The recommendation, e.g. <c>REJECT (COUNTERFEIT)</c>; empty when there is none.</summary>
    public override string ToString() => ConsoleText.Escape(Recommendation?.Reason is { } reason
        ? Recommendation.Value + " (" + reason + ")"
        : Recommendation?.Value ?? string.Empty)!;
}

/// <summary>A check recommendation: <c>{ value, reason, recovery_suggestion }</c> (all strings).</summary>
public sealed class YotiRecommendation : YotiJsonObject
{
    private YotiRecommendation(JsonElement json, string? value, string? reason, string? recoverySuggestion)
        : base(json)
    {
        Value = value;
        Reason = reason;
        RecoverySuggestion = recoverySuggestion;
    }

    /// <summary><c>APPROVE</c>, <c>REJECT</c>, <c>NOT_AVAILABLE</c>, <c>CONSIDER</c>, … exactly as sent.</summary>
    public string? Value { get; }

    /// <summary>A reason code such as <c>PHOTO_TOO_BLURRY</c>; null when approved.</summary>
    public string? Reason { get; }

    public string? RecoverySuggestion { get; }

    public override string ToString() => ConsoleText.Escape(Value ?? string.Empty)!;

    internal static YotiRecommendation? From(JsonElement report)
    {
        if (!JsonRead.TryGet(report, "recommendation", out var r))
        {
            return null;
        }

        // Tolerate a bare string in place of the object.
        if (r.ValueKind == JsonValueKind.String)
        {
            return new YotiRecommendation(r, JsonRead.StringValue(r), null, null);
        }

        return r.ValueKind == JsonValueKind.Object && JsonRead.HasProperties(r)
            ? new YotiRecommendation(r, JsonRead.GetString(r, "value"), ReadReason(r), JsonRead.GetString(r, "recovery_suggestion"))
            : null;
    }

    private static string? ReadReason(JsonElement json)
    {
        // A task-style object reason ({value, detail}) reads as its value.
        if (JsonRead.GetObject(json, "reason") is { } o)
        {
            return JsonRead.GetString(o, "value");
        }

        return JsonRead.GetString(json, "reason");
    }
}

/// <summary>A <c>report.breakdown[]</c> item.</summary>
public sealed class YotiBreakdownItem : YotiJsonObject
{
    internal YotiBreakdownItem(JsonElement json)
        : base(json)
    {
        SubCheck = JsonRead.GetString(json, "sub_check");
        Result = JsonRead.GetString(json, "result");
        Process = JsonRead.GetString(json, "process");
        Details = JsonRead.GetList(json, "details", e => new YotiBreakdownDetail(e));
    }

    /// <summary>snake_case sub-check name, e.g. <c>document_in_date</c>.</summary>
    public string? SubCheck { get; }

    /// <summary><c>PASS</c>, <c>FAIL</c>, … exactly as sent.</summary>
    public string? Result { get; }

    /// <summary><c>AUTOMATED</c>, <c>EXPERT_REVIEW</c>, … ; null in older responses.</summary>
    public string? Process { get; }

    /// <summary>Name/value pairs; a name may repeat.</summary>
    public IReadOnlyList<YotiBreakdownDetail> Details { get; }

    public override string ToString() => ConsoleText.Escape(SubCheck ?? string.Empty)!;
}

/// <summary>A breakdown detail: <c>{ name, value }</c>; numbers arrive (and stay) as strings.</summary>
public sealed class YotiBreakdownDetail : YotiJsonObject
{
    internal YotiBreakdownDetail(JsonElement json)
        : base(json)
    {
        Name = JsonRead.GetString(json, "name");
        Value = JsonRead.TryGet(json, "value", out var v) ? JsonRead.AsString(v) ?? v.GetRawText() : null;
    }

    public string? Name { get; }

    public string? Value { get; }

    public override string ToString() => ConsoleText.Escape(Name + "=" + Value)!;
}
