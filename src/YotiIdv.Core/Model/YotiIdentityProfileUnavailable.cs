using System;
using System.Collections.Generic;
using System.Linq;

namespace YotiIdv.Model;

/// <summary>
/// Why a session has no identity profile report: the target object of the Get-YotiIdentityProfileReport
/// errors, so a script can act on the state, the result and the failure reason. <c>ToString()</c> is the session id.
/// </summary>
public sealed class YotiIdentityProfileUnavailable
{
    /// <summary>The session is still ONGOING: no profile yet.</summary>
    internal const string NotReady = "NotReady";

    /// <summary>The session EXPIRED without a profile.</summary>
    internal const string Expired = "Expired";

    /// <summary>The session has no identity profile (none was requested), or the profile has no report media.</summary>
    internal const string Missing = "Missing";

    /// <summary>The profile was ABORTED: no scheme could be met; see <see cref="ReasonCode"/>.</summary>
    internal const string Aborted = "Aborted";

    internal YotiIdentityProfileUnavailable(string reason, YotiSession session, string? profileType, YotiIdentityProfileBase? profile)
    {
        Reason = reason;
        SessionId = session.SessionId ?? string.Empty;
        State = session.State;
        ProfileType = profileType;
        ProfileResult = profile?.Result;
        ReasonCode = profile?.FailureReason?.ReasonCode;
        RequirementsNotMetDetails = profile?.FailureReason?.RequirementsNotMetDetails ?? YotiReadOnlyList<YotiRequirementNotMetDetail>.Empty;
        Message = BuildMessage();
    }

    /// <summary><c>NotReady</c> (ONGOING), <c>Expired</c>, <c>Missing</c> (no profile or no report media) or <c>Aborted</c>.</summary>
    public string Reason { get; }

    public string SessionId { get; }

    /// <summary>The session state (<c>ONGOING</c>, <c>EXPIRED</c>, <c>COMPLETED</c>), exactly as sent.</summary>
    public string? State { get; }

    /// <summary><c>identity_profile</c>, <c>advanced_identity_profile</c>, or null when the session has neither.</summary>
    public string? ProfileType { get; }

    /// <summary>The profile's result (<c>ABORTED</c>, …), exactly as sent.</summary>
    public string? ProfileResult { get; }

    /// <summary><c>failure_reason.reason_code</c> (<c>UNABLE_TO_VALIDATE_DOCUMENT</c>, <c>ABANDONED</c>, …).</summary>
    public string? ReasonCode { get; }

    /// <summary>Every <c>failure_reason.requirements_not_met_details</c> entry.</summary>
    public IReadOnlyList<YotiRequirementNotMetDetail> RequirementsNotMetDetails { get; }

    /// <summary>The sentence the error shows.</summary>
    public string Message { get; }

    public override string ToString() => ConsoleText.Escape(SessionId)!;

    private string BuildMessage()
    {
        string session = $"Session '{SessionId}'";
        switch (Reason)
        {
            case NotReady:
                return $"{session} is still {State ?? "in progress"}; its identity profile report is not ready yet.";
            case Expired:
                return $"{session} is {State} and has no identity profile report; the user did not finish.";
            case Aborted:
                string details = string.Join("; ", RequirementsNotMetDetails.Select(Describe));
                return $"The {ProfileType} of session '{SessionId}' was {ProfileResult}, so there is no report. Reason: {ReasonCode ?? "not given"}."
                    + (details.Length > 0 ? " Requirements not met: " + details + "." : string.Empty);
            default:
                return ProfileType is null
                    ? $"{session} ({State}) has no identity profile; the session did not request one."
                    : $"The {ProfileType} of session '{SessionId}' ({ProfileResult}) has no report media.";
        }
    }

    private static string Describe(YotiRequirementNotMetDetail d)
    {
        string subject = string.Join(" ", new[] { d.FailureType, d.DocumentType, d.DocumentCountryIsoCode }.Where(s => !string.IsNullOrEmpty(s)));
        string text = string.IsNullOrEmpty(d.Details) ? subject : subject + ": " + d.Details;
        return string.IsNullOrEmpty(d.AuditId) ? text : text + " (audit " + d.AuditId + ")";
    }
}

/// <summary>Thrown when a session has no identity profile report to download.</summary>
public sealed class YotiIdentityProfileUnavailableException : Exception
{
    public YotiIdentityProfileUnavailableException(YotiIdentityProfileUnavailable unavailable)
        : base((unavailable ?? throw new ArgumentNullException(nameof(unavailable))).Message)
    {
        Unavailable = unavailable;
    }

    public YotiIdentityProfileUnavailable Unavailable { get; }
}

/// <summary>Thrown when a media download answers 204 No Content: the media exists but has nothing to return.</summary>
public sealed class YotiMediaNoContentException : Exception
{
    public YotiMediaNoContentException(string sessionId, string mediaId)
        : base($"Media '{mediaId}' of session '{sessionId}' has no content (204 No Content).")
    {
        SessionId = sessionId;
        MediaId = mediaId;
    }

    public string SessionId { get; }

    public string MediaId { get; }
}
