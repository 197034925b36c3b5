using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using YotiIdv.Media;

namespace YotiIdv.Model;

/// <summary>A session result (GET /sessions/{sessionId}).</summary>
/// <remarks>
/// <c>client_session_token</c> is a secret and is not exposed; see <see cref="HasClientSessionToken"/>.
/// <see cref="YotiJsonObject.GetRawJson"/> returns the whole response text as received.
/// </remarks>
public sealed class YotiSession : YotiJsonObject
{
    private readonly Dictionary<string, YotiMedia> _mediaById;
    private IReadOnlyList<YotiMedia>? _allMedia;
    private IReadOnlyList<KeyValuePair<string, YotiMedia>>? _allMediaByKind;
    private YotiMediaIndex? _mediaIndex;

    internal YotiSession(JsonElement json, string rawText, ParseContext ctx)
        : base(json, rawText)
    {
        _mediaById = ctx.MediaById;
        SessionId = ctx.SessionId;
        State = JsonRead.GetString(json, "state");
        ClientSessionTokenTtl = JsonRead.GetLong(json, "client_session_token_ttl");
        RetrievedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // whole seconds, as the TTL
        HasClientSessionToken = !string.IsNullOrEmpty(JsonRead.GetString(json, "client_session_token"));
        UserTrackingId = JsonRead.GetString(json, "user_tracking_id");
        BiometricConsent = JsonRead.GetDate(json, "biometric_consent");

        // Resources first: checks keep a reference to them for GetResources().
        Resources = new YotiResourceContainer(JsonRead.GetObject(json, "resources") ?? default, ctx);
        var resources = Resources;
        Checks = JsonRead.GetList(json, "checks", e => new YotiCheck(e, ctx, resources));

        IdentityProfile = JsonRead.GetObject(json, "identity_profile") is { } ip ? new YotiIdentityProfile(ip, ctx) : null;
        AdvancedIdentityProfile = JsonRead.GetObject(json, "advanced_identity_profile") is { } aip ? new YotiAdvancedIdentityProfile(aip, ctx) : null;
        IdentityProfilePreview = ctx.Wrapper(json, "identity_profile_preview");
        AdvancedIdentityProfilePreview = ctx.Wrapper(json, "advanced_identity_profile_preview");
        ImportToken = JsonRead.GetObject(json, "import_token") is { } it ? new YotiImportToken(it, ctx) : null;
        DigitalIdShares = JsonRead.GetList(json, "digital_id_shares", e => new YotiDigitalIdShare(e));

        // Summary properties (scalars for Select-Object and Export-Csv); see about_YotiIdv.
        var firstDocument = Resources.IdDocuments.FirstOrDefault();
        DocumentType = firstDocument?.DocumentType;
        IssuingCountry = firstDocument?.IssuingCountry;
        CheckCount = Checks.Count;
        ChecksDone = Checks.Count(c => string.Equals(c.State, YotiCheckStates.Done, StringComparison.OrdinalIgnoreCase));
        ChecksPending = CheckCount - ChecksDone;
        WorstRecommendation = Checks
            .Select(c => c.Report?.Recommendation?.Value)
            .Where(v => !string.IsNullOrEmpty(v))
            .OrderByDescending(YotiRecommendationValues.Rank)
            .FirstOrDefault();
        YotiIdentityProfileBase? profile = (YotiIdentityProfileBase?)IdentityProfile ?? AdvancedIdentityProfile;
        IdentityProfileResult = profile?.Result;
        IdentityProfileFailureReason = profile?.FailureReason?.ReasonCode;
    }

    /// <summary>Null when the response had no <c>session_id</c> (the caller decides whether that is an error).</summary>
    public string? SessionId { get; }

    /// <summary><c>ONGOING</c>, <c>COMPLETED</c>, <c>EXPIRED</c>, … exactly as sent.</summary>
    public string? State { get; }

    /// <summary>Seconds left before the user-facing session expires (not reset on completion).</summary>
    public long? ClientSessionTokenTtl { get; }

    /// <summary>
    /// When this result was retrieved: when the module read the API's answer, or, for a saved file
    /// (<c>Get-YotiSession -Path</c>), when the file was last written. <see cref="ClientSessionTokenTtl"/> counts from here.
    /// </summary>
    public YotiTimestamp RetrievedAt { get; internal set; }

    /// <summary>
    /// When the user-facing session expires: <see cref="RetrievedAt"/> plus <see cref="ClientSessionTokenTtl"/>
    /// (null without a TTL). Sort by it to see what to archive first.
    /// </summary>
    public YotiTimestamp? ClientSessionTokenExpiresAt =>
        ClientSessionTokenTtl is long ttl && ttl >= 0 && ttl <= MaxTtlSeconds ? RetrievedAt.Value.AddSeconds(ttl) : null;

    private const long MaxTtlSeconds = 100L * 366 * 24 * 3600; // beyond that, AddSeconds could overflow: no instant

    /// <summary>True when the response carried a <c>client_session_token</c> (its value is never exposed).</summary>
    public bool HasClientSessionToken { get; }

    public string? UserTrackingId { get; }

    public YotiTimestamp? BiometricConsent { get; }

    /// <summary>Never null; empty when the response had no <c>resources</c>.</summary>
    public YotiResourceContainer Resources { get; }

    public IReadOnlyList<YotiCheck> Checks { get; }

    public YotiIdentityProfile? IdentityProfile { get; }

    public YotiAdvancedIdentityProfile? AdvancedIdentityProfile { get; }

    public YotiMediaWrapper? IdentityProfilePreview { get; }

    public YotiMediaWrapper? AdvancedIdentityProfilePreview { get; }

    public YotiImportToken? ImportToken { get; }

    public IReadOnlyList<YotiDigitalIdShare> DigitalIdShares { get; }

    // ---- Summary properties: derived from the properties above, documented in about_YotiIdv. ----

    /// <summary>The <c>document_type</c> of the first ID document; null when there is none.</summary>
    public string? DocumentType { get; }

    /// <summary>The <c>issuing_country</c> of the first ID document; null when there is none.</summary>
    public string? IssuingCountry { get; }

    /// <summary>How many checks the session has.</summary>
    public int CheckCount { get; }

    /// <summary>How many checks are in state <c>DONE</c>.</summary>
    public int ChecksDone { get; }

    /// <summary>How many checks are in any other state (<c>CREATED</c>, <c>PENDING</c>, <c>READY</c>, …).</summary>
    public int ChecksPending { get; }

    /// <summary>
    /// The worst recommendation value among the checks, exactly as sent: <c>REJECT</c> before
    /// <c>CONSIDER</c> before <c>NOT_AVAILABLE</c> before any undocumented value before <c>APPROVE</c>
    /// (<see cref="YotiRecommendationValues.Rank"/>); null when no check has a recommendation.
    /// </summary>
    public string? WorstRecommendation { get; }

    /// <summary>The <c>result</c> of <c>identity_profile</c>, else of <c>advanced_identity_profile</c>.</summary>
    public string? IdentityProfileResult { get; }

    /// <summary>The <c>failure_reason.reason_code</c> of the same identity profile.</summary>
    public string? IdentityProfileFailureReason { get; }

    /// <summary>The resources used by the check with this id.</summary>
    /// <exception cref="ArgumentException">The session has no check with that id.</exception>
    public YotiResourceContainer GetResourcesForCheck(string checkId)
    {
        if (checkId is null)
        {
            throw new ArgumentNullException(nameof(checkId));
        }

        var check = Checks.FirstOrDefault(c => string.Equals(c.CheckId, checkId, StringComparison.Ordinal))
            ?? throw new ArgumentException($"Session '{SessionId}' has no check with id '{checkId}'.", nameof(checkId));
        return check.GetResources();
    }

    /// <summary>Every media reference in the session, distinct by media id, in document order (see <see cref="YotiMediaIndex"/>).</summary>
    public IReadOnlyList<YotiMedia> GetAllMedia() => _allMedia ??= JsonRead.ReadOnly(GetAllMediaByKind().Select(p => p.Value).ToList());

    /// <summary>
    /// <see cref="GetAllMedia"/> with the kind of each media (<see cref="YotiMediaEntry.Kind"/>:
    /// <c>id-documents-1-pages</c>, <c>liveness-capture-1-frames</c>, <c>checks-generated-media</c>,
    /// <c>identity-profile-report</c>, …). The walk itself is <see cref="YotiMediaIndex"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, YotiMedia>> GetAllMediaByKind() =>
        _allMediaByKind ??= JsonRead.ReadOnly(MediaIndex.Select(e => new KeyValuePair<string, YotiMedia>(e.Kind, e.Media)).ToList());

    public override string ToString() => ConsoleText.Escape(SessionId ?? string.Empty)!;

    /// <summary>The session's media index (<see cref="YotiMediaIndex"/>), built on first use.</summary>
    internal YotiMediaIndex MediaIndex => _mediaIndex ??= YotiMediaIndex.Build(this, Json, _mediaById);
}
