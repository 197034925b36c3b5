using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>Fields shared by <c>identity_profile</c> and <c>advanced_identity_profile</c>.</summary>
public abstract class YotiIdentityProfileBase : YotiJsonObject
{
    private protected YotiIdentityProfileBase(JsonElement json)
        : base(json)
    {
        SubjectId = JsonRead.GetString(json, "subject_id");
        Result = JsonRead.GetString(json, "result");
        FailureReason = JsonRead.GetObject(json, "failure_reason") is { } f ? new YotiIdentityProfileFailureReason(f) : null;
    }

    public string? SubjectId { get; }

    /// <summary><c>DONE</c>, <c>ABORTED</c>, … exactly as sent.</summary>
    public string? Result { get; }

    /// <summary>Usually present with <c>ABORTED</c>.</summary>
    public YotiIdentityProfileFailureReason? FailureReason { get; }

    public override string ToString() => ConsoleText.Escape(Result ?? string.Empty)!;
}

/// <summary>The session's <c>identity_profile</c> (one trust framework).</summary>
public sealed class YotiIdentityProfile : YotiIdentityProfileBase
{
    internal YotiIdentityProfile(JsonElement json, ParseContext ctx)
        : base(json)
    {
        IdentityProfileReport = JsonRead.GetObject(json, "identity_profile_report") is { } r ? new YotiIdentityProfileReport(r, ctx) : null;
    }

    /// <summary>Present with <c>DONE</c>.</summary>
    public YotiIdentityProfileReport? IdentityProfileReport { get; }
}

/// <summary>The session's <c>advanced_identity_profile</c> (one or more trust frameworks).</summary>
public sealed class YotiAdvancedIdentityProfile : YotiIdentityProfileBase
{
    internal YotiAdvancedIdentityProfile(JsonElement json, ParseContext ctx)
        : base(json)
    {
        IdentityProfileReport = JsonRead.GetObject(json, "identity_profile_report") is { } r ? new YotiAdvancedIdentityProfileReport(r, ctx) : null;
    }

    /// <summary>Present with <c>DONE</c>.</summary>
    public YotiAdvancedIdentityProfileReport? IdentityProfileReport { get; }
}

/// <summary><c>identity_profile.identity_profile_report</c>.</summary>
public sealed class YotiIdentityProfileReport : YotiJsonObject
{
    internal YotiIdentityProfileReport(JsonElement json, ParseContext ctx)
        : base(json)
    {
        TrustFramework = JsonRead.GetString(json, "trust_framework");
        SchemesCompliance = YotiSchemeCompliance.List(json);
        Media = ctx.MediaProperty(json);
    }

    /// <summary><c>UK_TFIDA</c>, <c>YOTI_GLOBAL</c>, … exactly as sent.</summary>
    public string? TrustFramework { get; }

    public IReadOnlyList<YotiSchemeCompliance> SchemesCompliance { get; }

    /// <summary>The full report (JSON media).</summary>
    public YotiMedia? Media { get; }

    public override string ToString() => ConsoleText.Escape(TrustFramework ?? string.Empty)!;
}

/// <summary><c>advanced_identity_profile.identity_profile_report</c>.</summary>
public sealed class YotiAdvancedIdentityProfileReport : YotiJsonObject
{
    internal YotiAdvancedIdentityProfileReport(JsonElement json, ParseContext ctx)
        : base(json)
    {
        Compliance = JsonRead.GetList(json, "compliance", e => new YotiTrustFrameworkCompliance(e));
        Media = ctx.MediaProperty(json);
    }

    /// <summary>One entry per trust framework.</summary>
    public IReadOnlyList<YotiTrustFrameworkCompliance> Compliance { get; }

    /// <summary>The full report (JSON media).</summary>
    public YotiMedia? Media { get; }

    /// <summary>The trust frameworks, e.g. <c>UK_TFIDA; YOTI_GLOBAL</c>.</summary>
    public override string ToString() => ConsoleText.Escape(Compliance.ToString() ?? string.Empty)!;
}

/// <summary>An entry of the advanced report's <c>compliance</c>.</summary>
public sealed class YotiTrustFrameworkCompliance : YotiJsonObject
{
    internal YotiTrustFrameworkCompliance(JsonElement json)
        : base(json)
    {
        TrustFramework = JsonRead.GetString(json, "trust_framework");
        SchemesCompliance = YotiSchemeCompliance.List(json);
    }

    public string? TrustFramework { get; }

    public IReadOnlyList<YotiSchemeCompliance> SchemesCompliance { get; }

    public override string ToString() => ConsoleText.Escape(TrustFramework ?? string.Empty)!;
}

/// <summary>A <c>schemes_compliance[]</c> entry.</summary>
public sealed class YotiSchemeCompliance : YotiJsonObject
{
    private YotiSchemeCompliance(JsonElement json)
        : base(json)
    {
        Scheme = JsonRead.GetObject(json, "scheme") is { } s ? new YotiScheme(s) : null;
        RequirementsMet = JsonRead.GetBool(json, "requirements_met");
        RequirementsNotMetInfo = JsonRead.TryGet(json, "requirements_not_met_info", out var info)
            ? JsonRead.AsString(info) ?? info.GetRawText()
            : null;
    }

    public YotiScheme? Scheme { get; }

    public bool? RequirementsMet { get; }

    /// <summary>e.g. <c>INSUFFICIENT_ACTIVITY_HISTORY</c> (documented as an object; kept as JSON text if one arrives).</summary>
    public string? RequirementsNotMetInfo { get; }

    /// <summary>The scheme and whether its requirements are met, e.g. <c>DBS BASIC=True</c>.</summary>
    public override string ToString() => ConsoleText.Escape(Scheme + "=" + RequirementsMet)!;

    internal static IReadOnlyList<YotiSchemeCompliance> List(JsonElement parent) =>
        JsonRead.GetList(parent, "schemes_compliance", e => new YotiSchemeCompliance(e));
}

/// <summary>A scheme: <c>{ type, objective, label }</c>.</summary>
public sealed class YotiScheme : YotiJsonObject
{
    internal YotiScheme(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        Objective = JsonRead.GetString(json, "objective");
        Label = JsonRead.GetString(json, "label");
    }

    /// <summary><c>DBS</c>, <c>RTW</c>, <c>IDENTITY</c>, …</summary>
    public string? Type { get; }

    /// <summary><c>BASIC</c>, <c>STANDARD</c>, <c>AL_L1</c>, …</summary>
    public string? Objective { get; }

    /// <summary>The caller's label from the request (advanced profiles).</summary>
    public string? Label { get; }

    public override string ToString() => ConsoleText.Escape(Objective is null ? Type ?? string.Empty : Type + " " + Objective)!;
}

/// <summary>An identity profile's <c>failure_reason</c>.</summary>
public sealed class YotiIdentityProfileFailureReason : YotiJsonObject
{
    internal YotiIdentityProfileFailureReason(JsonElement json)
        : base(json)
    {
        ReasonCode = JsonRead.GetString(json, "reason_code");
        RequirementsNotMetDetails = JsonRead.GetList(json, "requirements_not_met_details", e => new YotiRequirementNotMetDetail(e));
    }

    /// <summary>e.g. <c>UNABLE_TO_VALIDATE_DOCUMENT</c>, <c>ABANDONED</c>.</summary>
    public string? ReasonCode { get; }

    /// <summary>Every entry (not only the first, unlike the PHP SDK).</summary>
    public IReadOnlyList<YotiRequirementNotMetDetail> RequirementsNotMetDetails { get; }

    public override string ToString() => ConsoleText.Escape(ReasonCode ?? string.Empty)!;
}

/// <summary>A <c>requirements_not_met_details[]</c> entry; the API sends <c>""</c> for unknown values.</summary>
public sealed class YotiRequirementNotMetDetail : YotiJsonObject
{
    internal YotiRequirementNotMetDetail(JsonElement json)
        : base(json)
    {
        FailureType = JsonRead.GetString(json, "failure_type");
        DocumentType = JsonRead.GetString(json, "document_type");
        DocumentCountryIsoCode = JsonRead.GetString(json, "document_country_iso_code");
        AuditId = JsonRead.GetString(json, "audit_id");
        Details = JsonRead.GetString(json, "details");
    }

    public string? FailureType { get; }

    public string? DocumentType { get; }

    public string? DocumentCountryIsoCode { get; }

    public string? AuditId { get; }

    public string? Details { get; }

    public override string ToString() => ConsoleText.Escape(FailureType ?? string.Empty)!;
}
