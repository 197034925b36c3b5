using System;

namespace YotiIdv.Emulator;

/// <summary>
/// Settings for <see cref="YotiIdvEmulator.Start"/>. TEST-ONLY: the emulator serves local files and must never
/// be given real Yoti credentials or real session data.
/// </summary>
/// <remarks>
/// Data folder layout (<see cref="DataPath"/>):
/// <list type="bullet">
/// <item><c>sessions/*.json</c> — one session result per file; its id is the JSON's <c>session_id</c> (file names are free).</item>
/// <item><c>media/&lt;mediaId&gt;.&lt;ext&gt;</c> — media content; Content-Type from the extension. A file
/// <c>&lt;mediaId&gt;.204</c> means "exists, 204 No Content". A media id is served only for sessions whose JSON mentions it.</item>
/// <item><c>configurations/&lt;sessionId&gt;.json</c> — <c>GET /sessions/{id}/configuration</c> (a JSON object); without a
/// file, one is derived from the session (its check types, no required resources).</item>
/// <item><c>tracked-devices/&lt;sessionId&gt;.json</c> — <c>GET /sessions/{id}/tracked-devices</c> (a JSON array); without a file, <c>[]</c>.</item>
/// <item><c>supported-documents.json</c> — <c>GET /supported-documents</c>; documents with <c>is_strictly_latin: false</c>
/// only with <c>includeNonLatin=true</c> (or <c>1</c>). Without the file, no countries.</item>
/// <item><c>keys/test-only-public-key.pem</c> and <c>keys/sdk-id.txt</c> — used when <see cref="PublicKeyPem"/> /
/// <see cref="SdkId"/> are not set.</item>
/// </list>
/// </remarks>
public sealed class YotiIdvEmulatorOptions
{
    /// <summary>Default accepted clock skew of the <c>timestamp</c> query parameter.</summary>
    public static readonly TimeSpan DefaultTimestampTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The SDK id requests must carry (<c>sdkId</c> or <c>sdkID</c>). Null: read <c>&lt;DataPath&gt;/keys/sdk-id.txt</c>.</summary>
    public string? SdkId { get; set; }

    /// <summary>
    /// PEM of the key requests are verified with: a public key, or a private key (only its public half is used).
    /// Null: read <c>&lt;DataPath&gt;/keys/test-only-public-key.pem</c>.
    /// </summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>Folder with <c>sessions/</c> and <c>media/</c> (see remarks). Null: no data, every session is unknown.</summary>
    public string? DataPath { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Requests whose <c>timestamp</c> (epoch ms) differs from now by more than this are rejected. Default 5 minutes.</summary>
    public TimeSpan TimestampTolerance { get; set; } = DefaultTimestampTolerance;

    /// <summary>Path prefix of every endpoint; not part of the signed string. Default <c>/idverify/v1</c>.</summary>
    public string BasePath { get; set; } = "/idverify/v1";

    /// <summary>Delay added before every response (simulates a distant server). Default none.</summary>
    public TimeSpan AddedLatency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Maximum accepted requests per second (token bucket, burst of the same size); excess requests get
    /// 429 with <c>Retry-After: 1</c>. 0 (default) disables rate limiting.
    /// </summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>Seed for probability faults that have no <see cref="YotiIdvFault.Seed"/> of their own. Null: random.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Idle keep-alive connections are closed after this long. Default 60 seconds.</summary>
    public TimeSpan IdleConnectionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where to POST notifications when a session's state changes (see <see cref="EmulatorNotificationSender"/>). Null: none.</summary>
    public Uri? NotificationEndpoint { get; set; }

    /// <summary>The auth_token sent with each notification (required with <see cref="NotificationEndpoint"/>).</summary>
    public System.Security.SecureString? NotificationAuthToken { get; set; }

    /// <summary>Basic (default, <c>Basic base64(token)</c>) or Bearer.</summary>
    public YotiIdv.Notifications.YotiNotificationAuthType NotificationAuthType { get; set; }

    /// <summary>Topics to send; null or empty: check_completion, task_completion and session_completion.</summary>
    public string[]? NotificationTopics { get; set; }

    /// <summary>Bound on one notification POST; zero: 10 seconds.</summary>
    public TimeSpan NotificationTimeout { get; set; }
}
