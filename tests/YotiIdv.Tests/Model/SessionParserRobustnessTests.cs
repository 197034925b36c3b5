// Literal expected arrays read best inline in assertions.
#pragma warning disable CA1861

using System;
using System.Linq;
using System.Reflection;
using System.Text;
using YotiIdv.Model;

namespace YotiIdv.Tests.Model;

public class SessionParserRobustnessTests
{
    private const string PersonalData = "Jane Q Secretname";

    [Theory]
    [InlineData("{\"session_id\": \"" + PersonalData + "\", ")]          // truncated
    [InlineData("{\"session_id\": \"" + PersonalData + "\"")]            // truncated
    [InlineData("{\"session_id\" \"" + PersonalData + "\"}")]            // malformed
    [InlineData("<html><body>" + PersonalData + " Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("   ")]
    public void Invalid_json_throws_YotiInvalidDataException_without_the_body(string body)
    {
        var ex = Assert.Throws<YotiInvalidDataException>(() => SessionParser.Parse(body));
        Assert.StartsWith("The response is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretname", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_fixture_throws()
    {
        string text = ModelFixtures.Text("session-identity-profile-done.json");
        var ex = Assert.Throws<YotiInvalidDataException>(() => SessionParser.Parse(text.Substring(0, text.Length / 2)));
        Assert.DoesNotContain("cand-2025", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("[{\"session_id\":\"x\"}]", "array")]
    [InlineData("\"COMPLETED\"", "string")]
    [InlineData("42", "number")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    public void Top_level_value_that_is_not_an_object_throws(string body, string kind)
    {
        var ex = Assert.Throws<YotiInvalidDataException>(() => SessionParser.Parse(body));
        Assert.Contains("not a JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains(kind, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_bytes_throw()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };
        Assert.Throws<YotiInvalidDataException>(() => SessionParser.Parse(bytes));
    }

    [Fact]
    public void Utf8_bytes_with_bom_parse_and_keep_the_text()
    {
        string text = ModelFixtures.Text("seed-example-session.json");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var s = SessionParser.Parse(bytes);

        Assert.Equal("52098976-42d0-4051-a80f-7fc3438e4d9e", s.SessionId);
        Assert.Equal(text, s.GetRawJson());
        Assert.Equal(12, s.GetAllMedia().Count);
    }

    [Fact]
    public void Null_input_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => SessionParser.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => SessionParser.Parse((byte[])null!));
    }

    [Fact]
    public void Empty_object_gives_an_empty_session()
    {
        var s = SessionParser.Parse("{}");

        Assert.Null(s.SessionId);
        Assert.Null(s.State);
        Assert.Null(s.ClientSessionTokenTtl);
        Assert.False(s.HasClientSessionToken);
        Assert.Empty(s.Checks);
        Assert.Empty(s.DigitalIdShares);
        Assert.NotNull(s.Resources);
        Assert.Empty(s.Resources.GetAllResources());
        Assert.Equal("{}", s.Resources.GetRawJson());
        Assert.Empty(s.GetAllMedia());
        Assert.Equal(string.Empty, s.ToString());
        Assert.Equal("{}", s.GetRawJson());
    }

    [Fact]
    public void Null_empty_and_wrongly_typed_values_mean_nothing()
    {
        const string json = """
        {
          "session_id": "s-1", "state": null, "client_session_token_ttl": "not a number",
          "client_session_token": "", "biometric_consent": "yesterday",
          "resources": {
            "id_documents": [ null, 7, "x", {
              "id": "doc-1", "tasks": null, "source": null, "created_at": 12345,
              "pages": [ null, { "capture_method": "CAMERA", "media": {}, "frames": [ {}, null, { "media": null } ] } ],
              "document_fields": {}, "document_id_photo": { "media": {} }
            } ],
            "supplementary_documents": {},
            "liveness_capture": null,
            "face_capture": "none",
            "unknown_scalar": 3,
            "unknown_object": { "id": "zzz" }
          },
          "checks": [ null, {
            "type": "LIVENESS", "id": "c-1", "state": "DONE",
            "resources_used": [ null, "doc-1", 42, "dangling" ],
            "generated_media": [ null, {} ],
            "report": { "recommendation": {}, "breakdown": [ null, { "sub_check": "liveness_auth", "details": null } ] },
            "generated_profile": {}, "config": {}
          }, { "type": "X", "id": "c-2", "report": {} } ],
          "identity_profile": {}, "advanced_identity_profile": null,
          "identity_profile_preview": {}, "import_token": {}, "digital_id_shares": [ null ]
        }
        """;

        var s = SessionParser.Parse(json);

        Assert.Null(s.State);
        Assert.Null(s.ClientSessionTokenTtl);
        Assert.False(s.HasClientSessionToken);
        Assert.Null(s.BiometricConsent);

        var doc = Assert.Single(s.Resources.IdDocuments);
        Assert.Empty(doc.Tasks);
        Assert.Null(doc.Source);
        Assert.Null(doc.CreatedAt);
        Assert.Null(doc.DocumentFields);
        Assert.NotNull(doc.DocumentIdPhoto);
        Assert.Null(doc.DocumentIdPhoto!.Media);
        var page = Assert.Single(doc.Pages);
        Assert.Null(page.Media);
        Assert.Equal(2, page.Frames.Count);
        Assert.All(page.Frames, f => Assert.Null(f.Media));

        Assert.Single(s.Resources.SupplementaryDocuments);        // a lone object counts as one item
        Assert.Empty(s.Resources.LivenessCapture);
        Assert.Empty(s.Resources.FaceCapture);
        Assert.Empty(s.Resources.OtherResources);                  // non-array unknown keys are ignored

        Assert.Equal(2, s.Checks.Count);
        var check = s.Checks[0];
        Assert.Equal(new[] { "doc-1", "42", "dangling" }, check.ResourcesUsed);
        Assert.Empty(check.GeneratedMedia);
        Assert.Null(check.Report!.Recommendation);
        var item = Assert.Single(check.Report.Breakdown);
        Assert.Null(item.Result);
        Assert.Empty(item.Details);
        Assert.Null(check.GeneratedProfile);
        Assert.Null(check.Config);
        Assert.Same(doc, Assert.Single(check.GetResources().IdDocuments));   // dangling id ignored
        Assert.Null(s.Checks[1].Report);

        Assert.Null(s.IdentityProfile);
        Assert.Null(s.AdvancedIdentityProfile);
        Assert.Null(s.IdentityProfilePreview);
        Assert.Null(s.ImportToken);
        Assert.Empty(s.DigitalIdShares);
        Assert.Empty(s.GetAllMedia());
    }

    [Fact]
    public void Drifting_types_are_converted()
    {
        const string json = """
        {
          "session_id": "s-2", "client_session_token_ttl": "3600",
          "resources": {
            "share_codes": [ {
              "id": "sc-1", "source": "END_USER", "tasks": [ {
                "type": "VERIFY_SHARE_CODE_TASK", "id": "t-1", "state": "DONE",
                "recommendation": { "value": "PROGRESS", "reason": "QUALITY" }
              } ],
              "lookup_profile": { "media": { "id": "m-lookup", "type": "JSON" } },
              "returned_profile": { "media": { "id": "m-returned", "type": "JSON" } },
              "id_photo": { "media": { "id": "m-photo", "type": "IMAGE" } },
              "file": { "media": { "id": "m-file", "type": "PDF" } }
            } ],
            "id_documents": [ {
              "id": "doc-2", "source": { "type": "IBV", "extra": 1 },
              "pages": [ { "media": { "id": "m-page", "type": "IMAGE" }, "extraction_image_ids": [ "m-page", "m-extra" ] } ]
            } ]
          },
          "checks": [ {
            "id": 123, "type": "WATCHLIST_ADVANCED_CA", "state": "DONE",
            "report": {
              "recommendation": "APPROVE",
              "breakdown": [ { "sub_check": "pep", "result": "PASS", "details": [ { "name": "number_of_hits", "value": 2 }, { "name": "flag", "value": true } ] } ],
              "watchlist_summary": {
                "total_hits": "3",
                "search_config": {
                  "type": "WITH_CUSTOM_ACCOUNT", "remove_deceased": "true", "monitoring": 1,
                  "matching_strategy": { "type": "FUZZY", "fuzziness": "0.25" },
                  "tags": "{\"team\":\"kyc\",\"level\":2}",
                  "api_key": "SECRET-KEY-123"
                }
              }
            }
          } ],
          "identity_profile": {
            "result": "DONE",
            "identity_profile_report": {
              "trust_framework": "UK_TFIDA",
              "schemes_compliance": [ { "scheme": { "type": "DBS" }, "requirements_met": "false", "requirements_not_met_info": { "code": "X" } } ]
            }
          },
          "import_token": { "media": { "id": "m-import", "type": "JSON" }, "failure_reason": null },
          "identity_profile_preview": { "media": { "id": "m-preview", "type": "IMAGE" } },
          "digital_id_shares": [ {
            "id": "share-1", "provider": "DIGILOCKER", "resource_id": "doc-2", "created_at": "2026-01-01T00:00:00Z",
            "error": { "code": "CONSENT_DENIED", "description": "no" }
          } ]
        }
        """;

        var s = SessionParser.Parse(json);

        Assert.Equal(3600L, s.ClientSessionTokenTtl);

        var share = Assert.Single(s.Resources.ShareCodes);
        Assert.Equal("END_USER", share.Source);
        Assert.Equal("m-lookup", share.LookupProfile!.Media!.MediaId);
        Assert.Equal("m-returned", share.ReturnedProfile!.Media!.MediaId);
        Assert.Equal("m-photo", share.IdPhoto!.Media!.MediaId);
        Assert.Equal("PDF", share.File!.Media!.Type);
        var reason = share.Tasks[0].Recommendation!.Reason!;
        Assert.Equal("QUALITY", reason.Value);
        Assert.Null(reason.Detail);

        Assert.Equal("IBV", s.Resources.IdDocuments[0].Source);
        Assert.Equal(new[] { "m-page", "m-extra" }, s.Resources.IdDocuments[0].Pages[0].ExtractionImageIds);

        var check = Assert.Single(s.Checks);
        Assert.Equal("123", check.CheckId);
        Assert.Equal("APPROVE", check.Report!.Recommendation!.Value);
        Assert.Equal(new[] { "2", "true" }, check.Report.Breakdown[0].Details.Select(d => d.Value));
        var summary = check.Report.WatchlistSummary!;
        Assert.Equal(3, summary.TotalHits);
        Assert.Empty(summary.AssociatedCountryCodes);
        var config = summary.SearchConfig!;
        Assert.True(config.RemoveDeceased);
        Assert.True(config.Monitoring);
        Assert.Null(config.ShareUrl);
        Assert.Equal(0.25, config.MatchingStrategy!.Fuzziness);
        Assert.Equal("kyc", config.Tags["team"]);
        Assert.Equal("2", config.Tags["level"]);
        Assert.True(config.HasApiKey);
        Assert.DoesNotContain(ModelFixtures.AllStrings(s), v => v.Contains("SECRET-KEY", StringComparison.Ordinal));

        var compliance = Assert.Single(s.IdentityProfile!.IdentityProfileReport!.SchemesCompliance);
        Assert.False(compliance.RequirementsMet);
        Assert.Equal("{ \"code\": \"X\" }", compliance.RequirementsNotMetInfo);

        Assert.Equal("m-import", s.ImportToken!.Media!.MediaId);
        Assert.Null(s.ImportToken.FailureReason);
        Assert.Equal("m-preview", s.IdentityProfilePreview!.Media!.MediaId);

        var digital = Assert.Single(s.DigitalIdShares);
        Assert.Equal("share-1", digital.ShareId);
        Assert.Equal("DIGILOCKER", digital.Provider);
        Assert.Equal("doc-2", digital.ResourceId);
        Assert.Equal("CONSENT_DENIED", digital.Error!.Code);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), digital.CreatedAt);

        var all = s.GetAllMedia().Select(m => m.MediaId).ToList();
        Assert.Equal(new[] { "m-lookup", "m-returned", "m-photo", "m-file", "m-page", "m-extra", "m-import", "m-preview" }, all);
        Assert.All(s.GetAllMedia(), m => Assert.Equal("s-2", m.SessionId));
    }

    [Fact]
    public void Tags_string_that_is_not_json_is_ignored()
    {
        var s = SessionParser.Parse("""
            {"checks":[{"id":"c","report":{"watchlist_summary":{"search_config":{"tags":"not json {"}}}}]}
            """);
        Assert.Empty(s.Checks[0].Report!.WatchlistSummary!.SearchConfig!.Tags);
    }

    [Theory]
    [InlineData("2024-06-24T14:43:40Z", 2024, 6, 24, 14, 43, 40, 0L)]
    [InlineData("2023-04-13T10:58:32.627Z", 2023, 4, 13, 10, 58, 32, 6_270_000L)]
    [InlineData("2023-04-13T10:58:32.1Z", 2023, 4, 13, 10, 58, 32, 1_000_000L)]
    [InlineData("2023-04-13T10:58:32.123456Z", 2023, 4, 13, 10, 58, 32, 1_234_560L)]
    [InlineData("2023-04-13T10:58:32.1234567Z", 2023, 4, 13, 10, 58, 32, 1_234_567L)]
    [InlineData("2023-04-13T10:58:32.123456789Z", 2023, 4, 13, 10, 58, 32, 1_234_567L)]
    [InlineData("2023-04-13T12:58:32.5+02:00", 2023, 4, 13, 10, 58, 32, 5_000_000L)]
    [InlineData("2023-04-13T05:28:32-05:30", 2023, 4, 13, 10, 58, 32, 0L)]
    [InlineData("2023-04-13T10:58:32.999999999999+00:00", 2023, 4, 13, 10, 58, 32, 9_999_999L)]
    [InlineData("2023-04-13T10:58:32", 2023, 4, 13, 10, 58, 32, 0L)]
    public void Timestamps_parse_with_any_fraction_and_offset(string text, int y, int mo, int d, int h, int mi, int s, long ticks)
    {
        var session = SessionParser.Parse("{\"biometric_consent\":\"" + text + "\"}");

        var expected = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(ticks);
        Assert.Equal(expected, session.BiometricConsent);
        Assert.Equal(TimeSpan.Zero, session.BiometricConsent!.Value.Value.Offset);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"not a date\"")]
    [InlineData("\"2024-13-45T99:99:99Z\"")]
    [InlineData("\"12\"")]
    [InlineData("1719240220")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("true")]
    public void Invalid_timestamps_are_null(string value)
    {
        var session = SessionParser.Parse("{\"biometric_consent\":" + value + "}");
        Assert.Null(session.BiometricConsent);
    }

    [Fact]
    public void Escaped_lone_surrogate_does_not_throw()
    {
        var s = SessionParser.Parse("{\"session_id\":\"s\",\"user_tracking_id\":\"\\ud800\"}");
        Assert.Equal("s", s.SessionId);
        Assert.Null(s.UserTrackingId);
    }

    [Fact]
    public void Check_resources_raw_json_and_tostring()
    {
        var s = ModelFixtures.Load("seed-example-session.json");

        Assert.Equal("d4af854f-a0af-4fe3-8ae7-03dc6a99b802", $"{s.Checks[0]}");
        Assert.Equal("9fc63ad4-755d-46d7-a8c4-289e8296d0ce", $"{s.Resources.IdDocuments[0]}");
        Assert.Equal("cca362fc-fc05-4221-87a1-8c33ec0aec90", $"{s.Resources.IdDocuments[0].DocumentFields!.Media}");
        Assert.Equal("9d4a3aeb-949d-47fe-b6f4-da68dd7993af", $"{s.Resources.IdDocuments[0].Tasks[0]}");

        string raw = s.Checks[0].GetRawJson();
        Assert.StartsWith("{", raw, StringComparison.Ordinal);
        Assert.Contains("\"hologram_movement\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"liveness_auth\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void No_System_Text_Json_type_in_the_public_api_and_no_raw_json_property()
    {
        var types = typeof(YotiSession).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "YotiIdv.Model" || t == typeof(YotiInvalidDataException))
            .ToList();
        Assert.Contains(typeof(YotiCheck), types);
        Assert.DoesNotContain(types, t => t.Name == nameof(SessionParser) || t.Name == "JsonRead" || t.Name == "ParseContext");

        static bool IsJsonType(Type t) =>
            (t.Namespace ?? string.Empty).StartsWith("System.Text.Json", StringComparison.Ordinal)
            || (t.IsGenericType && t.GetGenericArguments().Any(IsJsonType))
            || (t.HasElementType && IsJsonType(t.GetElementType()!));

        const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            foreach (var p in type.GetProperties(visible))
            {
                Assert.False(IsJsonType(p.PropertyType), $"{type.Name}.{p.Name}");
                Assert.DoesNotContain("Raw", p.Name.Replace("RawResults", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            }

            foreach (var m in type.GetMethods(visible).Cast<MethodBase>().Concat(type.GetConstructors(visible | BindingFlags.NonPublic).Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)))
            {
                Assert.False(m is MethodInfo mi && IsJsonType(mi.ReturnType), $"{type.Name}.{m.Name}");
                Assert.DoesNotContain(m.GetParameters(), p => IsJsonType(p.ParameterType));
            }

            Assert.Empty(type.GetFields(visible));
        }

        // Output classes are sealed; the abstract bases cannot be derived from outside the assembly.
        Assert.All(types.Where(t => !t.IsAbstract && t != typeof(YotiInvalidDataException)), t => Assert.True(t.IsSealed, t.Name));
    }
}
