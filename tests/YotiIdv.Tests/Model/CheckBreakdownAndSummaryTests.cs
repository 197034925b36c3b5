using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using YotiIdv.Model;

namespace YotiIdv.Tests.Model;

public class CheckBreakdownAndSummaryTests
{
    public static IEnumerable<object[]> Fixtures() => ModelFixtures.SessionFiles().Select(f => new object[] { f });

    [Fact]
    public void Seed_gives_one_row_per_breakdown_item_with_readable_details()
    {
        var session = ModelFixtures.Load("seed-example-session.json");
        var rows = YotiCheckBreakdownRow.FromSession(session);

        Assert.Equal(16, rows.Count);
        Assert.Equal(new[] { 14, 1, 1 }, rows.GroupBy(r => r.CheckId).Select(g => g.Count()).ToArray());
        Assert.All(rows, r => Assert.Equal(session.SessionId, r.SessionId));
        Assert.Equal(new[] { "hologram_movement", "ocr_mrz_comparison" }, rows.Where(r => r.Result == "FAIL").Select(r => r.SubCheck).ToArray());

        var ocr = rows.Single(r => r.SubCheck == "ocr_mrz_comparison");
        Assert.Equal("ID_DOCUMENT_AUTHENTICITY", ocr.CheckType);
        Assert.Equal("DONE", ocr.CheckState);
        Assert.Equal("APPROVE", ocr.Recommendation);
        Assert.Contains("document_number=MISMATCH", ocr.Details, StringComparison.Ordinal);
        Assert.Equal(ocr.Details, string.Join("; ", ocr.GetDetails().Select(d => d.Name + "=" + d.Value)));
        Assert.Equal(string.Join("; ", session.Checks[0].ResourcesUsed), ocr.ResourcesUsed);
        Assert.Equal(session.Checks[0].Created, ocr.Created);
        Assert.Null(rows.Single(r => r.SubCheck == "hologram_movement").Details);
    }

    [Fact]
    public void Checks_without_report_or_breakdown_still_give_one_row()
    {
        var expired = YotiCheckBreakdownRow.FromSession(ModelFixtures.Load("session-expired.json"));
        Assert.Equal(3, expired.Count);
        Assert.All(expired, r =>
        {
            Assert.Equal("CREATED", r.CheckState);
            Assert.Null(r.SubCheck);
            Assert.Null(r.Result);
            Assert.Null(r.Recommendation);
        });

        var aborted = YotiCheckBreakdownRow.FromSession(ModelFixtures.Load("session-identity-profile-aborted.json"));
        Assert.Equal(3, aborted.Count);
        Assert.Equal(2, aborted.Count(r => r.SubCheck is null && r.Recommendation is not null));
        Assert.Empty(YotiCheckBreakdownRow.FromSession(ModelFixtures.Load("session-ongoing-no-checks.json")));
    }

    [Theory]
    [InlineData("seed-example-session.json", "PASSPORT", "GBR", 3, 3, "APPROVE", "DONE", null)]
    [InlineData("session-expired.json", "DRIVING_LICENCE", "GBR", 3, 0, null, null, null)]
    [InlineData("session-ongoing-no-checks.json", null, null, 0, 0, null, null, null)]
    [InlineData("session-identity-profile-aborted.json", "PASSPORT", "GBR", 3, 3, "NOT_AVAILABLE", "ABORTED", "UNABLE_TO_VALIDATE_DOCUMENT")]
    [InlineData("session-advanced-identity-profile-multi-framework.json", "PASSPORT", "IRL", 4, 4, "APPROVE", "DONE", null)]
    [InlineData("session-in-branch-ibv.json", "PASSPORT", "GBR", 9, 9, "REJECT", null, null)]
    [InlineData("session-forward-compat-unknown-types.json", "PASSPORT", "CAN", 6, 5, "REFER", null, null)]
    public void Session_summary_properties(string file, string? documentType, string? country, int checks, int done, string? worst, string? profileResult, string? failureReason)
    {
        var s = ModelFixtures.Load(file);
        Assert.Equal(documentType, s.DocumentType);
        Assert.Equal(country, s.IssuingCountry);
        Assert.Equal(checks, s.CheckCount);
        Assert.Equal(done, s.ChecksDone);
        Assert.Equal(checks - done, s.ChecksPending);
        Assert.Equal(worst, s.WorstRecommendation);
        Assert.Equal(profileResult, s.IdentityProfileResult);
        Assert.Equal(failureReason, s.IdentityProfileFailureReason);
    }

    [Fact]
    public void Recommendations_rank_reject_consider_not_available_unknown_approve()
    {
        var ordered = new[] { "APPROVE", "SOMETHING_NEW", "not_available", "CONSIDER", "REJECT" };
        Assert.Equal(ordered, ordered.OrderBy(YotiRecommendationValues.Rank).ToArray());
        Assert.Equal(-1, YotiRecommendationValues.Rank(null));
        Assert.Contains("FACE_COMPARISON", YotiCheckTypes.All);
    }

    /// <summary>What Export-Csv writes for a property is its ToString(): never a .NET type name.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_model_value_prints_without_a_type_name(string file)
    {
        var session = ModelFixtures.Load(file);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(session, "session", seen);
        foreach (var row in YotiCheckBreakdownRow.FromSession(session))
        {
            Walk(row, "row", seen);
        }
    }

    private static void Walk(object value, string path, HashSet<object> seen)
    {
        if (value is string || value.GetType().IsValueType || !seen.Add(value))
        {
            return;
        }

        if (value is IDictionary)
        {
            return; // Tags of a watchlist search config: not a CSV column of any emitted object.
        }

        string text = value.ToString() ?? string.Empty;
        Assert.False(text.Contains("System.", StringComparison.Ordinal) || text.Contains("YotiIdv.", StringComparison.Ordinal), $"{path} prints as '{text}'");

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items)
            {
                if (item is not null)
                {
                    Walk(item, $"{path}[{i++}]", seen);
                }
            }

            return;
        }

        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length == 0 && p.GetValue(value) is { } child)
            {
                Walk(child, path + "." + p.Name, seen);
            }
        }
    }
}
