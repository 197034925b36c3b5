using System;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Notifications;

/// <summary>
/// One webhook notification from Yoti (spec 3.10): which session changed and how. It carries no results: fetch
/// the session (<c>Get-YotiSession</c>, <c>Save-YotiSession</c>, <c>Wait-YotiSession</c> bind its
/// <see cref="SessionId"/> by property name). Fields this version does not map are in <see cref="YotiJsonObject.GetRawJson"/>.
/// </summary>
public sealed class YotiNotification : YotiJsonObject
{
    internal YotiNotification(JsonElement json, string rawText, string sessionId, string? topic, DateTimeOffset receivedAt, string? notificationId)
        : base(json, rawText)
    {
        SessionId = sessionId;
        Topic = topic;
        CheckId = JsonRead.GetString(json, "check_id");
        TaskId = JsonRead.GetString(json, "task_id");
        ResourceId = JsonRead.GetString(json, "resource_id");
        ReceivedAt = receivedAt;
        NotificationId = notificationId;
    }

    /// <summary>The session the notification is about (validated like every session id).</summary>
    public string SessionId { get; }

    /// <summary>The topic exactly as Yoti sent it, usually lower case (<c>session_completion</c> ...); an open set.</summary>
    public string? Topic { get; }

    /// <summary>The check of a <c>check_completion</c>.</summary>
    public string? CheckId { get; }

    /// <summary>The task of a <c>task_completion</c>.</summary>
    public string? TaskId { get; }

    /// <summary>The resource of a <c>resource_update</c>.</summary>
    public string? ResourceId { get; }

    /// <summary>When the notification was received (UTC; ISO 8601 text like every model timestamp).</summary>
    public YotiTimestamp ReceivedAt { get; }

    /// <summary>
    /// The spool entry's id when it came from <c>Receive-YotiNotification</c> (stable across a redelivery after a
    /// crash, so a consumer can skip duplicates); null otherwise.
    /// </summary>
    public string? NotificationId { get; }

    /// <summary>True when <see cref="Topic"/> is <paramref name="topic"/>, ignoring case.</summary>
    public bool IsTopic(string topic) => string.Equals(Topic, topic, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => SessionId;
}

/// <summary>The topics Yoti documents (spec 3.10), in the lower case of the payloads. Yoti may send others.</summary>
public static class YotiNotificationTopics
{
    public const string SessionCompletion = "session_completion";
    public const string CheckCompletion = "check_completion";
    public const string TaskCompletion = "task_completion";
    public const string ResourceUpdate = "resource_update";
    public const string ClientSessionTokenDeleted = "client_session_token_deleted";
    public const string NewPdfSupplied = "new_pdf_supplied";
    public const string InstructionsEmailRequested = "instructions_email_requested";
    public const string ThankYouEmailRequested = "thank_you_email_requested";
    public const string FirstBranchVisit = "first_branch_visit";

    /// <summary>Every documented topic.</summary>
    public static readonly string[] All =
    {
        SessionCompletion, CheckCompletion, TaskCompletion, ResourceUpdate, ClientSessionTokenDeleted,
        NewPdfSupplied, InstructionsEmailRequested, ThankYouEmailRequested, FirstBranchVisit,
    };
}
