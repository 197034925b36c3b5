using System;
using System.Collections.Generic;
using System.Linq;

namespace YotiIdv.Model;

/// <summary>
/// One flat row per breakdown item (sub-check) of a check, made for <c>Where-Object</c> and
/// <c>Export-Csv</c>: every property is a string or a date, so every CSV cell is readable. A check
/// without a report or without breakdown items gives one row whose <see cref="SubCheck"/> and
/// <see cref="Result"/> are null, so pending checks stay visible.
/// </summary>
public sealed class YotiCheckBreakdownRow
{
    private readonly IReadOnlyList<YotiBreakdownDetail> _details;

    private YotiCheckBreakdownRow(string? sessionId, YotiCheck check, YotiBreakdownItem? item)
    {
        SessionId = sessionId;
        CheckType = check.Type;
        CheckId = check.CheckId;
        CheckState = check.State;
        Recommendation = check.Report?.Recommendation?.Value;
        RecommendationReason = check.Report?.Recommendation?.Reason;
        SubCheck = item?.SubCheck;
        Result = item?.Result;
        Process = item?.Process;
        _details = item?.Details ?? JsonRead.ReadOnly<YotiBreakdownDetail>(null);
        Details = _details.Count == 0 ? null : string.Join(YotiReadOnlyList<string>.Separator, _details.Select(d => d.Name + "=" + d.Value));
        ResourcesUsed = check.ResourcesUsed.Count == 0 ? null : string.Join(YotiReadOnlyList<string>.Separator, check.ResourcesUsed);
        Created = check.Created;
        LastUpdated = check.LastUpdated;
    }

    public string? SessionId { get; }

    /// <summary>The check's <c>type</c>, e.g. <c>ID_DOCUMENT_AUTHENTICITY</c>.</summary>
    public string? CheckType { get; }

    public string? CheckId { get; }

    /// <summary>The check's <c>state</c>, e.g. <c>DONE</c>.</summary>
    public string? CheckState { get; }

    /// <summary>The check's recommendation value (<c>APPROVE</c>, <c>REJECT</c>, …); null without a report.</summary>
    public string? Recommendation { get; }

    /// <summary>The check's recommendation reason, e.g. <c>COUNTERFEIT</c>.</summary>
    public string? RecommendationReason { get; }

    /// <summary>The breakdown item's <c>sub_check</c>; null for a check without breakdown items.</summary>
    public string? SubCheck { get; }

    /// <summary>The breakdown item's <c>result</c> (<c>PASS</c>, <c>FAIL</c>, …).</summary>
    public string? Result { get; }

    /// <summary>The breakdown item's <c>process</c> (<c>AUTOMATED</c>, <c>EXPERT_REVIEW</c>, …).</summary>
    public string? Process { get; }

    /// <summary>The details as <c>name=value</c> pairs joined with <c>"; "</c>; null when there are none.</summary>
    public string? Details { get; }

    /// <summary>The ids of the resources the check used, joined with <c>"; "</c>; null when there are none.</summary>
    public string? ResourcesUsed { get; }

    /// <summary>When the check was created.</summary>
    public YotiTimestamp? Created { get; }

    /// <summary>When the check was last updated.</summary>
    public YotiTimestamp? LastUpdated { get; }

    /// <summary>
    /// The details as typed name/value objects (a method, so <c>Export-Csv</c> and <c>ConvertTo-Json</c>
    /// see only the <see cref="Details"/> string).
    /// </summary>
    public IReadOnlyList<YotiBreakdownDetail> GetDetails() => _details;

    /// <summary>The rows of every check of <paramref name="session"/>, in document order.</summary>
    public static IReadOnlyList<YotiCheckBreakdownRow> FromSession(YotiSession session)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        var rows = new List<YotiCheckBreakdownRow>();
        foreach (var check in session.Checks)
        {
            var breakdown = check.Report?.Breakdown;
            if (breakdown is null || breakdown.Count == 0)
            {
                rows.Add(new YotiCheckBreakdownRow(session.SessionId, check, null));
                continue;
            }

            rows.AddRange(breakdown.Select(item => new YotiCheckBreakdownRow(session.SessionId, check, item)));
        }

        return JsonRead.ReadOnly(rows);
    }

    /// <summary>The sub-check, e.g. <c>document_in_date</c>, else the check id.</summary>
    public override string ToString() => ConsoleText.Escape(SubCheck ?? CheckId ?? string.Empty)!;
}
