using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>The report's <c>identity_assertion</c>: the verified identity attributes.</summary>
public sealed class YotiIdentityAssertion : YotiJsonObject
{
    internal YotiIdentityAssertion(JsonElement json)
        : base(json)
    {
        CurrentName = JsonRead.GetObject(json, "current_name") is { } n ? new YotiAssertedName(n) : null;
        DateOfBirth = JsonRead.GetString(json, "date_of_birth");
        CurrentAddress = JsonRead.GetObject(json, "current_address") is { } a ? new YotiAssertedAddress(a) : null;

        // Abridged examples put full_name directly on the assertion.
        FullName = CurrentName?.FullName ?? JsonRead.GetString(json, "full_name");
    }

    public YotiAssertedName? CurrentName { get; }

    /// <summary>The current name's full name.</summary>
    public string? FullName { get; }

    /// <summary>As sent (<c>yyyy-mm-dd</c>).</summary>
    public string? DateOfBirth { get; }

    public YotiAssertedAddress? CurrentAddress { get; }

    public override string ToString() => ConsoleText.Escape(FullName ?? string.Empty)!;
}

/// <summary><c>identity_assertion.current_name</c>.</summary>
public sealed class YotiAssertedName : YotiJsonObject
{
    internal YotiAssertedName(JsonElement json)
        : base(json)
    {
        GivenNames = JsonRead.GetString(json, "given_names");
        FirstName = JsonRead.GetString(json, "first_name");
        MiddleName = JsonRead.GetString(json, "middle_name");
        FamilyName = JsonRead.GetString(json, "family_name");
        FullName = JsonRead.GetString(json, "full_name");
    }

    public string? GivenNames { get; }

    public string? FirstName { get; }

    public string? MiddleName { get; }

    public string? FamilyName { get; }

    public string? FullName { get; }

    public override string ToString() => ConsoleText.Escape(FullName ?? string.Empty)!;
}

/// <summary><c>identity_assertion.current_address</c>: a structured postal address and the move-in date.</summary>
public sealed class YotiAssertedAddress : YotiJsonObject
{
    internal YotiAssertedAddress(JsonElement json)
        : base(json)
    {
        Address = JsonRead.GetObject(json, "address") is { } a ? new YotiPostalAddress(a) : null;
        MoveIn = JsonRead.GetString(json, "move_in");
    }

    public YotiPostalAddress? Address { get; }

    /// <summary>As sent (<c>yyyy-mm-dd</c>, may be partial).</summary>
    public string? MoveIn { get; }

    public override string ToString() => ConsoleText.Escape(Address?.ToString() ?? string.Empty)!;
}
/// <summary>A <c>verification_report</c> (one per trust framework in advanced reports).</summary>
public sealed class YotiVerificationReport : YotiJsonObject
{
    internal YotiVerificationReport(JsonElement json)
        : base(json)
    {
        ReportId = JsonRead.GetString(json, "report_id");
        Timestamp = JsonRead.GetDate(json, "timestamp");
        SubjectId = JsonRead.GetString(json, "subject_id");
        TrustFramework = JsonRead.GetString(json, "trust_framework");
        SchemesCompliance = YotiReportSchemeCompliance.From(TrustFramework, YotiSchemeCompliance.List(json));
        AssuranceProcess = JsonRead.GetObject(json, "assurance_process") is { } p ? new YotiAssuranceProcess(p) : null;
        AddressVerification = JsonRead.GetObject(json, "address_verification") is { } v ? new YotiAddressVerification(v) : null;
        Evidence = JsonRead.GetObject(json, "evidence") is { } e ? new YotiReportEvidence(e) : null;
        AuthenticationReports = YotiProfileReport.ListOneOrMany(json, "authentication_reports", "authentication_report", r => new YotiAuthenticationReport(r));
    }

    public string? ReportId { get; }

    public YotiTimestamp? Timestamp { get; }

    public string? SubjectId { get; }

    public string? TrustFramework { get; }

    public IReadOnlyList<YotiReportSchemeCompliance> SchemesCompliance { get; }

    /// <summary>Level of assurance, policy, procedure and scores (absent when no scheme was met).</summary>
    public YotiAssuranceProcess? AssuranceProcess { get; }

    public YotiAddressVerification? AddressVerification { get; }

    public YotiReportEvidence? Evidence { get; }

    /// <summary>Authentication reports nested in this verification report (some examples place them here).</summary>
    public IReadOnlyList<YotiAuthenticationReport> AuthenticationReports { get; }

    public override string ToString() => ConsoleText.Escape(ReportId ?? string.Empty)!;
}

/// <summary><c>assurance_process</c>: how the level of assurance was reached (GPG45).</summary>
public sealed class YotiAssuranceProcess : YotiJsonObject
{
    internal YotiAssuranceProcess(JsonElement json)
        : base(json)
    {
        LevelOfAssurance = JsonRead.GetString(json, "level_of_assurance");
        Policy = JsonRead.GetString(json, "policy");
        Procedure = JsonRead.GetString(json, "procedure");
        Assurance = JsonRead.GetList(json, "assurance", a => new YotiAssurance(a));
    }

    /// <summary><c>LOW</c>, <c>MEDIUM</c>, <c>HIGH</c>.</summary>
    public string? LevelOfAssurance { get; }

    /// <summary><c>GPG45</c>, …</summary>
    public string? Policy { get; }

    /// <summary><c>M1A</c>, <c>H1A</c>, …</summary>
    public string? Procedure { get; }

    public IReadOnlyList<YotiAssurance> Assurance { get; }

    public override string ToString() => ConsoleText.Escape(LevelOfAssurance ?? string.Empty)!;
}

/// <summary>An <c>assurance[]</c> entry: a score and the evidence it rests on.</summary>
public sealed class YotiAssurance : YotiJsonObject
{
    internal YotiAssurance(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        Classification = JsonRead.GetString(json, "classification");
        EvidenceLinks = JsonRead.GetStringList(json, "evidence_links");
    }

    /// <summary><c>EVIDENCE_STRENGTH</c>, <c>EVIDENCE_VALIDITY</c>, <c>VERIFICATION</c>, <c>IDENTITY_FRAUD</c>, …</summary>
    public string? Type { get; }

    /// <summary>The score, as sent (a digit).</summary>
    public string? Classification { get; }

    /// <summary>Evidence ids.</summary>
    public IReadOnlyList<string> EvidenceLinks { get; }

    public override string ToString() => ConsoleText.Escape(Type + " " + Classification)!;
}

/// <summary><c>address_verification</c>.</summary>
public sealed class YotiAddressVerification : YotiJsonObject
{
    internal YotiAddressVerification(JsonElement json)
        : base(json)
    {
        CurrentAddressVerified = JsonRead.GetBool(json, "current_address_verified");
        EvidenceLinks = JsonRead.GetStringList(json, "evidence_links");
    }

    public bool? CurrentAddressVerified { get; }

    public IReadOnlyList<string> EvidenceLinks { get; }

    public override string ToString() => ConsoleText.Escape(CurrentAddressVerified?.ToString() ?? string.Empty)!;
}

/// <summary>A verification report's <c>evidence</c>.</summary>
public sealed class YotiReportEvidence : YotiJsonObject
{
    internal YotiReportEvidence(JsonElement json)
        : base(json)
    {
        Documents = JsonRead.GetList(json, "documents", d => new YotiDocumentEvidence(d));
        JsonElement? face = JsonRead.GetObject(json, "face") ?? JsonRead.GetObject(json, "face_capture");
        Face = face is { } f ? new YotiFaceEvidence(f) : null;
        ElectronicRecords = JsonRead.GetList(json, "electronic_records", r => new YotiElectronicRecordEvidence(r));
    }

    public IReadOnlyList<YotiDocumentEvidence> Documents { get; }

    /// <summary><c>face</c> (<c>face_capture</c> in Digital ID reports).</summary>
    public YotiFaceEvidence? Face { get; }

    public IReadOnlyList<YotiElectronicRecordEvidence> ElectronicRecords { get; }

    /// <summary>How much evidence of each kind there is, e.g. <c>documents=1; face=1</c> (a readable CSV cell).</summary>
    public override string ToString() => string.Join(YotiReadOnlyList<string>.Separator, new[]
    {
        Documents.Count > 0 ? "documents=" + Documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        Face is null ? null : "face=1",
        ElectronicRecords.Count > 0 ? "electronic_records=" + ElectronicRecords.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(part => part != null));
}

/// <summary>What every evidence item has: its id, time, verifier and links to the session.</summary>
public abstract class YotiEvidenceItem : YotiJsonObject
{
    private protected YotiEvidenceItem(JsonElement json)
        : base(json)
    {
        EvidenceId = JsonRead.GetString(json, "evidence_id");
        Timestamp = JsonRead.GetDate(json, "timestamp");
        VerifyingOrg = JsonRead.GetString(json, "verifying_org");
        ResourceIds = JsonRead.GetStringList(json, "resource_ids");
        CheckIds = JsonRead.GetStringList(json, "check_ids");
        MediaIds = JsonRead.GetStringList(json, "media_ids");
        AuditIds = JsonRead.GetStringList(json, "audit_ids");
    }

    public string? EvidenceId { get; }

    public YotiTimestamp? Timestamp { get; }

    public string? VerifyingOrg { get; }

    /// <summary>Ids of the session's resources this evidence came from.</summary>
    public IReadOnlyList<string> ResourceIds { get; }

    /// <summary>Ids in the session's <c>checks[]</c>.</summary>
    public IReadOnlyList<string> CheckIds { get; }

    public IReadOnlyList<string> MediaIds { get; }

    public IReadOnlyList<string> AuditIds { get; }

    public override string ToString() => ConsoleText.Escape(EvidenceId ?? string.Empty)!;
}

/// <summary>An <c>evidence.documents[]</c> entry; the extracted fields stay in the raw JSON.</summary>
public sealed class YotiDocumentEvidence : YotiEvidenceItem
{
    internal YotiDocumentEvidence(JsonElement json)
        : base(json)
    {
        JsonElement fields = JsonRead.GetObject(json, "document_fields") ?? default;
        DocumentType = JsonRead.GetString(fields, "document_type");
        IssuingCountry = JsonRead.GetString(fields, "issuing_country");
        PassedChecks = JsonRead.GetList(json, "passed_checks", c => JsonRead.GetString(c, "check"));
    }

    public string? DocumentType { get; }

    public string? IssuingCountry { get; }

    /// <summary><c>MANUAL_VISUAL_DOCUMENT_AUTHENTICITY</c>, <c>DOCUMENT_IN_DATE</c>, …</summary>
    public IReadOnlyList<string> PassedChecks { get; }
}

/// <summary><c>evidence.face</c>.</summary>
public sealed class YotiFaceEvidence : YotiEvidenceItem
{
    internal YotiFaceEvidence(JsonElement json)
        : base(json)
    {
        JsonElement initial = JsonRead.GetObject(json, "initial_liveness") ?? default;
        JsonElement last = JsonRead.GetObject(json, "last_matched_liveness") ?? default;
        InitialLivenessType = JsonRead.GetString(initial, "type");
        InitialLivenessTimestamp = JsonRead.GetDate(initial, "timestamp");
        LastMatchedLivenessType = JsonRead.GetString(last, "type");
        LastMatchedLivenessTimestamp = JsonRead.GetDate(last, "timestamp");
    }

    /// <summary><c>ZOOM</c>, <c>STATIC</c>, …</summary>
    public string? InitialLivenessType { get; }

    public YotiTimestamp? InitialLivenessTimestamp { get; }

    public string? LastMatchedLivenessType { get; }

    public YotiTimestamp? LastMatchedLivenessTimestamp { get; }
}

/// <summary>An <c>evidence.electronic_records[]</c> entry (a database check).</summary>
public sealed class YotiElectronicRecordEvidence : YotiEvidenceItem
{
    internal YotiElectronicRecordEvidence(JsonElement json)
        : base(json)
    {
        ProviderOrg = JsonRead.GetString(json, "provider_org");
    }

    public string? ProviderOrg { get; }
}

/// <summary>An <c>authentication_report</c>.</summary>
public sealed class YotiAuthenticationReport : YotiJsonObject
{
    internal YotiAuthenticationReport(JsonElement json)
        : base(json)
    {
        ReportId = JsonRead.GetString(json, "report_id");
        Timestamp = JsonRead.GetDate(json, "timestamp");
        Level = JsonRead.GetString(json, "level");
        Policy = JsonRead.GetString(json, "policy");
        TrustFramework = JsonRead.GetString(json, "trust_framework");
    }

    public string? ReportId { get; }

    public YotiTimestamp? Timestamp { get; }

    /// <summary><c>MEDIUM</c>, <c>HIGH</c>.</summary>
    public string? Level { get; }

    /// <summary><c>GPG44</c>.</summary>
    public string? Policy { get; }

    public string? TrustFramework { get; }

    public override string ToString() => ConsoleText.Escape(ReportId ?? string.Empty)!;
}

/// <summary>The report's <c>proof</c>: an object <c>{jws, public_key_url}</c>, or a plain string in older reports.</summary>
public sealed class YotiReportProof : YotiJsonObject
{
    internal YotiReportProof(JsonElement json)
        : base(json)
    {
        Jws = json.ValueKind == JsonValueKind.String ? JsonRead.StringValue(json) : JsonRead.GetString(json, "jws");
        PublicKeyUrl = JsonRead.GetString(json, "public_key_url");
    }

    /// <summary>The compact JWS with detached payload (or the older plain signature string).</summary>
    public string? Jws { get; }

    public string? PublicKeyUrl { get; }

    public override string ToString() => ConsoleText.Escape(Jws ?? string.Empty)!;
}
