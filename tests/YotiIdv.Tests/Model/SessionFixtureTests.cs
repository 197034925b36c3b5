// Literal expected arrays read best inline in assertions.
#pragma warning disable CA1861

using System;
using System.Linq;
using YotiIdv.Model;

namespace YotiIdv.Tests.Model;

public class SessionFixtureTests
{
    [Theory]
    [InlineData("seed-example-session.json", "COMPLETED", 3, 12)]
    [InlineData("session-ongoing-no-checks.json", "ONGOING", 0, 0)]
    [InlineData("session-expired.json", "EXPIRED", 3, 3)]
    [InlineData("session-identity-profile-aborted.json", "COMPLETED", 3, 12)]
    [InlineData("session-identity-profile-done.json", "COMPLETED", 7, 21)]
    [InlineData("session-advanced-identity-profile-multi-framework.json", "COMPLETED", 4, 13)]
    [InlineData("session-supplementary-documents.json", "COMPLETED", 3, 13)]
    [InlineData("session-static-liveness-face-capture.json", "COMPLETED", 2, 2)]
    [InlineData("session-watchlist-screening-advanced-ca.json", "COMPLETED", 4, 12)]
    [InlineData("session-third-party-identity.json", "COMPLETED", 3, 12)]
    [InlineData("session-in-branch-ibv.json", "COMPLETED", 9, 12)]
    [InlineData("session-forward-compat-unknown-types.json", "COMPLETED", 6, 10)]
    public void Fixture_matches_README_counts(string file, string state, int checks, int mediaIds)
    {
        var session = ModelFixtures.Load(file);

        Assert.Equal(state, session.State);
        Assert.Equal(checks, session.Checks.Count);
        var media = session.GetAllMedia();
        Assert.Equal(mediaIds, media.Count);
        Assert.Equal(mediaIds, media.Select(m => m.MediaId).Distinct().Count());
        Assert.All(media, m =>
        {
            Assert.False(string.IsNullOrEmpty(m.MediaId));
            Assert.Equal(session.SessionId, m.SessionId);
        });
    }

    [Fact]
    public void Every_session_fixture_is_covered_by_the_counts_table()
    {
        // Guards against a new fixture being added without asserted counts: the very files, not just how many.
        string[] inTable = typeof(SessionFixtureTests).GetMethod(nameof(Fixture_matches_README_counts))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(ModelFixtures.SessionFiles().OrderBy(f => f, StringComparer.Ordinal).ToArray(), inTable);
        Assert.Equal(12, inTable.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ModelFixtures.SessionFileData), MemberType = typeof(ModelFixtures))]
    public void Fixture_parses_with_ids_session_ids_on_all_media_and_no_null_lists(string file)
    {
        string text = ModelFixtures.Text(file);
        var session = SessionParser.Parse(text);

        Assert.False(string.IsNullOrEmpty(session.SessionId));
        Assert.Equal(session.SessionId, session.ToString());
        Assert.Equal(text, session.GetRawJson());
        Assert.NotNull(session.Resources);

        ModelFixtures.Walk(session, (p, v) =>
        {
            // Lists and dictionaries are never null.
            if (p.PropertyType.IsGenericType && p.PropertyType.Name.StartsWith("IReadOnly", StringComparison.Ordinal))
            {
                Assert.True(v is not null, $"{p.DeclaringType!.Name}.{p.Name} is null in {file}");
            }

            if (v is YotiMedia m)
            {
                Assert.Equal(session.SessionId, m.SessionId);
                Assert.False(string.IsNullOrEmpty(m.MediaId));
            }
        });

        foreach (var check in session.Checks)
        {
            Assert.False(string.IsNullOrEmpty(check.CheckId));
            Assert.Equal(check.CheckId, check.ToString());
            Assert.NotNull(check.Created);
            Assert.StartsWith("{", check.GetRawJson(), StringComparison.Ordinal);
            Assert.NotNull(check.GetResources());
        }

        foreach (var resource in session.Resources.GetAllResources())
        {
            Assert.False(string.IsNullOrEmpty(resource.ResourceId));
            Assert.Equal(resource.ResourceId, resource.ToString());
            Assert.NotNull(resource.Source);
            Assert.NotNull(resource.CreatedAt);
        }
    }

    [Fact]
    public void Seed_example()
    {
        var s = ModelFixtures.Load("seed-example-session.json");

        Assert.Equal("52098976-42d0-4051-a80f-7fc3438e4d9e", s.SessionId);
        Assert.Equal(8490L, s.ClientSessionTokenTtl);
        Assert.False(s.HasClientSessionToken);
        Assert.Null(s.UserTrackingId);
        Assert.Equal(new DateTimeOffset(2024, 6, 24, 14, 44, 33, TimeSpan.Zero), s.BiometricConsent);
        Assert.Null(s.IdentityProfile);

        var passport = Assert.Single(s.Resources.IdDocuments);
        Assert.Equal("PASSPORT", passport.DocumentType);
        Assert.Equal("GBR", passport.IssuingCountry);
        Assert.Equal("END_USER", passport.Source);
        Assert.Equal(YotiResourceContainer.IdDocumentsKey, passport.CollectionName);
        Assert.Equal("cca362fc-fc05-4221-87a1-8c33ec0aec90", passport.DocumentFields!.Media!.MediaId);
        Assert.Equal("JSON", passport.DocumentFields.Media.Type);
        Assert.Equal(s.SessionId, passport.DocumentFields.Media.SessionId);
        Assert.Equal("323eda4e-c32a-4d4b-9ee9-1fbfe9701000", passport.DocumentIdPhoto!.Media!.MediaId);
        Assert.Null(passport.ExpandedDocumentFields);
        var page = Assert.Single(passport.Pages);
        Assert.Equal("CAMERA", page.CaptureMethod);
        Assert.Equal("e18a77b5-f45e-47e1-92d5-c0d4a34a6383", page.Media!.MediaId);
        Assert.Equal(3, page.Frames.Count);
        Assert.Empty(page.ExtractionImageIds);

        var task = Assert.Single(passport.Tasks);
        Assert.Equal("ID_DOCUMENT_TEXT_DATA_EXTRACTION", task.Type);
        Assert.Equal("9d4a3aeb-949d-47fe-b6f4-da68dd7993af", task.TaskId);
        Assert.Equal("DONE", task.State);
        Assert.Equal("PROGRESS", task.Recommendation!.Value);
        Assert.Null(task.Recommendation.Reason);
        Assert.Empty(task.GeneratedChecks);
        var generated = Assert.Single(task.GeneratedMedia);
        Assert.Equal("cca362fc-fc05-4221-87a1-8c33ec0aec90", generated.MediaId);
        Assert.Equal(s.SessionId, generated.SessionId);
        Assert.Null(generated.Created);

        var liveness = Assert.Single(s.Resources.LivenessCapture);
        Assert.Equal("ZOOM", liveness.LivenessType);
        Assert.Equal(7, liveness.Frames.Count);
        Assert.All(liveness.Frames.Take(3), f => Assert.NotNull(f.Media));
        Assert.All(liveness.Frames.Skip(3), f => Assert.Null(f.Media));
        Assert.Equal("BINARY", liveness.Facemap!.Media!.Type);
        Assert.Null(liveness.Image);
        Assert.Same(liveness, Assert.Single(s.Resources.GetZoomLivenessCaptures()));
        Assert.Empty(s.Resources.GetStaticLivenessCaptures());

        var applicant = Assert.Single(s.Resources.ApplicantProfiles);
        Assert.Equal("END_USER", applicant.Source);
        Assert.Equal("c0114acc-e8d3-4c93-99ac-6058e09798c2", applicant.Media!.MediaId);
        Assert.Empty(s.Resources.SupplementaryDocuments);
        Assert.Empty(s.Resources.FaceCapture);
        Assert.Empty(s.Resources.ShareCodes);
        Assert.Empty(s.Resources.OtherResources);

        var authenticity = s.Checks[0];
        Assert.Equal("ID_DOCUMENT_AUTHENTICITY", authenticity.Type);
        Assert.Equal("d4af854f-a0af-4fe3-8ae7-03dc6a99b802", authenticity.CheckId);
        Assert.Equal("DONE", authenticity.State);
        Assert.Equal(new[] { passport.ResourceId!, liveness.ResourceId! }, authenticity.ResourcesUsed);
        Assert.Equal("APPROVE", authenticity.Report!.Recommendation!.Value);
        Assert.Null(authenticity.Report.Recommendation.Reason);
        Assert.Equal(14, authenticity.Report.Breakdown.Count);
        Assert.All(authenticity.Report.Breakdown, b => Assert.NotNull(b.Process));
        var failed = authenticity.Report.Breakdown.Where(b => b.Result == "FAIL").Select(b => b.SubCheck);
        Assert.Equal(new[] { "hologram_movement", "ocr_mrz_comparison" }, failed);
        Assert.Equal("EXPERT_REVIEW", authenticity.Report.Breakdown.Single(b => b.SubCheck == "hologram_movement").Process);
        var ocr = authenticity.Report.Breakdown.Single(b => b.SubCheck == "ocr_mrz_comparison");
        Assert.Equal(new[] { "document_number", "name" }, ocr.Details.Where(d => d.Value == "MISMATCH").Select(d => d.Name));
        Assert.Equal(5, ocr.Details.Count);
        Assert.Null(authenticity.Report.WatchlistSummary);
        Assert.Equal(new DateTimeOffset(2024, 6, 24, 14, 45, 32, TimeSpan.Zero), authenticity.Created);

        Assert.Equal("0.68", s.Checks[2].Report!.Breakdown[0].Details.Single(d => d.Name == "confidence_score").Value);

        var aip = s.AdvancedIdentityProfile!;
        Assert.Equal("DONE", aip.Result);
        Assert.Null(aip.SubjectId);
        Assert.Null(aip.FailureReason);
        var framework = Assert.Single(aip.IdentityProfileReport!.Compliance);
        Assert.Equal("YOTI_GLOBAL", framework.TrustFramework);
        var scheme = Assert.Single(framework.SchemesCompliance);
        Assert.Equal("IDENTITY", scheme.Scheme!.Type);
        Assert.Equal("AL_M1", scheme.Scheme.Objective);
        Assert.Equal("EXAMPLEALL1", scheme.Scheme.Label);
        Assert.True(scheme.RequirementsMet);
        Assert.Equal("86358d21-5943-4e80-864a-c78b3a24c275", aip.IdentityProfileReport.Media!.MediaId);

        // GetAllMedia prefers the full media object over the task's bare generated_media reference.
        var fields = s.GetAllMedia().Single(m => m.MediaId == "cca362fc-fc05-4221-87a1-8c33ec0aec90");
        Assert.NotNull(fields.Created);
        Assert.Same(s.GetAllMedia(), s.GetAllMedia());
    }

    [Fact]
    public void Ongoing_session_hides_the_client_session_token()
    {
        const string token = "3362439e-fb33-4ac9-a607-896964717ee8";
        var s = ModelFixtures.Load("session-ongoing-no-checks.json");

        Assert.Equal("e36241c0-7098-407f-a4a5-39b82fb54e31", s.SessionId);
        Assert.Equal("ONGOING", s.State);
        Assert.True(s.HasClientSessionToken);
        Assert.Equal(587L, s.ClientSessionTokenTtl);
        Assert.Equal("crm-user-48213", s.UserTrackingId);
        Assert.Null(s.BiometricConsent);
        Assert.Empty(s.Checks);
        Assert.Empty(s.Resources.GetAllResources());
        Assert.Empty(s.GetAllMedia());

        Assert.DoesNotContain(ModelFixtures.AllStrings(s), v => v.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(token, System.Text.Json.JsonSerializer.Serialize(s), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(YotiSession).GetProperties(), p => p.Name == "ClientSessionToken");
    }

    [Fact]
    public void Expired_session_has_checks_without_reports()
    {
        var s = ModelFixtures.Load("session-expired.json");

        Assert.Equal(0L, s.ClientSessionTokenTtl);
        Assert.All(s.Checks, c =>
        {
            Assert.Equal("CREATED", c.State);
            Assert.Null(c.Report);
        });
        Assert.Equal(2, s.Checks.Count(c => c.ResourcesUsed.Count == 0));
        var licence = Assert.Single(s.Resources.IdDocuments);
        Assert.Equal("DRIVING_LICENCE", licence.DocumentType);
        Assert.Null(licence.DocumentFields);
        Assert.Equal(2, Assert.Single(licence.Pages).Frames.Count);
        Assert.Equal("PENDING", Assert.Single(licence.Tasks).State);
        Assert.Empty(s.Checks[1].GetResources().GetAllResources());
    }

    [Fact]
    public void Aborted_identity_profile()
    {
        var s = ModelFixtures.Load("session-identity-profile-aborted.json");

        var profile = s.IdentityProfile!;
        Assert.Null(s.AdvancedIdentityProfile);
        Assert.Equal("cand-2025-00417", profile.SubjectId);
        Assert.Equal("ABORTED", profile.Result);
        Assert.Null(profile.IdentityProfileReport);
        Assert.Equal("UNABLE_TO_VALIDATE_DOCUMENT", profile.FailureReason!.ReasonCode);
        Assert.Equal(2, profile.FailureReason.RequirementsNotMetDetails.Count);
        var first = profile.FailureReason.RequirementsNotMetDetails[0];
        Assert.Equal("ID_DOCUMENT_AUTHENTICITY", first.FailureType);
        Assert.Equal("PASSPORT", first.DocumentType);
        Assert.Equal("GBR", first.DocumentCountryIsoCode);
        Assert.Equal("338edf05-32ba-4977-ae17-2a66cf3c13f4", first.AuditId);
        Assert.Equal("PARTIAL_PHOTO", first.Details);
        Assert.Equal("341b6419-66ea-485a-927a-1931b0b665dc", profile.FailureReason.RequirementsNotMetDetails[1].AuditId);
        Assert.Equal("PHOTO_TOO_DARK", profile.FailureReason.RequirementsNotMetDetails[1].Details);

        // Task recommendation: object reason.
        var recommendations = s.Resources.IdDocuments.Select(d => Assert.Single(d.Tasks).Recommendation!).ToList();
        Assert.Equal(new[] { "SHOULD_TRY_AGAIN", "MUST_TRY_AGAIN" }, recommendations.Select(r => r.Value));
        Assert.All(recommendations, r => Assert.Equal("QUALITY", r.Reason!.Value));
        Assert.Equal(new[] { "PARTIAL_PHOTO", "PHOTO_TOO_DARK" }, recommendations.Select(r => r.Reason!.Detail));
        Assert.All(s.Resources.IdDocuments, d => Assert.Null(d.DocumentFields));

        // Check recommendation: string reason and recovery suggestion.
        var first2 = s.Checks[0].Report!.Recommendation!;
        Assert.Equal("NOT_AVAILABLE", first2.Value);
        Assert.Equal("PARTIAL_PHOTO", first2.Reason);
        Assert.Null(first2.RecoverySuggestion);
        var second = s.Checks[1].Report!.Recommendation!;
        Assert.Equal("PHOTO_TOO_DARK", second.Reason);
        Assert.Equal("BETTER_LIGHTING", second.RecoverySuggestion);
        Assert.Equal("APPROVE", s.Checks[2].Report!.Recommendation!.Value);
    }

    [Fact]
    public void Done_identity_profile_and_resources_for_check()
    {
        var s = ModelFixtures.Load("session-identity-profile-done.json");

        var profile = s.IdentityProfile!;
        Assert.Equal("DONE", profile.Result);
        Assert.Equal("cand-2025-00452", profile.SubjectId);
        Assert.Null(profile.FailureReason);
        var report = profile.IdentityProfileReport!;
        Assert.Equal("UK_TFIDA", report.TrustFramework);
        Assert.Equal(new[] { "DBS", "RTW" }, report.SchemesCompliance.Select(c => c.Scheme!.Type));
        Assert.Equal("BASIC", report.SchemesCompliance[0].Scheme!.Objective);
        Assert.Null(report.SchemesCompliance[1].Scheme!.Objective);
        Assert.All(report.SchemesCompliance, c => Assert.True(c.RequirementsMet));
        Assert.Equal("1ad3a591-2a8c-4767-8c60-c2501402e485", report.Media!.MediaId);
        Assert.Equal(s.SessionId, report.Media.SessionId);

        Assert.Equal(new[] { "PASSPORT", "DRIVING_LICENCE" }, s.Resources.IdDocuments.Select(d => d.DocumentType));
        var passport = s.Resources.IdDocuments[0];
        Assert.Equal(3, Assert.Single(passport.Pages).Frames.Count);
        Assert.Equal("6e91467a-0998-4868-b9ac-703006f3500d", passport.DocumentFields!.Media!.MediaId);
        Assert.NotNull(passport.DocumentIdPhoto!.Media);
        Assert.Equal(2, s.Resources.IdDocuments[1].Pages.Count);

        // The passport authenticity check uses the passport and the liveness resource.
        var authenticity = s.Checks.Single(c => c.CheckId == "05e9b4a3-8fd0-4ac6-a5f7-ee325ac23b97");
        var used = authenticity.GetResources();
        Assert.Same(passport, Assert.Single(used.IdDocuments));
        Assert.Equal("c42a2b65-bc8d-4d02-b159-c26a4fe09d37", Assert.Single(used.LivenessCapture).ResourceId);
        Assert.Empty(used.SupplementaryDocuments);
        Assert.Contains(passport.ResourceId!, used.GetRawJson(), StringComparison.Ordinal);
        var viaSession = s.GetResourcesForCheck(authenticity.CheckId!);
        Assert.Equal(used.GetAllResources(), viaSession.GetAllResources());

        var fraud = s.Checks.Single(c => c.Type == "THIRD_PARTY_IDENTITY_FRAUD_1");
        Assert.Empty(fraud.ResourcesUsed);
        Assert.Empty(fraud.GetResources().GetAllResources());
        Assert.Empty(s.GetResourcesForCheck(fraud.CheckId!).GetAllResources());
        Assert.Equal("3c54a3df-09b5-4e59-a864-c09fce0440a0", fraud.GeneratedProfile!.Media!.MediaId);
        Assert.Equal("3c54a3df-09b5-4e59-a864-c09fce0440a0", Assert.Single(fraud.GeneratedMedia).MediaId);

        var ex = Assert.Throws<ArgumentException>(() => s.GetResourcesForCheck("no-such-check"));
        Assert.Contains("no-such-check", ex.Message, StringComparison.Ordinal);

        Assert.Equal(2, s.Checks.Count(c => c.Type == "ID_DOCUMENT_FACE_MATCH"
            && c.Report!.Breakdown.Any(b => b.Details.Any(d => d.Name == "confidence_score"))));
    }

    [Fact]
    public void Advanced_identity_profile_with_two_frameworks()
    {
        var s = ModelFixtures.Load("session-advanced-identity-profile-multi-framework.json");

        var aip = s.AdvancedIdentityProfile!;
        Assert.Equal("contractor-6620", aip.SubjectId);
        Assert.Equal("DONE", aip.Result);
        var compliance = aip.IdentityProfileReport!.Compliance;
        Assert.Equal(new[] { "UK_TFIDA", "YOTI_GLOBAL" }, compliance.Select(c => c.TrustFramework));
        var dbs = compliance[0].SchemesCompliance[0];
        Assert.Equal("dbs-standard", dbs.Scheme!.Label);
        Assert.Equal("STANDARD", dbs.Scheme.Objective);
        Assert.False(dbs.RequirementsMet);
        Assert.Equal("INSUFFICIENT_ACTIVITY_HISTORY", dbs.RequirementsNotMetInfo);
        Assert.True(compliance[0].SchemesCompliance[1].RequirementsMet);
        Assert.Null(compliance[0].SchemesCompliance[1].RequirementsNotMetInfo);
        Assert.Equal("global-al-l1", Assert.Single(compliance[1].SchemesCompliance).Scheme!.Label);
        Assert.Equal("95c08e69-95f6-4703-8712-2b70962887a6", aip.IdentityProfileReport.Media!.MediaId);

        Assert.Equal("daa543ce-bf70-4b04-ab89-5b1b95f8d567", s.AdvancedIdentityProfilePreview!.Media!.MediaId);
        Assert.Equal(s.SessionId, s.AdvancedIdentityProfilePreview.Media.SessionId);
        Assert.Null(s.IdentityProfilePreview);
        Assert.Contains(s.GetAllMedia(), m => m.MediaId == "daa543ce-bf70-4b04-ab89-5b1b95f8d567");

        var synectics = s.Checks.Single(c => c.Type == "SYNECTICS_IDENTITY_FRAUD");
        Assert.Equal("69e49934-be7e-4878-8894-47ebb942968f", synectics.GeneratedProfile!.Media!.MediaId);
        Assert.Equal("IRL", Assert.Single(s.Resources.IdDocuments).IssuingCountry);
    }

    [Fact]
    public void Supplementary_documents()
    {
        var s = ModelFixtures.Load("session-supplementary-documents.json");

        var id = Assert.Single(s.Resources.IdDocuments);
        Assert.Equal("NATIONAL_ID", id.DocumentType);
        Assert.Equal("NGA", id.IssuingCountry);
        Assert.Equal(2, id.Pages.Count);
        var generatedCheck = Assert.Single(Assert.Single(id.Tasks).GeneratedChecks);
        Assert.Equal("81bf629d-8a86-4fda-a13d-018cfd8bd1d0", generatedCheck.CheckId);
        Assert.Equal("ID_DOCUMENT_TEXT_DATA_CHECK", generatedCheck.Type);
        Assert.Contains(s.Checks, c => c.CheckId == generatedCheck.CheckId);

        Assert.Equal(2, s.Resources.SupplementaryDocuments.Count);
        var bill = s.Resources.SupplementaryDocuments[0];
        Assert.Equal("UTILITY_BILL", bill.DocumentType);
        Assert.Empty(Assert.Single(bill.Pages).Frames);
        Assert.NotNull(bill.DocumentFields!.Media);
        Assert.Null(bill.File);
        var task = Assert.Single(bill.Tasks);
        Assert.Equal("SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION", task.Type);
        Assert.Equal("SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK", Assert.Single(task.GeneratedChecks).Type);

        var statement = s.Resources.SupplementaryDocuments[1];
        Assert.Equal("BANK_STATEMENT", statement.DocumentType);
        Assert.Empty(statement.Pages);
        Assert.Equal("3b25bd28-8d05-44d3-96cc-f2eae68a3f77", statement.File!.Media!.MediaId);
        Assert.Equal("BINARY", statement.File.Media.Type);
        Assert.Equal(YotiResourceContainer.SupplementaryDocumentsKey, statement.CollectionName);

        var textCheck = s.Checks.Single(c => c.Type == "ID_DOCUMENT_TEXT_DATA_CHECK");
        var readable = Assert.Single(textCheck.Report!.Breakdown);
        Assert.Equal("text_data_readable", readable.SubCheck);
        Assert.Equal("EXPERT_REVIEW", readable.Process);
        Assert.NotEmpty(textCheck.GeneratedMedia);
    }

    [Fact]
    public void Static_liveness_and_face_capture()
    {
        var s = ModelFixtures.Load("session-static-liveness-face-capture.json");

        var liveness = Assert.Single(s.Resources.GetStaticLivenessCaptures());
        Assert.Equal("STATIC", liveness.LivenessType);
        Assert.Equal("PHOTOGRAPH", liveness.CaptureType);
        Assert.Equal("0f77c019-94c0-4a1b-a9f5-1dca9620113f", liveness.Image!.Media!.MediaId);
        Assert.Empty(liveness.Frames);
        Assert.Null(liveness.Facemap);
        Assert.Empty(s.Resources.GetZoomLivenessCaptures());

        var face = Assert.Single(s.Resources.FaceCapture);
        Assert.Equal("RELYING_BUSINESS", face.Source);
        Assert.Equal("bce78b95-d816-4448-8528-7c6fb6e9f0ab", face.Image!.Media!.MediaId);
        Assert.Empty(s.Resources.IdDocuments);

        Assert.Equal(
            new[] { "face_processing", "liveness_auth", "payload_signature_verification" },
            s.Checks.Single(c => c.Type == "LIVENESS").Report!.Breakdown.Select(b => b.SubCheck));
        var comparison = s.Checks.Single(c => c.Type == "FACE_COMPARISON").GetResources();
        Assert.Same(liveness, Assert.Single(comparison.LivenessCapture));
        Assert.Same(face, Assert.Single(comparison.FaceCapture));
    }

    [Fact]
    public void Watchlist_screening_and_advanced_ca()
    {
        const string apiKey = "ca_live_9f2c4e71b0d84a6fa2e3";
        var s = ModelFixtures.Load("session-watchlist-screening-advanced-ca.json");

        var screening = s.Checks.Single(c => c.Type == "WATCHLIST_SCREENING");
        Assert.Equal("CONSIDER", screening.Report!.Recommendation!.Value);
        Assert.Equal("POTENTIAL_MATCH", screening.Report.Recommendation.Reason);
        var summary = screening.Report.WatchlistSummary!;
        Assert.Equal(2, summary.TotalHits);
        Assert.Equal(new[] { "POL", "DEU" }, summary.AssociatedCountryCodes);
        Assert.Equal(new[] { "ADVERSE-MEDIA", "SANCTIONS" }, summary.SearchConfig!.Categories);
        Assert.Null(summary.SearchConfig.Type);
        Assert.False(summary.SearchConfig.HasApiKey);
        Assert.Empty(summary.SearchConfig.Tags);
        Assert.Equal("68dc3d44-9e7b-4bed-bb6b-3c64c0b8b30d", summary.RawResults!.Media!.MediaId);
        Assert.Equal(s.SessionId, summary.RawResults.Media.SessionId);
        Assert.Equal("ee4ed210-81ce-4a57-b8b5-1101930e0591", screening.GeneratedProfile!.Media!.MediaId);

        var advanced = s.Checks.Where(c => c.Type == "WATCHLIST_ADVANCED_CA").ToList();
        Assert.Equal(2, advanced.Count);

        var custom = advanced[0].Report!.WatchlistSummary!;
        Assert.Equal(0, custom.TotalHits);
        Assert.Empty(custom.AssociatedCountryCodes);
        var config = custom.SearchConfig!;
        Assert.Equal("WITH_CUSTOM_ACCOUNT", config.Type);
        Assert.True(config.RemoveDeceased);
        Assert.True(config.ShareUrl);
        Assert.Equal("TYPE_LIST", config.Sources!.Type);
        Assert.Equal(new[] { "pep", "sanction", "warning", "fitness-probity" }, config.Sources.Types);
        Assert.Null(config.Sources.SearchProfile);
        Assert.Equal("FUZZY", config.MatchingStrategy!.Type);
        Assert.Equal(0.6, config.MatchingStrategy.Fuzziness);
        Assert.Null(config.MatchingStrategy.ExactMatch);
        Assert.True(config.Monitoring);
        Assert.Equal("krakow-02", config.Tags["branch"]);
        Assert.Equal("standard", config.Tags["risk_tier"]);
        Assert.Equal(2, config.Tags.Count);
        Assert.Equal("acct-0045521", config.ClientRef);
        Assert.True(config.HasApiKey);

        var yoti = advanced[1].Report!.WatchlistSummary!.SearchConfig!;
        Assert.Equal("WITH_YOTI_ACCOUNT", yoti.Type);
        Assert.False(yoti.RemoveDeceased);
        Assert.Equal("PROFILE", yoti.Sources!.Type);
        Assert.Equal("b2b-onboarding-eu", yoti.Sources.SearchProfile);
        Assert.Empty(yoti.Sources.Types);
        Assert.Equal("EXACT", yoti.MatchingStrategy!.Type);
        Assert.True(yoti.MatchingStrategy.ExactMatch);
        Assert.False(yoti.HasApiKey);
        Assert.Null(yoti.Monitoring);
        Assert.Equal("custom_search", Assert.Single(advanced[1].Report!.Breakdown).SubCheck);

        // The API key is reachable through no property, nor through a JSON serialisation of the graph.
        Assert.DoesNotContain(ModelFixtures.AllStrings(s), v => v.Contains(apiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(apiKey, System.Text.Json.JsonSerializer.Serialize(s), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(YotiWatchlistSearchConfig).GetProperties(), p => p.Name.Contains("Key", StringComparison.Ordinal) && p.PropertyType == typeof(string));
    }

    [Fact]
    public void Third_party_identity()
    {
        var s = ModelFixtures.Load("session-third-party-identity.json");

        var tpi = s.Checks.Single(c => c.Type == "THIRD_PARTY_IDENTITY");
        Assert.Equal("CONSIDER", tpi.Report!.Recommendation!.Value);
        Assert.Equal("ADDRESS_MISMATCH", tpi.Report.Recommendation.Reason);
        Assert.Equal("FAIL", tpi.Report.Breakdown.Single(b => b.SubCheck == "address_match").Result);
        Assert.Equal("31b039c3-c644-4a78-a551-39d25c6caa1a", tpi.GeneratedProfile!.Media!.MediaId);

        var fraud = s.Checks.Single(c => c.Type == "THIRD_PARTY_IDENTITY_FRAUD_1");
        Assert.Empty(fraud.ResourcesUsed);
        var performed = Assert.Single(fraud.Report!.Breakdown);
        Assert.Equal("check_performed", performed.SubCheck);
        Assert.Equal("CIFAS", Assert.Single(performed.Details).Value);
        Assert.Equal("provider_org", performed.Details[0].Name);

        Assert.Contains(s.Checks[0].Report!.Breakdown, b => b.SubCheck == "doc_number_validation");
        Assert.Equal("DRIVING_LICENCE", Assert.Single(s.Checks[0].GetResources().IdDocuments).DocumentType);
    }

    [Fact]
    public void In_branch_verification()
    {
        var s = ModelFixtures.Load("session-in-branch-ibv.json");

        Assert.Equal(1986311L, s.ClientSessionTokenTtl);
        Assert.All(s.Resources.IdDocuments, d => Assert.Equal("IBV", d.Source));
        Assert.Equal(2, s.Resources.IdDocuments.Count);
        var council = Assert.Single(s.Resources.SupplementaryDocuments);
        Assert.Equal("IBV", council.Source);
        Assert.Empty(Assert.Single(council.Pages).Frames);
        var applicant = Assert.Single(s.Resources.ApplicantProfiles);
        Assert.Equal("RELYING_BUSINESS", applicant.Source);
        Assert.Equal("JSON", applicant.Media!.Type);
        Assert.True(council.CreatedAt > applicant.CreatedAt);

        Assert.Equal(3, s.Checks.Count(c => c.Type == "IBV_VISUAL_REVIEW_CHECK"));
        Assert.All(s.Checks, c => Assert.Empty(c.Report!.Breakdown));
        var schemes = s.Checks.Where(c => c.Type == "DOCUMENT_SCHEME_VALIDITY_CHECK").ToList();
        Assert.Equal(3, schemes.Count);
        Assert.All(schemes, c => Assert.Equal("UK_DBS", c.Scheme));
        Assert.All(s.Checks.Where(c => c.Type != "DOCUMENT_SCHEME_VALIDITY_CHECK"), c => Assert.Null(c.Scheme));

        var matches = s.Checks.Where(c => c.Type == "PROFILE_DOCUMENT_MATCH").ToList();
        var reject = Assert.Single(matches, c => c.Report!.Recommendation!.Value == "REJECT");
        Assert.Null(reject.Report!.Recommendation!.Reason);
        Assert.All(matches, c =>
        {
            var used = c.GetResources();
            Assert.Same(applicant, Assert.Single(used.ApplicantProfiles));
            Assert.Single(used.IdDocuments.Cast<YotiResource>().Concat(used.SupplementaryDocuments));
        });
    }

    [Fact]
    public void Forward_compatibility()
    {
        var s = ModelFixtures.Load("session-forward-compat-unknown-types.json");

        Assert.Equal(
            new[] { "ID_DOCUMENT_AUTHENTICITY", "ID_DOCUMENT_CHIP_CHECK", "LIVENESS", "VOICE_MATCH", "FAMILIAR_FACE_SEARCH", "DEVICE_RISK" },
            s.Checks.Select(c => c.Type));

        var device = s.Checks.Single(c => c.Type == "DEVICE_RISK");
        Assert.Equal("PROCESSING", device.State);
        Assert.Null(device.Report);

        var liveness = s.Checks.Single(c => c.Type == "LIVENESS").Report!;
        Assert.Equal("REFER", liveness.Recommendation!.Value);
        Assert.Equal("LOW_CONFIDENCE", liveness.Recommendation.Reason);
        Assert.Equal("WARNING", liveness.Breakdown[0].Result);
        Assert.Equal("0.51", liveness.Breakdown[0].Details[0].Value);

        var authenticity = s.Checks[0].Report!;
        Assert.Equal("AI_ASSISTED", authenticity.Breakdown.Single(b => b.SubCheck == "synthetic_document_detection").Process);
        Assert.Contains("\"confidence_band\"", authenticity.Recommendation!.GetRawJson(), StringComparison.Ordinal);
        Assert.Contains("\"model_version\"", authenticity.Breakdown[2].GetRawJson(), StringComparison.Ordinal);
        Assert.Contains("\"risk_signals\"", authenticity.GetRawJson(), StringComparison.Ordinal);

        var search = s.Checks.Single(c => c.Type == "FAMILIAR_FACE_SEARCH");
        Assert.Equal("3c1f9a52-8f0e-4b7e-a0d2-6d2b5e9c4f11", search.Config!.PoolId);
        Assert.Equal("Known fraudsters", search.Config.PoolLabel);
        Assert.Equal("NO_MATCH", search.Config.ApprovalCriteria);

        var voice = Assert.Single(s.Resources.OtherResources);
        Assert.Equal("voice_captures", voice.CollectionName);
        Assert.Equal("1bda5a07-1654-4fa1-8acb-5f64afdd1926", voice.ResourceId);
        Assert.Equal("END_USER", voice.Source);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 15, 0, 48, TimeSpan.Zero), voice.CreatedAt);
        Assert.Contains("\"phrase_id\"", voice.GetRawJson(), StringComparison.Ordinal);
        Assert.Same(voice, Assert.Single(s.Checks.Single(c => c.Type == "VOICE_MATCH").GetResources().OtherResources));
        Assert.Contains("\"voice_captures\"", s.Checks.Single(c => c.Type == "VOICE_MATCH").GetResources().GetRawJson(), StringComparison.Ordinal);

        var headTurn = Assert.Single(s.Resources.LivenessCapture);
        Assert.Equal("HEAD_TURN", headTurn.LivenessType);
        Assert.Equal("END_USER", headTurn.Source);
        Assert.Single(headTurn.Frames);
        Assert.Contains("\"channel\"", headTurn.GetRawJson(), StringComparison.Ordinal);
        Assert.Contains("\"video\"", headTurn.GetRawJson(), StringComparison.Ordinal);

        var chipTask = s.Resources.IdDocuments[0].Tasks.Single(t => t.Type == "ID_DOCUMENT_CHIP_VERIFICATION");
        Assert.Null(chipTask.Recommendation);
        Assert.Equal("ID_DOCUMENT_CHIP_CHECK", Assert.Single(chipTask.GeneratedChecks).Type);
        Assert.Contains("\"confidence\"", chipTask.GetRawJson(), StringComparison.Ordinal);

        // Media found only in unmodelled places (video, audio, nfc_chip) are still listed.
        var all = s.GetAllMedia();
        Assert.Contains(all, m => m.MediaId == "b38ae4ad-6365-4491-b48f-cd8327a88844" && m.Type == "VIDEO");
        Assert.Contains(all, m => m.MediaId == "2b5b3f4a-6e34-47c4-ba95-9deb7ee5d859" && m.Type == "AUDIO");
        Assert.Contains(all, m => m.MediaId == "94a70e33-5d42-47f8-bf30-9522a5fd8c01" && m.Created is not null);

        Assert.Contains("\"risk_assessment\"", s.GetRawJson(), StringComparison.Ordinal);
        Assert.Contains("\"region\"", s.GetRawJson(), StringComparison.Ordinal);
        Assert.Empty(s.DigitalIdShares);
        Assert.Equal("fwd-compat-001", s.UserTrackingId);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 15, 0, 21, 482, TimeSpan.Zero), s.BiometricConsent);
    }
}
