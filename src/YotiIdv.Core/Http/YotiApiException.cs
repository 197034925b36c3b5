using System;

namespace YotiIdv.Http;

/// <summary>How a request failed, from the caller's point of view. Drives error ids and categories.</summary>
public enum YotiFailureKind
{
    /// <summary>404: the session, media or application does not exist.</summary>
    NotFound,
    /// <summary>401/403: the signature, key or SDK id was not accepted.</summary>
    Authentication,
    /// <summary>429 after every retry.</summary>
    RateLimited,
    /// <summary>5xx after every retry.</summary>
    ServerError,
    /// <summary>The connection failed or was reset, after every retry.</summary>
    Network,
    /// <summary>No answer within the timeout, after every retry.</summary>
    Timeout,
    /// <summary>The answer was not what the API promises (not JSON, truncated, wrong shape, another session).</summary>
    InvalidResponse,
    /// <summary>Any other 4xx: the request was refused and retrying will not help.</summary>
    Rejected,
    /// <summary>The body was larger than the connection's limit (never retried).</summary>
    ResponseTooLarge,
}

/// <summary>
/// A Yoti API call failed. Carries the request (its resource), the HTTP status, Yoti's own error code and message,
/// Yoti's X-Request-ID and the request path without its query (the query holds the nonce). Text is redacted and capped.
/// </summary>
public sealed class YotiApiException : Exception
{
    /// <summary>Exception messages and Yoti's message are cut to this many characters (with a note).</summary>
    public const int MaxMessageLength = 4096;

    public YotiApiException(YotiFailureKind kind, string message, YotiRequest request, int? statusCode = null,
        string? yotiErrorCode = null, string? yotiMessage = null, string? responseBody = null, int attempts = 1,
        TimeSpan? retryAfter = null, string? requestId = null, Exception? inner = null)
        : base(Redaction.Cap(Redaction.Redact(message), MaxMessageLength), inner)
    {
        Kind = kind;
        Request = request ?? throw new ArgumentNullException(nameof(request));
        StatusCode = statusCode;
        YotiErrorCode = yotiErrorCode is null ? null : Redaction.Cap(Redaction.Redact(yotiErrorCode), 256);
        YotiMessage = yotiMessage is null ? null : Redaction.Cap(Redaction.Redact(yotiMessage), MaxMessageLength);
        ResponseBody = responseBody is null ? null : Redaction.Redact(responseBody);
        Attempts = attempts;
        RetryAfter = retryAfter;
        RequestId = requestId;
    }

    public YotiFailureKind Kind { get; }

    /// <summary>The request that failed: its method, path, query and the resource it names.</summary>
    public YotiRequest Request { get; }

    /// <summary>What the request was about (session, media ...), stated by the request rather than guessed from the path.</summary>
    public YotiResource Resource => Request.Resource;

    public string Method => Request.Method.Method;

    /// <summary>The path relative to the API base, without the query string.</summary>
    public string RequestPath => Request.Path;

    public int? StatusCode { get; }

    /// <summary>The <c>code</c> of Yoti's JSON error body, when there was one.</summary>
    public string? YotiErrorCode { get; }

    /// <summary>The <c>message</c> (and <c>errors</c>) of Yoti's JSON error body, when there was one; redacted and capped.</summary>
    public string? YotiMessage { get; }

    /// <summary>The response body as read (at most 64 KiB of an error body), redacted.</summary>
    public string? ResponseBody { get; }

    /// <summary>How many attempts were made, retries included.</summary>
    public int Attempts { get; internal set; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Yoti's X-Request-ID of the (last) answer: quote it in a support ticket.</summary>
    public string? RequestId { get; }
}
