namespace YotiIdv.Emulator;

/// <summary>
/// The <c>code</c> values of the emulator's JSON error bodies (<c>{"code":"…","message":"…"}</c>, spec 3.9).
/// Yoti does not document its signed-request codes; these are the emulator's own, one per failure cause.
/// </summary>
public static class YotiIdvEmulatorErrorCodes
{
    /// <summary>401: no <c>X-Yoti-Auth-Digest</c> header.</summary>
    public const string MissingSignature = "MISSING_SIGNATURE";

    /// <summary>401: the digest is not valid Base64 or does not verify with the configured key.</summary>
    public const string InvalidSignature = "INVALID_SIGNATURE";

    /// <summary>401: no <c>sdkId</c>/<c>sdkID</c> query parameter.</summary>
    public const string MissingSdkId = "MISSING_SDK_ID";

    /// <summary>401: the SDK id is not the configured one (real Yoti answers 404 <c>APP_NOT_FOUND</c>).</summary>
    public const string UnknownSdkId = "UNKNOWN_SDK_ID";

    /// <summary>401: no <c>nonce</c> query parameter.</summary>
    public const string MissingNonce = "MISSING_NONCE";

    /// <summary>401: the nonce was already used by an accepted request.</summary>
    public const string NonceReused = "NONCE_REUSED";

    /// <summary>401: no <c>timestamp</c> query parameter.</summary>
    public const string MissingTimestamp = "MISSING_TIMESTAMP";

    /// <summary>401: the timestamp is not an integer number of milliseconds.</summary>
    public const string InvalidTimestamp = "INVALID_TIMESTAMP";

    /// <summary>401: the timestamp is outside the accepted window around now.</summary>
    public const string StaleTimestamp = "STALE_TIMESTAMP";

    /// <summary>404: no session with this id.</summary>
    public const string SessionNotFound = "SESSION_NOT_FOUND";

    /// <summary>404: the session does not reference this media id, or it has no content file, or it was deleted.</summary>
    public const string MediaNotFound = "MEDIA_NOT_FOUND";

    /// <summary>404: the session's tracked devices were deleted.</summary>
    public const string TrackedDevicesNotFound = "TRACKED_DEVICES_NOT_FOUND";

    /// <summary>409: DELETE of a session that is still <c>ONGOING</c> (Yoti deletes completed sessions only).</summary>
    public const string SessionNotCompleted = "SESSION_NOT_COMPLETED";

    /// <summary>404: no such endpoint (path outside the base path, or an unsupported method/path).</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>400: the HTTP request could not be parsed.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>429: <see cref="YotiIdvEmulatorOptions.RateLimitPerSecond"/> exceeded.</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    /// <summary>500: the emulator failed to answer (e.g. a media file could not be read).</summary>
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>Default code of injected status faults (e.g. 503).</summary>
    public const string InjectedFault = "INJECTED_FAULT";
}
