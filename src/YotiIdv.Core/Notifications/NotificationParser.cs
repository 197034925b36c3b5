using System;
using System.Text;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Notifications;

/// <summary>Reads a notification body (spec 3.10): a JSON object with <c>session_id</c>, <c>topic</c> and, per topic, an id.</summary>
public static class NotificationParser
{
    /// <summary>The largest body accepted: Yoti's payloads are a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Parses a UTF-8 body.</summary>
    /// <exception cref="YotiInvalidDataException">Too large, not UTF-8 JSON, not an object, or without a valid session id.</exception>
    public static YotiNotification Parse(byte[] body, DateTimeOffset receivedAt, string? notificationId = null)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (body.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        return Parse(SessionParser.DecodeUtf8(body), receivedAt, notificationId);
    }

    /// <summary>Parses a body given as text.</summary>
    /// <exception cref="YotiInvalidDataException">Too large, not JSON, not an object, or without a valid session id.</exception>
    public static YotiNotification Parse(string body, DateTimeOffset receivedAt, string? notificationId = null)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        // Each char is at most 3 UTF-8 bytes: the exact count is needed only near the limit.
        if (body.Length > MaxBodyBytes / 3 && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            throw TooLarge();
        }

        string text = body.TrimStart('\uFEFF');
        JsonElement root = SessionParser.ParseObject(text, "a notification");
        string? rawSessionId = JsonRead.GetString(root, "session_id");
        if (rawSessionId is null)
        {
            throw new YotiInvalidDataException("The notification has no session_id.");
        }

        string sessionId = YotiId.Normalize(rawSessionId, out string? reason)
            ?? throw new YotiInvalidDataException($"The notification's session_id '{YotiId.ForDisplay(rawSessionId)}' is not valid: {reason}.");

        string? topic = JsonRead.GetString(root, "topic");
        if (topic != null && !IsPrintableToken(topic))
        {
            throw new YotiInvalidDataException($"The notification's topic '{YotiId.ForDisplay(topic)}' is not a plain word.");
        }

        foreach (string field in new[] { "check_id", "task_id", "resource_id" })
        {
            string? id = JsonRead.GetString(root, field);
            if (id != null && YotiId.Normalize(id, out string? idReason) is null)
            {
                throw new YotiInvalidDataException($"The notification's {field} '{YotiId.ForDisplay(id)}' is not valid: {idReason}.");
            }
        }

        return new YotiNotification(root, text, sessionId, topic, receivedAt.ToUniversalTime(), notificationId);
    }

    private static YotiInvalidDataException TooLarge() =>
        new YotiInvalidDataException($"The notification body is larger than {MaxBodyBytes / 1024} KiB.");

    /// <summary>Topics are an open set, but they reach consoles and file names: letters, digits, '_', '-', '.' only.</summary>
    private static bool IsPrintableToken(string topic)
    {
        if (topic.Length == 0 || topic.Length > 128)
        {
            return false;
        }

        foreach (char c in topic)
        {
            if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')))
            {
                return false;
            }
        }

        return true;
    }
}
