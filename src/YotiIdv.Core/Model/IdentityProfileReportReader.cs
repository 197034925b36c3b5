using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;

namespace YotiIdv.Model;

/// <summary>The report media of a session's identity profile, found in the session and not yet downloaded.</summary>
internal sealed class LocatedProfileReport
{
    public LocatedProfileReport(string sessionId, string mediaId, string profileType, YotiIdentityProfileBase profile, IReadOnlyList<YotiReportSchemeCompliance> compliance)
    {
        SessionId = sessionId;
        MediaId = mediaId;
        ProfileType = profileType;
        Profile = profile;
        Compliance = compliance;
    }

    public string SessionId { get; }

    public string MediaId { get; }

    public string ProfileType { get; }

    public YotiIdentityProfileBase Profile { get; }

    public IReadOnlyList<YotiReportSchemeCompliance> Compliance { get; }
}

/// <summary>Finds, downloads and parses the identity profile report of a session.</summary>
internal static class IdentityProfileReportReader
{
    public const string IdentityProfile = "identity_profile";
    public const string AdvancedIdentityProfile = "advanced_identity_profile";

    /// <summary>Downloads and parses the report of <paramref name="session"/> (transient failures and truncated bodies are retried).</summary>
    /// <exception cref="YotiIdentityProfileUnavailableException">The session has no report.</exception>
    /// <exception cref="YotiMediaNoContentException">The report download answered 204.</exception>
    public static async Task<YotiProfileReport> GetAsync(YotiApiClient client, YotiSession session, CancellationToken cancellationToken)
    {
        LocatedProfileReport located = Locate(session);
        YotiProfileReport? report = await client.SendAsync(
            YotiEndpoints.MediaContent(located.SessionId, located.MediaId),
            async (response, ct) => response.StatusCode == HttpStatusCode.NoContent
                ? null
                : Parse(located, await response.ReadBytesAsync(ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return report ?? throw new YotiMediaNoContentException(located.SessionId, located.MediaId);
    }

    /// <summary>The report media of the session's advanced or plain identity profile.</summary>
    /// <exception cref="YotiIdentityProfileUnavailableException">No report: still ongoing, expired, none requested, or aborted.</exception>
    public static LocatedProfileReport Locate(YotiSession session)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        string? type = null;
        YotiIdentityProfileBase? profile = null;
        YotiMedia? media = null;
        IReadOnlyList<YotiReportSchemeCompliance> compliance = Array.Empty<YotiReportSchemeCompliance>();
        if (session.AdvancedIdentityProfile is { } advanced && (advanced.IdentityProfileReport?.Media is not null || session.IdentityProfile is null))
        {
            (type, profile, media, compliance) = (AdvancedIdentityProfile, advanced, advanced.IdentityProfileReport?.Media, Flatten(advanced.IdentityProfileReport));
        }
        else if (session.IdentityProfile is { } plain)
        {
            (type, profile, media, compliance) = (IdentityProfile, plain, plain.IdentityProfileReport?.Media, Flatten(plain.IdentityProfileReport));
        }

        if (media?.MediaId is { } mediaId && session.SessionId is { } sessionId)
        {
            return new LocatedProfileReport(sessionId, mediaId, type!, profile!, compliance);
        }

        throw new YotiIdentityProfileUnavailableException(new YotiIdentityProfileUnavailable(ReasonFor(session, profile), session, type, profile));
    }

    /// <summary>Parses a downloaded report body.</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8 JSON, or not an object.</exception>
    public static YotiProfileReport Parse(LocatedProfileReport located, byte[] content)
    {
        string text = SessionParser.DecodeUtf8(content);
        JsonElement root = SessionParser.ParseObject(text, "an identity profile report");
        return new YotiProfileReport(located, root, text, content);
    }

    private static string ReasonFor(YotiSession session, YotiIdentityProfileBase? profile)
    {
        if (string.Equals(profile?.Result, "ABORTED", StringComparison.OrdinalIgnoreCase))
        {
            return YotiIdentityProfileUnavailable.Aborted;
        }

        if (string.Equals(session.State, "ONGOING", StringComparison.OrdinalIgnoreCase))
        {
            return YotiIdentityProfileUnavailable.NotReady;
        }

        return profile is null && string.Equals(session.State, "EXPIRED", StringComparison.OrdinalIgnoreCase)
            ? YotiIdentityProfileUnavailable.Expired
            : YotiIdentityProfileUnavailable.Missing;
    }

    private static IReadOnlyList<YotiReportSchemeCompliance> Flatten(YotiIdentityProfileReport? report) =>
        report is null ? Array.Empty<YotiReportSchemeCompliance>() : YotiReportSchemeCompliance.From(report.TrustFramework, report.SchemesCompliance);

    private static IReadOnlyList<YotiReportSchemeCompliance> Flatten(YotiAdvancedIdentityProfileReport? report) =>
        report is null
            ? Array.Empty<YotiReportSchemeCompliance>()
            : report.Compliance.SelectMany(c => YotiReportSchemeCompliance.From(c.TrustFramework, c.SchemesCompliance)).ToYotiList();
}
