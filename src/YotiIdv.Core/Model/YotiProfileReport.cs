using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// An identity profile report (the JSON media of <c>identity_profile_report.media</c>), typed, with the
/// session's compliance summary flattened for tables and CSV. <see cref="YotiJsonObject.GetRawJson"/> returns
/// the report exactly as received.
/// </summary>
public sealed class YotiProfileReport : YotiJsonObject
{
    private readonly byte[] _content;

    internal YotiProfileReport(LocatedProfileReport located, JsonElement json, string text, byte[] content)
        : base(json, text)
    {
        _content = content;
        SessionId = located.SessionId;
        MediaId = located.MediaId;
        ProfileType = located.ProfileType;
        SubjectId = located.Profile.SubjectId;
        Result = located.Profile.Result;
        IdentityAssertion = JsonRead.GetObject(json, "identity_assertion") is { } a ? new YotiIdentityAssertion(a) : null;
        VerificationReports = ListOneOrMany(json, "verification_reports", "verification_report", e => new YotiVerificationReport(e));
        AuthenticationReports = ListOneOrMany(json, "authentication_reports", "authentication_report", e => new YotiAuthenticationReport(e));
        Proof = JsonRead.TryGet(json, "proof", out var proof) ? new YotiReportProof(proof) : null;

        // The session's own summary first; a report alone (no summary) still gives its frameworks and schemes.
        SchemesCompliance = located.Compliance.Count > 0
            ? located.Compliance
            : VerificationReports.SelectMany(r => r.SchemesCompliance).ToYotiList();
        TrustFramework = JoinDistinct(SchemesCompliance.Select(s => s.TrustFramework).Concat(VerificationReports.Select(r => r.TrustFramework)));
        Scheme = JoinDistinct(SchemesCompliance.Select(s => s.Text));
        RequirementsMet = SchemesCompliance.Count == 0 ? null : SchemesCompliance.All(s => s.RequirementsMet == true);
        RequirementsNotMet = JoinDistinct(SchemesCompliance.Where(s => s.RequirementsMet != true).Select(s => s.Describe()));
        LevelOfAssurance = VerificationReports.Select(r => r.AssuranceProcess?.LevelOfAssurance).FirstOrDefault(l => l != null);
    }

    public string SessionId { get; }

    /// <summary>The media id of the report JSON.</summary>
    public string MediaId { get; }

    /// <summary><c>identity_profile</c> or <c>advanced_identity_profile</c>: the session property the report came from.</summary>
    public string ProfileType { get; }

    public string? SubjectId { get; }

    /// <summary>The profile's result (<c>DONE</c>), exactly as sent.</summary>
    public string? Result { get; }

    /// <summary>The trust frameworks, comma-separated (<c>UK_TFIDA, YOTI_GLOBAL</c>).</summary>
    public string? TrustFramework { get; }

    /// <summary>The schemes, comma-separated (<c>DBS BASIC, RTW</c>).</summary>
    public string? Scheme { get; }

    /// <summary>True when every scheme's requirements are met; null when the report names no scheme.</summary>
    public bool? RequirementsMet { get; }

    /// <summary>The schemes whose requirements are not met, with the reason (<c>DBS STANDARD (INSUFFICIENT_ACTIVITY_HISTORY)</c>).</summary>
    public string? RequirementsNotMet { get; }

    /// <summary>One entry per trust framework × scheme.</summary>
    public IReadOnlyList<YotiReportSchemeCompliance> SchemesCompliance { get; }

    /// <summary>The level of assurance of the first verification report (<c>MEDIUM</c>).</summary>
    public string? LevelOfAssurance { get; }

    public string? FullName => IdentityAssertion?.FullName;

    /// <summary>As sent (<c>yyyy-mm-dd</c>).</summary>
    public string? DateOfBirth => IdentityAssertion?.DateOfBirth;

    public string? CurrentAddress => IdentityAssertion?.CurrentAddress?.Address?.FormattedAddress;

    /// <summary>The verified identity attributes (<c>identity_assertion</c>).</summary>
    public YotiIdentityAssertion? IdentityAssertion { get; }

    /// <summary><c>verification_report</c>, or every entry of <c>verification_reports</c> (advanced profiles).</summary>
    public IReadOnlyList<YotiVerificationReport> VerificationReports { get; }

    /// <summary><c>authentication_report</c> / <c>authentication_reports</c> at the top level.</summary>
    public IReadOnlyList<YotiAuthenticationReport> AuthenticationReports { get; }

    /// <summary>The report signature (<c>proof</c>).</summary>
    public YotiReportProof? Proof { get; }

    /// <summary>The bytes exactly as received, for saving.</summary>
    internal byte[] Content => _content;

    public override string ToString() => ConsoleText.Escape(SessionId)!;

    internal static IReadOnlyList<T> ListOneOrMany<T>(JsonElement json, string many, string one, Func<JsonElement, T?> map)
        where T : class
    {
        IReadOnlyList<T> list = JsonRead.GetList(json, many, map);
        return list.Count > 0 ? list : JsonRead.GetList(json, one, map);
    }

    private static string? JoinDistinct(IEnumerable<string?> values)
    {
        string joined = string.Join(", ", values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal));
        return joined.Length == 0 ? null : joined;
    }
}

/// <summary>One scheme of one trust framework, flat (for tables and CSV).</summary>
public sealed class YotiReportSchemeCompliance : YotiJsonObject
{
    internal YotiReportSchemeCompliance(string? trustFramework, YotiSchemeCompliance compliance)
        : base(compliance.Json)
    {
        TrustFramework = trustFramework;
        SchemeType = compliance.Scheme?.Type;
        Objective = compliance.Scheme?.Objective;
        Label = compliance.Scheme?.Label;
        RequirementsMet = compliance.RequirementsMet;
        RequirementsNotMetInfo = compliance.RequirementsNotMetInfo;
    }

    /// <summary><c>UK_TFIDA</c>, <c>YOTI_GLOBAL</c>, … exactly as sent.</summary>
    public string? TrustFramework { get; }

    /// <summary><c>DBS</c>, <c>RTW</c>, <c>IDENTITY</c>, …</summary>
    public string? SchemeType { get; }

    /// <summary><c>BASIC</c>, <c>STANDARD</c>, <c>AL_L1</c>, …</summary>
    public string? Objective { get; }

    /// <summary>The caller's label from the session request (advanced profiles).</summary>
    public string? Label { get; }

    public bool? RequirementsMet { get; }

    /// <summary>e.g. <c>INSUFFICIENT_ACTIVITY_HISTORY</c>.</summary>
    public string? RequirementsNotMetInfo { get; }

    internal static IReadOnlyList<YotiReportSchemeCompliance> From(string? trustFramework, IEnumerable<YotiSchemeCompliance> schemes) =>
        schemes.Select(s => new YotiReportSchemeCompliance(trustFramework, s)).ToYotiList();

    /// <summary>The scheme and objective as sent (for properties; <see cref="ToString"/> is for display).</summary>
    internal string Text => Objective is null ? SchemeType ?? string.Empty : SchemeType + " " + Objective;

    internal string Describe() => RequirementsNotMetInfo is null ? Text : Text + " (" + RequirementsNotMetInfo + ")";

    public override string ToString() => ConsoleText.Escape(Text)!;
}
