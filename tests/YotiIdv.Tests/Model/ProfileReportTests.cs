using System;
using System.IO;
using System.Linq;
using System.Text;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Model;

/// <summary>Locating and parsing identity profile reports, offline, on the shared fixtures.</summary>
public sealed class ProfileReportTests
{
    private static YotiProfileReport Parse(string sessionFixture, byte[] report)
    {
        LocatedProfileReport located = IdentityProfileReportReader.Locate(ModelFixtures.Load(sessionFixture));
        return IdentityProfileReportReader.Parse(located, report);
    }

    [Fact]
    public void PlainProfileReportMapsEveryDocumentedPart()
    {
        byte[] bytes = File.ReadAllBytes(ModelFixtures.Path_("media-identity-profile-report.json"));
        YotiProfileReport r = Parse("session-identity-profile-done.json", bytes);

        Assert.Equal("dc376625-6bec-4fc8-9740-bd06f2220c65", r.SessionId);
        Assert.Equal("1ad3a591-2a8c-4767-8c60-c2501402e485", r.MediaId);
        Assert.Equal("identity_profile", r.ProfileType);
        Assert.Equal("DONE", r.Result);
        Assert.Equal("cand-2025-00452", r.SubjectId);
        Assert.Equal("UK_TFIDA", r.TrustFramework);
        Assert.Equal("DBS BASIC, RTW", r.Scheme);
        Assert.True(r.RequirementsMet);
        Assert.Null(r.RequirementsNotMet);
        Assert.Equal("MEDIUM", r.LevelOfAssurance);

        Assert.Equal("AMELIA ROSE HARTLEY", r.FullName);
        Assert.Equal("1991-04-17", r.DateOfBirth);
        Assert.Equal("HARTLEY", r.IdentityAssertion!.CurrentName!.FamilyName);
        Assert.Equal("ROSE", r.IdentityAssertion.CurrentName.MiddleName);
        Assert.Equal("RG1 8BB", r.IdentityAssertion.CurrentAddress!.Address!.PostalCode);
        Assert.Equal("27 CAVERSHAM ROAD\nREADING\nRG1 8BB\nUnited Kingdom", r.CurrentAddress);

        YotiVerificationReport v = Assert.Single(r.VerificationReports);
        Assert.Equal("f1a5223f-2c5e-4f87-aff4-eb5887de5d88", v.ReportId);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 10, 17, 24, TimeSpan.Zero), v.Timestamp);
        Assert.Equal("UK_TFIDA", v.TrustFramework);
        Assert.Equal(new[] { "DBS BASIC", "RTW" }, v.SchemesCompliance.Select(s => s.ToString()));
        Assert.True(v.AddressVerification!.CurrentAddressVerified);
        Assert.Equal("M1A", v.AssuranceProcess!.Procedure);
        Assert.Equal("GPG45", v.AssuranceProcess.Policy);
        Assert.Equal(6, v.AssuranceProcess.Assurance.Count);
        Assert.Equal("IDENTITY_FRAUD", v.AssuranceProcess.Assurance[4].Type);
        Assert.Equal("2", v.AssuranceProcess.Assurance[4].Classification);
        Assert.Equal(3, v.AssuranceProcess.Assurance[5].EvidenceLinks.Count);

        YotiReportEvidence e = v.Evidence!;
        Assert.Equal(new[] { "PASSPORT", "DRIVING_LICENCE" }, e.Documents.Select(d => d.DocumentType));
        Assert.Equal("237850d3-90a1-402a-9983-ef2536da0c01", e.Documents[0].EvidenceId);
        Assert.Equal(new[] { "MANUAL_VISUAL_DOCUMENT_AUTHENTICITY", "DOCUMENT_IN_DATE", "FRAUD_DOCUMENTS_LIST", "AUTOMATED_FACE_MATCH" }, e.Documents[0].PassedChecks);
        Assert.Equal(new[] { "b59f07db-9eeb-4551-9e1b-9735018efdef" }, e.Documents[0].ResourceIds);
        Assert.Equal(2, e.Documents[0].CheckIds.Count);
        Assert.Equal("ZOOM", e.Face!.InitialLivenessType);
        Assert.Equal("c42a2b65-bc8d-4d02-b159-c26a4fe09d37", Assert.Single(e.Face.ResourceIds));
        Assert.Equal("Cifas Ltd.", Assert.Single(e.ElectronicRecords).ProviderOrg);
        Assert.Empty(e.ElectronicRecords[0].ResourceIds);

        Assert.Equal("https://api.yoti.com/idverify/v1/keys/ipr2025-03.jwks", r.Proof!.PublicKeyUrl);
        Assert.StartsWith("eyJhbGciOiJFZERTQSIs", r.Proof.Jws, StringComparison.Ordinal);
        Assert.Empty(r.AuthenticationReports);
        Assert.Equal(Encoding.UTF8.GetString(bytes), r.GetRawJson());
        Assert.Same(bytes, r.Content);
    }

    [Fact]
    public void EvidenceLinksResolveToTheSessionsResourcesAndChecks()
    {
        YotiSession session = ModelFixtures.Load("session-identity-profile-done.json");
        YotiProfileReport r = Parse("session-identity-profile-done.json", File.ReadAllBytes(ModelFixtures.Path_("media-identity-profile-report.json")));
        var evidence = r.VerificationReports[0].Evidence!;
        var items = evidence.Documents.Cast<YotiEvidenceItem>().Append(evidence.Face!).Concat(evidence.ElectronicRecords).ToList();
        foreach (string checkId in items.SelectMany(i => i.CheckIds))
        {
            Assert.Contains(session.Checks, c => c.CheckId == checkId);
        }

        Assert.Equal(3, items.SelectMany(i => i.ResourceIds).Count());
    }

    [Fact]
    public void AdvancedReportUsesTheSessionSummaryAndEveryVerificationReport()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.SampleData, "media", "95c08e69-95f6-4703-8712-2b70962887a6.json"));
        YotiProfileReport r = Parse("session-advanced-identity-profile-multi-framework.json", bytes);
        Assert.Equal("advanced_identity_profile", r.ProfileType);
        Assert.Equal("UK_TFIDA, YOTI_GLOBAL", r.TrustFramework);
        Assert.Equal("DBS STANDARD, RTW, IDENTITY AL_L1", r.Scheme);
        Assert.False(r.RequirementsMet);
        Assert.Equal("DBS STANDARD (INSUFFICIENT_ACTIVITY_HISTORY)", r.RequirementsNotMet);
        Assert.Equal(new[] { "dbs-standard", "rtw", "global-al-l1" }, r.SchemesCompliance.Select(s => s.Label));
        Assert.Equal(new[] { "UK_TFIDA", "UK_TFIDA", "YOTI_GLOBAL" }, r.SchemesCompliance.Select(s => s.TrustFramework));
        Assert.Equal(2, r.VerificationReports.Count);
        Assert.Equal("LOW", r.VerificationReports[1].AssuranceProcess!.LevelOfAssurance);
        Assert.Contains("risk_signals", r.VerificationReports[1].GetRawJson(), StringComparison.Ordinal);
        Assert.Equal("GPG44", Assert.Single(r.AuthenticationReports).Policy);
        Assert.Equal("2019-06", r.IdentityAssertion!.CurrentAddress!.MoveIn);
    }

    [Theory]
    [InlineData("session-identity-profile-aborted.json", "Aborted")]
    [InlineData("session-ongoing-no-checks.json", "NotReady")]
    [InlineData("session-expired.json", "Expired")]
    [InlineData("session-third-party-identity.json", "Missing")]
    public void SessionsWithoutAReportSayWhy(string fixture, string reason)
    {
        var ex = Assert.Throws<YotiIdentityProfileUnavailableException>(() => IdentityProfileReportReader.Locate(ModelFixtures.Load(fixture)));
        Assert.Equal(reason, ex.Unavailable.Reason);
        Assert.Contains(ex.Unavailable.SessionId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbortedProfileCarriesTheReasonAndEveryDetail()
    {
        var ex = Assert.Throws<YotiIdentityProfileUnavailableException>(
            () => IdentityProfileReportReader.Locate(ModelFixtures.Load("session-identity-profile-aborted.json")));
        YotiIdentityProfileUnavailable u = ex.Unavailable;
        Assert.Equal("26b519b1-480e-403d-935f-c6d7cc45c8f6", u.SessionId);
        Assert.Equal("COMPLETED", u.State);
        Assert.Equal("identity_profile", u.ProfileType);
        Assert.Equal("ABORTED", u.ProfileResult);
        Assert.Equal("UNABLE_TO_VALIDATE_DOCUMENT", u.ReasonCode);
        Assert.Equal(new[] { "PARTIAL_PHOTO", "PHOTO_TOO_DARK" }, u.RequirementsNotMetDetails.Select(d => d.Details));
        Assert.Contains("UNABLE_TO_VALIDATE_DOCUMENT", u.Message, StringComparison.Ordinal);
        Assert.Contains("ID_DOCUMENT_AUTHENTICITY PASSPORT GBR: PHOTO_TOO_DARK", u.Message, StringComparison.Ordinal);
        Assert.Equal(u.SessionId, u.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"identity_assertion\":[],\"verification_report\":\"x\",\"verification_reports\":{\"report_id\":7,\"evidence\":{\"documents\":{\"passed_checks\":[null,1,{\"check\":true}]}}},\"proof\":\"sig\",\"new\":{\"a\":[1]}}")]
    [InlineData("{\"identity_assertion\":{\"current_name\":null,\"current_address\":{\"address\":\"flat\"}},\"authentication_report\":{\"level\":2},\"proof\":null}")]
    public void UnknownOrOddFieldsNeverBreakParsing(string json)
    {
        YotiProfileReport r = Parse("session-identity-profile-done.json", Encoding.UTF8.GetBytes(json));
        Assert.Equal("UK_TFIDA", r.TrustFramework);
        Assert.Equal(json, r.GetRawJson());
    }

    [Fact]
    public void OlderStringProofIsTheJws()
    {
        YotiProfileReport r = Parse("session-identity-profile-done.json", Encoding.UTF8.GetBytes("{\"proof\":\"<signature>\"}"));
        Assert.Equal("<signature>", r.Proof!.Jws);
        Assert.Null(r.Proof.PublicKeyUrl);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("<html>")]
    public void ABodyThatIsNotAJsonObjectIsInvalidData(string body)
    {
        Assert.Throws<YotiInvalidDataException>(() => Parse("session-identity-profile-done.json", Encoding.UTF8.GetBytes(body)));
    }
}
