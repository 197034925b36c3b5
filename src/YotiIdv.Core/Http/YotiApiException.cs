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
    /// <summary>The answer was not what the API promises (not JSON, truncated, wrong shape).</summary>
    InvalidResponse,
    /// <summary>Any other 4xx: the request was refused and retrying will not help.</summary>
    Rejected,
}

/// <summary>
/// A Yoti API call failed. Carries the HTTP status, Yoti's own error code and message, and the request
/// path without its query (the query holds the nonce). The body is redacted and shortened.
/// </summary>
public sealed class YotiApiException : Exception
{
    public YotiApiException(YotiFailureKind kind, string message, string method, string requestPath, int? statusCode = null,
        string? yotiErrorCode = null, string? yotiMessage = null, string? responseBody = null, int attempts = 1, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Method = method;
        RequestPath = requestPath;
        StatusCode = statusCode;
        YotiErrorCode = yotiErrorCode;
        YotiMessage = yotiMessage;
        ResponseBody = responseBody;
        Attempts = attempts;
        RetryAfter = retryAfter;
    }

    public YotiFailureKind Kind { get; }
    public string Method { get; }
    /// <summary>The path relative to the API base, without the query string.</summary>
    public string RequestPath { get; }
    public int? StatusCode { get; }
    /// <summary>The <c>code</c> of Yoti's JSON error body, when there was one.</summary>
    public string? YotiErrorCode { get; }
    /// <summary>The <c>message</c> (and <c>errors</c>) of Yoti's JSON error body, when there was one.</summary>
    public string? YotiMessage { get; }
    /// <summary>The response body, redacted and cut to a few hundred characters.</summary>
    public string? ResponseBody { get; }
    /// <summary>How many attempts were made, retries included.</summary>
    public int Attempts { get; }
    public TimeSpan? RetryAfter { get; }
}
