using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>
/// Renders one session as one self-contained HTML page for people: failures first, documents with their
/// images and extracted fields, the face match, every check, the identity profile, what media is missing, and
/// how the page was made. Pure: no I/O; media comes from an <see cref="IYotiEvidenceMediaSource"/>.
/// </summary>
/// <remarks>
/// Safety: no script; a Content-Security-Policy that allows only inline style and <c>data:</c> images; every
/// value through the one encoder (<see cref="HtmlText"/>); images embedded only as JPEG/PNG/GIF/WebP recognised
/// from their bytes (never SVG, never the server's word for it).
/// </remarks>
public static class YotiEvidenceReport
{
    /// <summary>The policy of every report: nothing may load or run except inline style and data: images.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The media ids the report shows, in session order: every image (and every media whose type is not
    /// given), the document-fields JSON of each document, and the identity profile report JSON. Facemaps,
    /// videos, PDFs and other JSON are named in the report but not needed.
    /// </summary>
    public static IReadOnlyList<string> GetWantedMediaIds(YotiSession session)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        var wanted = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Want(string? id)
        {
            if (!string.IsNullOrEmpty(id) && seen.Add(id!))
            {
                wanted.Add(id!);
            }
        }

        foreach (YotiMedia media in session.GetAllMedia())
        {
            if (media.Type is null || string.Equals(media.Type, "IMAGE", StringComparison.OrdinalIgnoreCase))
            {
                Want(media.MediaId);
            }
        }

        foreach (YotiIdDocument document in session.Resources.IdDocuments)
        {
            Want(document.DocumentFields?.Media?.MediaId);
        }

        foreach (YotiSupplementaryDocument document in session.Resources.SupplementaryDocuments)
        {
            Want(document.DocumentFields?.Media?.MediaId);
        }

        Want(session.AdvancedIdentityProfile?.IdentityProfileReport?.Media?.MediaId);
        Want(session.IdentityProfile?.IdentityProfileReport?.Media?.MediaId);
        return wanted;
    }

    /// <summary>The HTML page of <paramref name="session"/>.</summary>
    public static string Render(YotiSession session, IYotiEvidenceMediaSource media, YotiEvidenceReportInfo info, YotiEvidenceProofOutcome? proof = null)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        return new Renderer(session, media ?? new YotiEvidenceMediaSet(), info ?? new YotiEvidenceReportInfo(), proof).Render();
    }

    /// <summary>The page as UTF-8 bytes (no byte-order mark), ready to write.</summary>
    public static byte[] RenderUtf8(YotiSession session, IYotiEvidenceMediaSource media, YotiEvidenceReportInfo info, YotiEvidenceProofOutcome? proof = null) =>
        new UTF8Encoding(false).GetBytes(Render(session, media, info, proof));

    /// <summary>bad, warn, ok or none: the colour of a recommendation.</summary>
    internal static string Tone(string? recommendation) => YotiRecommendationValues.Rank(recommendation) switch
    {
        4 => "bad",
        3 => "warn",
        2 or 1 => "warn",
        0 => "ok",
        _ => "none",
    };

    internal static string ResultTone(string? result) =>
        string.Equals(result, "PASS", StringComparison.OrdinalIgnoreCase) ? "ok"
        : string.Equals(result, "FAIL", StringComparison.OrdinalIgnoreCase) ? "bad"
        : string.IsNullOrEmpty(result) ? "none" : "warn";

    private sealed class Renderer
    {
        private readonly YotiSession _session;
        private readonly IYotiEvidenceMediaSource _media;
        private readonly YotiEvidenceReportInfo _info;
        private readonly YotiEvidenceProofOutcome? _proof;
        private readonly HtmlBuilder _h = new HtmlBuilder();
        private readonly Dictionary<string, string> _kinds;

        // Media the page could not show, by id, with why (shown again in one list near the end).
        private readonly List<KeyValuePair<string, string>> _missing = new List<KeyValuePair<string, string>>();
        private readonly HashSet<string> _missingIds = new HashSet<string>(StringComparer.Ordinal);

        public Renderer(YotiSession session, IYotiEvidenceMediaSource media, YotiEvidenceReportInfo info, YotiEvidenceProofOutcome? proof)
        {
            _session = session;
            _media = media;
            _info = info;
            _proof = proof;
            _kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, YotiMedia> pair in session.GetAllMediaByKind())
            {
                if (pair.Value.MediaId is { } id && !_kinds.ContainsKey(id))
                {
                    _kinds[id] = pair.Key;
                }
            }
        }

        private IEnumerable<YotiCheck> Checks => _session.Checks;

        public string Render()
        {
            _h.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
              .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").Raw(ContentSecurityPolicy).Raw("\">\n")
              .Raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
              .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
              .Raw("<title>").Text("Evidence report – session " + (_session.SessionId ?? "(no id)")).Raw("</title>\n")
              .Raw("<style>").Raw(ReportStyle.Css).Raw("</style>\n</head>\n<body>\n<main>\n");
            Header();
            Attention();
            Documents();
            Face();
            AllChecks();
            IdentityProfile();
            Missing();
            Footer();
            _h.Raw("</main>\n</body>\n</html>\n");
            return _h.ToString();
        }

        // ---------- header ----------

        private void Header()
        {
            YotiIdentityProfileBase? profile = (YotiIdentityProfileBase?)_session.AdvancedIdentityProfile ?? _session.IdentityProfile;
            _h.Raw("<header id=\"summary\" class=\"card\">\n<h1>Evidence report</h1>\n<p class=\"id\">Session ").Text(_session.SessionId ?? "(no id)").Raw("</p>\n");
            _h.Raw("<table class=\"kv\">");
            _h.Raw("<tr><th scope=\"row\">Worst recommendation</th><td>").Badge(_session.WorstRecommendation, Tone(_session.WorstRecommendation)).Raw("</td></tr>");
            _h.Row("State", _session.State);
            if (profile != null)
            {
                _h.Raw("<tr><th scope=\"row\">Identity profile</th><td>").Badge(profile.Result, ProfileTone(profile.Result));
                if (profile.FailureReason?.ReasonCode is { } code)
                {
                    _h.Raw(" ").Text(code);
                }

                _h.Raw("</td></tr>");
            }

            _h.Row("User tracking id", _session.UserTrackingId);
            _h.Row("Checks", _session.CheckCount.ToString(CultureInfo.InvariantCulture) + " (" + _session.ChecksDone.ToString(CultureInfo.InvariantCulture) + " done)");
            _h.Row("Biometric consent", HtmlBuilder.Date(_session.BiometricConsent));
            YotiTimestamp?[] dates = Checks.SelectMany(c => new[] { c.Created, c.LastUpdated })
                .Concat(_session.Resources.GetAllResources().SelectMany(r => new[] { r.CreatedAt, r.LastUpdated }))
                .Where(d => d != null).ToArray();
            if (dates.Length > 0)
            {
                _h.Row("First activity", HtmlBuilder.Date(dates.Min()));
                _h.Row("Last update", HtmlBuilder.Date(dates.Max()));
            }

            _h.Raw("</table>\n</header>\n");
        }

        private static string ProfileTone(string? result) =>
            string.Equals(result, "DONE", StringComparison.OrdinalIgnoreCase) ? "ok"
            : string.Equals(result, "ABORTED", StringComparison.OrdinalIgnoreCase) ? "bad"
            : string.IsNullOrEmpty(result) ? "none" : "warn";

        // ---------- failures first ----------

        private void Attention()
        {
            List<YotiCheck> notApproved = Checks.Where(c => YotiRecommendationValues.Rank(c.Report?.Recommendation?.Value) != 0)
                .OrderByDescending(c => YotiRecommendationValues.Rank(c.Report?.Recommendation?.Value)).ToList();
            List<YotiCheck> approvedWithFailures = Checks.Where(c => YotiRecommendationValues.Rank(c.Report?.Recommendation?.Value) == 0 && FailedItems(c).Any()).ToList();
            YotiIdentityProfileBase? profile = (YotiIdentityProfileBase?)_session.AdvancedIdentityProfile ?? _session.IdentityProfile;
            bool profileFailed = profile != null && ProfileTone(profile.Result) != "ok" && ProfileTone(profile.Result) != "none";
            _h.Raw("<section id=\"attention\" class=\"card\">\n<h2>Needs attention</h2>\n");
            if (profileFailed)
            {
                _h.Raw("<div class=\"finding fail " + ProfileTone(profile!.Result) + "\">\n<h3>Identity profile ").Badge(profile.Result, ProfileTone(profile.Result)).Raw("</h3>\n<table class=\"kv\">");
                _h.Row("Failure reason", profile.FailureReason?.ReasonCode);
                foreach (YotiRequirementNotMetDetail detail in profile.FailureReason?.RequirementsNotMetDetails ?? Array.Empty<YotiRequirementNotMetDetail>())
                {
                    _h.Row("Requirement not met", string.Join(" ", new[] { detail.FailureType, detail.DocumentType, detail.DocumentCountryIsoCode, detail.Details }.Where(v => !string.IsNullOrEmpty(v))));
                }

                _h.Raw("</table>\n</div>\n");
            }

            if (notApproved.Count == 0 && approvedWithFailures.Count == 0 && !profileFailed)
            {
                _h.Raw("<p class=\"pass\">").Text(_session.CheckCount == 0 ? "No checks in this session." : "Every check is approved and no sub-check failed.").Raw("</p>\n");
            }

            foreach (YotiCheck check in notApproved)
            {
                string tone = Tone(check.Report?.Recommendation?.Value);
                _h.Raw("<div class=\"finding fail " + tone + "\">\n<h3>").Token(check.Type ?? "(no type)").Raw(" ")
                  .Badge(check.Report?.Recommendation?.Value ?? "no result yet", tone).Raw("</h3>\n");
                RecommendationTable(check);
                FailedBreakdown(check);
                _h.Raw("</div>\n");
            }

            foreach (YotiCheck check in approvedWithFailures)
            {
                _h.Raw("<div class=\"finding fail subfail\">\n<h3>").Token(check.Type ?? "(no type)").Raw(" ")
                  .Badge(check.Report?.Recommendation?.Value, "ok").Raw(" <span class=\"note\">approved, but sub-checks failed</span></h3>\n");
                FailedBreakdown(check);
                _h.Raw("</div>\n");
            }

            _h.Raw("</section>\n");
        }

        private static IEnumerable<YotiBreakdownItem> FailedItems(YotiCheck check) =>
            check.Report?.Breakdown.Where(b => ResultTone(b.Result) != "ok") ?? Enumerable.Empty<YotiBreakdownItem>();

        private void RecommendationTable(YotiCheck check)
        {
            _h.Raw("<table class=\"kv\">");
            _h.Row("State", check.State);
            _h.Row("Reason", check.Report?.Recommendation?.Reason);
            _h.Row("Recovery suggestion", check.Report?.Recommendation?.RecoverySuggestion);
            _h.Row("Check id", check.CheckId, "mono");
            _h.Raw("</table>\n");
        }

        private void FailedBreakdown(YotiCheck check)
        {
            List<YotiBreakdownItem> failed = FailedItems(check).ToList();
            if (failed.Count > 0)
            {
                BreakdownTable(failed);
            }
        }

        private void BreakdownTable(IEnumerable<YotiBreakdownItem> items)
        {
            _h.GridStart("Sub-check", "Result", "Process", "Details");
            foreach (YotiBreakdownItem item in items)
            {
                _h.Raw("<tr class=\"" + ResultTone(item.Result) + "\">").Cell("Sub-check").Token(item.SubCheck).Raw("</td>")
                  .Cell("Result").Badge(item.Result, ResultTone(item.Result)).Raw("</td>").Cell("Process").Token(item.Process).Raw("</td>").Cell("Details");
                foreach (YotiBreakdownDetail detail in item.Details)
                {
                    _h.Raw("<div>").Token(detail.Name).Raw(": <b>").Text(detail.Value).Raw("</b></div>");
                }

                _h.Raw("</td></tr>\n");
            }

            _h.GridEnd();
        }

        // ---------- documents ----------

        private void Documents()
        {
            var resources = _session.Resources;
            if (resources.IdDocuments.Count == 0 && resources.SupplementaryDocuments.Count == 0)
            {
                return;
            }

            _h.Raw("<section id=\"documents\">\n<h2>Documents</h2>\n");
            foreach (YotiIdDocument document in resources.IdDocuments)
            {
                DocumentStart("ID document", document, document.DocumentType, document.IssuingCountry);
                _h.Row("Provider", document.Provider).Raw("</table>\n");
                Pages(document.Pages);
                if (document.DocumentIdPhoto?.Media is { } photo)
                {
                    _h.Raw("<h4>ID photo</h4>\n<div class=\"gallery\">");
                    Image(photo, "ID photo");
                    _h.Raw("</div>\n");
                }

                Fields(document.DocumentFields?.Media);
                Tasks(document);
                _h.Raw("</article>\n");
            }

            foreach (YotiSupplementaryDocument document in resources.SupplementaryDocuments)
            {
                DocumentStart("Supplementary document", document, document.DocumentType, document.IssuingCountry);
                _h.Raw("</table>\n");
                Pages(document.Pages);
                if (document.File?.Media is { } file)
                {
                    _h.Raw("<h4>File</h4>\n<div class=\"gallery\">");
                    Image(file, "Uploaded file");
                    _h.Raw("</div>\n");
                }

                Fields(document.DocumentFields?.Media);
                Tasks(document);
                _h.Raw("</article>\n");
            }

            _h.Raw("</section>\n");
        }

        private void DocumentStart(string what, YotiResource resource, string? type, string? country)
        {
            _h.Raw("<article class=\"card document\">\n<h3>").Text(what + ": " + (type ?? "(type not given)") + (country is null ? string.Empty : ", " + country)).Raw("</h3>\n<table class=\"kv\">");
            _h.Row("Type", type).Row("Issuing country", country).Row("Source", resource.Source)
              .Row("Created", HtmlBuilder.Date(resource.CreatedAt)).Row("Last updated", HtmlBuilder.Date(resource.LastUpdated))
              .Row("Resource id", resource.ResourceId, "mono");
        }

        private void Pages(IReadOnlyList<YotiPage> pages)
        {
            for (int i = 0; i < pages.Count; i++)
            {
                YotiPage page = pages[i];
                string label = "Page " + (i + 1).ToString(CultureInfo.InvariantCulture);
                _h.Raw("<h4>").Text(label + (page.CaptureMethod is null ? string.Empty : " (" + page.CaptureMethod + ")")).Raw("</h4>\n<div class=\"gallery\">");
                if (page.Media != null)
                {
                    Image(page.Media, label);
                }

                int frame = 0;
                foreach (YotiFrame f in page.Frames)
                {
                    frame++;
                    if (f.Media != null)
                    {
                        Image(f.Media, label + ", frame " + frame.ToString(CultureInfo.InvariantCulture));
                    }
                }

                foreach (string id in page.ExtractionImageIds)
                {
                    if (page.Media?.MediaId != id)
                    {
                        Image(new YotiMedia(id, _session.SessionId), label + ", extraction image");
                    }
                }

                _h.Raw("</div>\n");
                int empty = page.Frames.Count(f => f.Media is null);
                if (empty > 0)
                {
                    _h.Raw("<p class=\"note\">").Text(empty.ToString(CultureInfo.InvariantCulture) + " frame(s) without media.").Raw("</p>\n");
                }
            }
        }

        private void Tasks(YotiResource resource)
        {
            foreach (YotiTask task in resource.Tasks)
            {
                _h.Raw("<p class=\"note\">Task ").Text(task.Type).Raw(": ").Text(task.State);
                if (task.Recommendation?.Value is { } value)
                {
                    _h.Raw(" ").Badge(value, value.IndexOf("TRY_AGAIN", StringComparison.OrdinalIgnoreCase) >= 0 ? "warn" : Tone(value));
                    _h.Text(task.Recommendation.Reason is { } reason ? " " + reason.Value + (reason.Detail is null ? string.Empty : " (" + reason.Detail + ")") : string.Empty);
                }

                _h.Raw("</p>\n");
            }
        }

        private void Fields(YotiMedia? media)
        {
            if (media?.MediaId is not { } id)
            {
                return;
            }

            _h.Raw("<h4>Extracted fields</h4>\n");
            YotiEvidenceMedia? content = _media.GetMedia(id);
            if (content?.Content is not { } bytes)
            {
                MissingBox(id, "Document fields", content?.UnavailableReason ?? "not retrieved");
                return;
            }

            YotiDocumentFields fields;
            try
            {
                fields = YotiDocumentFields.Parse(SessionParser.DecodeUtf8(bytes), _session.SessionId, id);
            }
            catch (YotiInvalidDataException ex)
            {
                MissingBox(id, "Document fields", "not readable: " + ex.Message);
                return;
            }

            _h.Raw("<table class=\"kv fields\">");
            foreach (KeyValuePair<string, string> row in DocumentFieldRows.Of(fields))
            {
                _h.Row(row.Key, row.Value);
            }

            _h.Raw("</table>\n");
            if (fields.Mrz?.ToString() is { Length: > 0 } mrz)
            {
                // Full width, small monospace: a 44-character line fits a phone without breaking mid-line.
                _h.Raw("<p class=\"note\">Machine-readable zone</p><pre class=\"mrz\">").Text(mrz).Raw("</pre>\n");
            }
        }

        // ---------- face ----------

        private void Face()
        {
            var resources = _session.Resources;
            var idPhotos = resources.IdDocuments.Where(d => d.DocumentIdPhoto?.Media != null)
                .Select(d => (Media: d.DocumentIdPhoto!.Media!, Caption: "ID photo, " + (d.DocumentType ?? "document") + (d.IssuingCountry is null ? string.Empty : " " + d.IssuingCountry))).ToList();
            if (resources.LivenessCapture.Count == 0 && resources.FaceCapture.Count == 0 && idPhotos.Count == 0)
            {
                return;
            }

            _h.Raw("<section id=\"face\" class=\"card\">\n<h2>Face match</h2>\n");
            List<YotiCheck> faceChecks = Checks.Where(c => c.Report?.Breakdown.Any(b => b.Details.Any(IsScore)) == true
                || string.Equals(c.Type, "ID_DOCUMENT_FACE_MATCH", StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Type, "FACE_COMPARISON", StringComparison.OrdinalIgnoreCase)).ToList();
            if (faceChecks.Count > 0)
            {
                _h.GridStart("Check", "Recommendation", "Score");
                foreach (YotiCheck check in faceChecks)
                {
                    _h.Raw("<tr>").Cell("Check").Token(check.Type).Raw("</td>").Cell("Recommendation").Badge(check.Report?.Recommendation?.Value, Tone(check.Report?.Recommendation?.Value))
                      .Raw("</td>").Cell("Score");
                    var scores = check.Report?.Breakdown.SelectMany(b => b.Details.Where(IsScore).Select(d => (b.SubCheck, d.Name, d.Value))).ToList();
                    if (scores is null || scores.Count == 0)
                    {
                        _h.Raw("<span class=\"note\">no score given</span>");
                    }

                    foreach (var (subCheck, name, score) in scores ?? new List<(string?, string?, string?)>())
                    {
                        _h.Raw("<div><span class=\"score\">").Text(score).Raw("</span> <span class=\"note\">").Token(subCheck + " " + name).Raw("</span></div>");
                    }

                    _h.Raw("</td></tr>\n");
                }

                _h.GridEnd();
            }

            _h.Raw("<div class=\"faces\">\n<div class=\"side\"><h3>Document ID photo</h3><div class=\"gallery\">");
            foreach (var photo in idPhotos)
            {
                Image(photo.Media, photo.Caption);
            }

            if (idPhotos.Count == 0)
            {
                _h.Raw("<p class=\"note\">No document ID photo in this session.</p>");
            }

            _h.Raw("</div></div>\n<div class=\"side\"><h3>Liveness and face captures</h3>");
            foreach (YotiLivenessCapture liveness in resources.LivenessCapture)
            {
                _h.Raw("<p class=\"note\">").Text("Liveness " + (liveness.LivenessType ?? "(type not given)") + (liveness.CaptureType is null ? string.Empty : ", " + liveness.CaptureType)).Raw("</p><div class=\"gallery\">");
                if (liveness.Image?.Media is { } image)
                {
                    Image(image, "Liveness image");
                }

                int frame = 0;
                foreach (YotiFrame f in liveness.Frames)
                {
                    frame++;
                    if (f.Media != null)
                    {
                        Image(f.Media, "Liveness frame " + frame.ToString(CultureInfo.InvariantCulture), small: true);
                    }
                }

                _h.Raw("</div>");
                if (liveness.Facemap?.Media is { } facemap)
                {
                    _h.Raw("<p class=\"note\">").Text("Facemap " + facemap.MediaId + " (" + (facemap.Type ?? "binary") + ", not an image).").Raw("</p>");
                }
            }

            foreach (YotiFaceCapture capture in resources.FaceCapture)
            {
                _h.Raw("<p class=\"note\">").Text("Face capture" + (capture.Source is null ? string.Empty : " from " + capture.Source)).Raw("</p><div class=\"gallery\">");
                if (capture.Image?.Media is { } image)
                {
                    Image(image, "Face capture");
                }

                _h.Raw("</div>");
            }

            _h.Raw("</div>\n</div>\n</section>\n");
        }

        private static bool IsScore(YotiBreakdownDetail detail) => detail.Name?.IndexOf("score", StringComparison.OrdinalIgnoreCase) >= 0;

        // ---------- every check ----------

        private void AllChecks()
        {
            _h.Raw("<section id=\"checks\" class=\"card\">\n<h2>All checks</h2>\n");
            if (_session.CheckCount == 0)
            {
                _h.Raw("<p class=\"note\">This session has no checks.</p>\n");
            }

            // Worst first (stable), so failures come before passes here too.
            foreach (YotiCheck check in Checks.OrderByDescending(c => YotiRecommendationValues.Rank(c.Report?.Recommendation?.Value) == 0 && !FailedItems(c).Any() ? -2 : YotiRecommendationValues.Rank(c.Report?.Recommendation?.Value)))
            {
                string? value = check.Report?.Recommendation?.Value;
                bool passed = YotiRecommendationValues.Rank(value) == 0 && !FailedItems(check).Any();
                _h.Raw(passed ? "<details class=\"check pass\">" : "<details class=\"check fail\" open>");
                _h.Raw("<summary>").Badge(value ?? "no result", Tone(value)).Raw(" <b>").Token(check.Type ?? "(no type)").Raw("</b> <span class=\"note\">").Text(check.State).Raw("</span></summary>\n");
                _h.Raw("<table class=\"kv\">");
                _h.Row("Recommendation", value).Row("Reason", check.Report?.Recommendation?.Reason).Row("Recovery suggestion", check.Report?.Recommendation?.RecoverySuggestion)
                  .Row("State", check.State).Row("Scheme", check.Scheme).Row("Created", HtmlBuilder.Date(check.Created)).Row("Last updated", HtmlBuilder.Date(check.LastUpdated))
                  .Row("Resources used", string.Join(", ", check.ResourcesUsed), "mono").Row("Check id", check.CheckId, "mono");
                if (check.Report?.WatchlistSummary is { } watchlist)
                {
                    _h.Row("Watchlist", Redaction.Redact(watchlist.GetRawJson()), "mono pre"); // search_config may hold the ComplyAdvantage api_key
                }

                _h.Raw("</table>\n");
                if (check.Report?.Breakdown.Count > 0)
                {
                    BreakdownTable(check.Report.Breakdown);
                }

                _h.Raw("</details>\n");
            }

            _h.Raw("</section>\n");
        }

        // ---------- identity profile ----------

        private void IdentityProfile()
        {
            YotiIdentityProfileBase? profile = (YotiIdentityProfileBase?)_session.AdvancedIdentityProfile ?? _session.IdentityProfile;
            if (profile is null)
            {
                return;
            }

            _h.Raw("<section id=\"identity-profile\" class=\"card\">\n<h2>Identity profile</h2>\n<table class=\"kv\">");
            _h.Raw("<tr><th scope=\"row\">Result</th><td>").Badge(profile.Result, ProfileTone(profile.Result)).Raw("</td></tr>");
            _h.Row("Kind", _session.AdvancedIdentityProfile != null ? "advanced identity profile" : "identity profile");
            _h.Row("Subject id", profile.SubjectId, "mono");
            _h.Row("Failure reason", profile.FailureReason?.ReasonCode, "bad-text");
            _h.Raw("</table>\n");
            if (profile.FailureReason?.RequirementsNotMetDetails.Count > 0)
            {
                _h.Raw("<h3>Requirements not met</h3>\n").GridStart("Failure", "Document", "Details");
                foreach (YotiRequirementNotMetDetail detail in profile.FailureReason.RequirementsNotMetDetails)
                {
                    _h.Raw("<tr class=\"bad\">").Cell("Failure").Token(detail.FailureType).Raw("</td>").Cell("Document").Token(string.Join(" ", new[] { detail.DocumentType, detail.DocumentCountryIsoCode }.Where(s => !string.IsNullOrEmpty(s))))
                      .Raw("</td>").Cell("Details").Text(detail.Details).Text(string.IsNullOrEmpty(detail.AuditId) ? string.Empty : " (audit " + detail.AuditId + ")").Raw("</td></tr>\n");
                }

                _h.GridEnd();
            }

            YotiProfileReport? report = ReadProfileReport(out string? reportMediaId, out string? reportProblem);
            IReadOnlyList<YotiReportSchemeCompliance> schemes = report?.SchemesCompliance ?? SessionSchemes();
            if (schemes.Count > 0)
            {
                _h.Raw("<h3>Trust frameworks and schemes</h3>\n").GridStart("Trust framework", "Scheme", "Met", "Why not");
                foreach (YotiReportSchemeCompliance scheme in schemes)
                {
                    string tone = scheme.RequirementsMet == true ? "ok" : scheme.RequirementsMet == false ? "bad" : "none";
                    _h.Raw("<tr class=\"" + tone + "\">").Cell("Trust framework").Token(scheme.TrustFramework).Raw("</td>").Cell("Scheme").Token(scheme.ToString() + (scheme.Label is null ? string.Empty : " (" + scheme.Label + ")"))
                      .Raw("</td>").Cell("Met").Badge(scheme.RequirementsMet == true ? "met" : scheme.RequirementsMet == false ? "not met" : "not said", tone)
                      .Raw("</td>").Cell("Why not").Token(scheme.RequirementsNotMetInfo).Raw("</td></tr>\n");
                }

                _h.GridEnd();
            }

            if (report != null)
            {
                _h.Raw("<h3>Verified identity</h3>\n<table class=\"kv\">");
                _h.Row("Full name", report.FullName).Row("Date of birth", report.DateOfBirth).Row("Current address", report.CurrentAddress)
                  .Row("Address verified", report.VerificationReports.Select(v => v.AddressVerification?.CurrentAddressVerified).FirstOrDefault(b => b != null)?.ToString())
                  .Row("Level of assurance", report.LevelOfAssurance)
                  .Row("Verification reports", string.Join(", ", report.VerificationReports.Select(v => (v.TrustFramework ?? "?") + " " + HtmlBuilder.Date(v.Timestamp))))
                  .Row("Report media id", report.MediaId, "mono");
                _h.Raw("</table>\n");
            }
            else if (reportMediaId != null)
            {
                MissingBox(reportMediaId, "Identity profile report", reportProblem ?? "not retrieved");
            }

            _h.Raw("<h3>Report proof</h3>\n");
            if (_proof != null)
            {
                _h.Raw("<p class=\"proof\">").Badge(!_proof.Checked ? "not checked" : _proof.Verified ? "verified" : "NOT verified", !_proof.Checked ? "none" : _proof.Verified ? "ok" : "bad")
                  .Raw(" ").Text(_proof.Summary).Raw("</p>\n");
                if (!string.IsNullOrEmpty(_proof.Detail))
                {
                    _h.Raw("<p class=\"note\">").Text(_proof.Detail).Raw("</p>\n");
                }
            }
            else
            {
                _h.Raw("<p class=\"note\">").Text(report?.Proof is null ? "The report carries no proof, or it was not checked." : "The report carries a proof (signature); it was not checked for this page.").Raw("</p>\n");
            }

            _h.Raw("</section>\n");
        }

        private IReadOnlyList<YotiReportSchemeCompliance> SessionSchemes()
        {
            if (_session.AdvancedIdentityProfile?.IdentityProfileReport is { } advanced)
            {
                return advanced.Compliance.SelectMany(c => YotiReportSchemeCompliance.From(c.TrustFramework, c.SchemesCompliance)).ToList();
            }

            return _session.IdentityProfile?.IdentityProfileReport is { } plain
                ? YotiReportSchemeCompliance.From(plain.TrustFramework, plain.SchemesCompliance)
                : Array.Empty<YotiReportSchemeCompliance>();
        }

        private YotiProfileReport? ReadProfileReport(out string? mediaId, out string? problem)
        {
            mediaId = null;
            problem = null;
            LocatedProfileReport located;
            try
            {
                located = IdentityProfileReportReader.Locate(_session);
            }
            catch (YotiIdentityProfileUnavailableException)
            {
                return null;
            }

            mediaId = located.MediaId;
            YotiEvidenceMedia? content = _media.GetMedia(located.MediaId);
            if (content?.Content is not { } bytes)
            {
                problem = content?.UnavailableReason;
                return null;
            }

            try
            {
                return IdentityProfileReportReader.Parse(located, bytes);
            }
            catch (YotiInvalidDataException ex)
            {
                problem = "not readable: " + ex.Message;
                return null;
            }
        }

        // ---------- media ----------

        private void Image(YotiMedia media, string caption, bool small = false)
        {
            string? id = media.MediaId;
            if (string.IsNullOrEmpty(id))
            {
                return;
            }

            YotiEvidenceMedia? content = _media.GetMedia(id!);
            if (content?.Content is not { } bytes)
            {
                string reason = content?.UnavailableReason
                    ?? (media.Type != null && !string.Equals(media.Type, "IMAGE", StringComparison.OrdinalIgnoreCase) ? "not an image (" + media.Type + ")" : "not retrieved");
                MissingFigure(id!, caption, reason);
                return;
            }

            string? imageType = ImageSniffer.MediaType(bytes);
            if (imageType is null)
            {
                MissingFigure(id!, caption, "not a picture this page can show (" + (content.ContentType ?? "no content type") + ", "
                    + bytes.Length.ToString(CultureInfo.InvariantCulture) + " bytes)");
                return;
            }

            _h.Raw(small ? "<figure class=\"small\">" : "<figure>")
              .Raw("<img alt=\"").Text(caption).Raw("\" src=\"data:").Raw(imageType).Raw(";base64,").Raw(Convert.ToBase64String(bytes)).Raw("\">")
              .Raw("<figcaption>").Text(caption).Raw("<br><span class=\"mono\">").Text(id).Raw("</span></figcaption></figure>");
        }

        private void MissingFigure(string id, string caption, string reason)
        {
            Note(id, reason);
            _h.Raw("<figure class=\"missing\"><div class=\"missing-box\">").Text("Not available: " + reason).Raw("</div><figcaption>").Text(caption)
              .Raw("<br><span class=\"mono\">").Text(id).Raw("</span></figcaption></figure>");
        }

        private void MissingBox(string id, string what, string reason)
        {
            Note(id, reason);
            _h.Raw("<div class=\"missing-box\">").Text(what + " not available: " + reason).Raw(" <span class=\"mono\">").Text(id).Raw("</span></div>\n");
        }

        private void Note(string id, string reason)
        {
            if (_missingIds.Add(id))
            {
                _missing.Add(new KeyValuePair<string, string>(id, reason));
            }
        }

        private void Missing()
        {
            // Media the page shows nowhere (facemaps, videos, generated profiles) are listed too, so nothing is silently left out.
            var shownElsewhere = new List<KeyValuePair<string, string>>();
            foreach (KeyValuePair<string, YotiMedia> pair in _session.GetAllMediaByKind())
            {
                string? id = pair.Value.MediaId;
                if (id is null || _missingIds.Contains(id) || _media.GetMedia(id)?.IsAvailable == true)
                {
                    continue;
                }

                shownElsewhere.Add(new KeyValuePair<string, string>(id, _media.GetMedia(id)?.UnavailableReason ?? "not included (" + (pair.Value.Type ?? "type not given") + ")"));
            }

            if (_missing.Count == 0 && shownElsewhere.Count == 0)
            {
                return;
            }

            _h.Raw("<section id=\"missing\" class=\"card\">\n<h2>Media not shown</h2>\n").GridStart("Media id", "Kind", "Why");
            foreach (KeyValuePair<string, string> item in _missing.Concat(shownElsewhere))
            {
                _h.Raw("<tr>").Cell("Media id", "mono").Text(item.Key).Raw("</td>").Cell("Kind").Text(_kinds.TryGetValue(item.Key, out string? kind) ? kind : string.Empty)
                  .Raw("</td>").Cell("Why").Text(item.Value).Raw("</td></tr>\n");
            }

            _h.GridEnd().Raw("</section>\n");
        }

        // ---------- footer ----------

        private void Footer()
        {
            _h.Raw("<footer class=\"card\">\n<table class=\"kv\">");
            _h.Row("Generated by", "YotiIdv " + _info.ModuleVersion)
              .Row("Generated at", HtmlBuilder.Date(_info.GeneratedAt))
              .Row("Generated on", _info.GeneratedOn)
              .Row("Source", _info.Source)
              .Row("Archive manifest SHA-256", _info.ManifestSha256, "mono");
            _h.Raw("</table>\n<p class=\"note\">Self-contained page: no script, nothing loaded from elsewhere. It holds personal data; keep it as you keep the evidence.</p>\n</footer>\n");
        }
    }

}
