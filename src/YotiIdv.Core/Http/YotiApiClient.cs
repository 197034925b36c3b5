using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Model;
using YotiIdv.Signing;

namespace YotiIdv.Http;

/// <summary>
/// The one place where HTTP happens: builds and signs each attempt (fresh nonce and timestamp), retries
/// transient failures with capped back-off, slows every request of this client down after a 429, maps
/// failures to <see cref="YotiApiException"/> and traces each exchange (redacted) to an <see cref="IYotiLog"/>.
/// </summary>
public sealed partial class YotiApiClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(() => CreateHttpClient(null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly string ModuleVersion = typeof(YotiApiClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly YotiConnection _connection;
    private readonly YotiRequestOptions _options;
    private readonly IYotiLog? _log;
    private long _pausedUntilTicks;

    public YotiApiClient(YotiConnection connection, YotiRequestOptions? options = null, IYotiLog? log = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options?.Clone() ?? new YotiRequestOptions();
        _options.Validate();
        _log = log;
    }

    public YotiConnection Connection => _connection;

    /// <summary>GET /sessions/{id}, parsed; an answer about another session is invalid data (never retried).</summary>
    public Task<YotiSession> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        YotiRequest request = YotiEndpoints.Session(sessionId);
        return SendAsync(request, async (response, ct) =>
        {
            YotiSession session = SessionParser.Parse(await response.ReadBytesAsync(ct).ConfigureAwait(false));
            if (session.SessionId != null && !string.Equals(session.SessionId, request.SessionId, StringComparison.OrdinalIgnoreCase))
            {
                throw new YotiInvalidDataException(
                    $"The answer is about session '{YotiId.ForDisplay(session.SessionId)}', not the requested session '{request.SessionId}'.");
            }

            return session;
        }, cancellationToken);
    }

    /// <summary>
    /// GET /sessions/{sessionId}/media/{mediaId}/content into memory (at most <see cref="YotiRequestOptions.MaxResponseBytes"/>);
    /// null for 204 No Content (the media exists but has nothing to return). For large media stream with
    /// <see cref="Media.YotiMediaDownloader"/>.
    /// </summary>
    public Task<YotiMediaContent?> GetMediaContentAsync(string sessionId, string mediaId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.MediaContent(sessionId, mediaId), async (response, ct) =>
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            byte[] body = await response.ReadBytesAsync(ct).ConfigureAwait(false);
            return (YotiMediaContent?)new YotiMediaContent(response.Request.SessionId!, response.Request.ResourceId!, response.ContentType, body);
        }, cancellationToken);

    /// <summary>A report's key set (JWKS), as received, read within the client's response limits; see <see cref="YotiEndpoints.KeySet"/>.</summary>
    public Task<byte[]> GetKeySetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.KeySet(url), (response, ct) => response.ReadBytesAsync(ct), cancellationToken);

    /// <summary>
    /// Sends a signed request and hands a successful (2xx) answer to <paramref name="readSuccess"/>, which reads the
    /// body through the bounded readers of <see cref="YotiResponse"/>. Idempotent requests are retried on transient
    /// failures (429, 502-504, resets, timeouts, truncated bodies); a deterministic failure (not JSON, wrong shape,
    /// too large, another session) is not, nor is anything of a request that is not idempotent.
    /// </summary>
    public async Task<T> SendAsync<T>(YotiRequest request, Func<YotiResponse, CancellationToken, Task<T>> readSuccess, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        string endpoint = request.ToString();
        int maxAttempts = request.Idempotent ? _options.MaxRetries + 1 : 1;
        for (int attempt = 1; ; attempt++)
        {
            await WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(_options.Timeout);
            YotiApiException failure;
            TimeSpan? retryAfter = null;
            string? requestId = null;
            bool worthRetry = true;
            try
            {
                using HttpRequestMessage message = request.AbsoluteUrl is null ? BuildSignedRequest(request) : BuildPublicRequest(request.AbsoluteUrl);
                using HttpResponseMessage response = await HttpClient
                    .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);

                // netstandard2.0 cannot cancel a body read, so a timeout or Ctrl+C disposes the response instead,
                // which aborts the read: a server that stalls mid-body can never hang the command.
                using CancellationTokenRegistration abortRead = attemptCts.Token.Register(state => ((HttpResponseMessage)state!).Dispose(), response);
                requestId = YotiResponse.RequestIdOf(response);
                int status = (int)response.StatusCode;
                if (status >= 200 && status < 300)
                {
                    T result = await ThrowIfCancelled(readSuccess(new YotiResponse(response, request, _options), attemptCts.Token), attemptCts.Token).ConfigureAwait(false);
                    Trace(endpoint, RetryPolicy.Describe(response.StatusCode), stopwatch, attempt, maxAttempts, response.Content.Headers.ContentLength, requestId);
                    return result;
                }

                (string? body, bool cut) = await ThrowIfCancelled(BoundedBody.ReadErrorTextAsync(response, attemptCts.Token), attemptCts.Token).ConfigureAwait(false);
                retryAfter = RetryPolicy.ParseRetryAfter(response, _options);
                failure = CreateStatusFailure(request, response.StatusCode, body, cut, attempt, retryAfter, requestId);
                Trace(endpoint, RetryPolicy.Describe(response.StatusCode), stopwatch, attempt, maxAttempts, body?.Length, requestId);
                worthRetry = RetryPolicy.IsTransientStatus(status);
                if (status == 429 && worthRetry)
                {
                    PauseAll(RetryPolicy.DelayFor(attempt, retryAfter, _options));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                failure = new YotiApiException(YotiFailureKind.Timeout,
                    $"{endpoint} did not complete within {_options.Timeout.TotalSeconds:0.#} s.", request, attempts: attempt, requestId: requestId, inner: ex);
                Trace(endpoint, "timed out", stopwatch, attempt, maxAttempts, null, requestId);
            }
            catch (YotiResponseTooLargeException ex)
            {
                failure = new YotiApiException(YotiFailureKind.ResponseTooLarge,
                    $"{endpoint} returned a response too large for the {request.DescribeResource()}: {ex.Message}{RequestIdNote(requestId)}",
                    request, attempts: attempt, requestId: requestId, inner: ex);
                Trace(endpoint, "response too large", stopwatch, attempt, maxAttempts, ex.AnnouncedLength, requestId);
                worthRetry = false;
            }
            catch (YotiInvalidDataException ex)
            {
                failure = new YotiApiException(YotiFailureKind.InvalidResponse,
                    $"{endpoint} returned an invalid response for the {request.DescribeResource()}: {ex.Message}{RequestIdNote(requestId)}",
                    request, attempts: attempt, requestId: requestId, inner: ex);
                Trace(endpoint, ex is YotiTruncatedBodyException ? "truncated body" : "invalid response body", stopwatch, attempt, maxAttempts, null, requestId);

                // A body cut short may arrive whole next time; one that is not JSON, has the wrong shape or is
                // about another session will be the same again.
                worthRetry = ex is YotiTruncatedBodyException;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                failure = new YotiApiException(YotiFailureKind.Network,
                    $"{endpoint} failed: {InnermostMessage(ex)}", request, attempts: attempt, requestId: requestId, inner: ex);
                Trace(endpoint, "connection failed (" + ex.GetType().Name + ")", stopwatch, attempt, maxAttempts, null, requestId);
            }

            if (!worthRetry || attempt >= maxAttempts)
            {
                failure.Attempts = attempt;
                throw failure;
            }

            TimeSpan delay = RetryPolicy.DelayFor(attempt, retryAfter, _options);
            _log?.Verbose($"Retrying {endpoint} in {delay.TotalSeconds:0.##} s (attempt {attempt + 1} of {maxAttempts}).");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="task"/>; when it fails because the attempt was cancelled, says so.</summary>
    private static async Task<TResult> ThrowIfCancelled<TResult>(Task<TResult> task, CancellationToken token)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (token.IsCancellationRequested && !(ex is OperationCanceledException))
        {
            throw new OperationCanceledException("The attempt was cancelled while reading the response.", ex, token);
        }
    }

    private static string RequestIdNote(string? requestId) => requestId is null ? string.Empty : " (Yoti request id " + requestId + ")";

    /// <summary>An unsigned GET of a public document (no SDK id, nonce or digest).</summary>
    private static HttpRequestMessage BuildPublicRequest(Uri url)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.TryAddWithoutValidation("Accept", "application/json, application/jwk-set+json");
        return message;
    }

    private HttpRequestMessage BuildSignedRequest(YotiRequest request)
    {
        string nonce = Guid.NewGuid().ToString("D");
        long timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string query = request.QueryString;
        string pathAndQuery = request.Path + "?" + (query.Length == 0 ? string.Empty : query + "&") + YotiRequestSigner.BuildAuthQuery(_connection.SdkId, nonce, timestamp);
        string digest = _connection.Signer.Sign(YotiRequestSigner.BuildStringToSign(request.Method.Method, pathAndQuery, null));

        // Build the URI from the final string so nothing re-encodes or reorders what was signed.
        var message = new HttpRequestMessage(request.Method, new Uri(_connection.ApiUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery, UriKind.Absolute));
        message.Headers.TryAddWithoutValidation("X-Yoti-Auth-Digest", digest);
        message.Headers.TryAddWithoutValidation("X-Yoti-SDK", "PowerShell");
        message.Headers.TryAddWithoutValidation("X-Yoti-SDK-Version", "PowerShell-" + ModuleVersion);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (_log != null)
        {
            _log.Debug($"{request.Method} {Redaction.Redact(_connection.ApiUrl.AbsolutePath.TrimEnd('/') + pathAndQuery)} X-Yoti-Auth-Digest: {Redaction.Mask} X-Yoti-SDK: PowerShell X-Yoti-SDK-Version: PowerShell-{ModuleVersion}");
        }

        return message;
    }

    private void Trace(string endpoint, string outcome, Stopwatch stopwatch, int attempt, int maxAttempts, long? bytes, string? requestId)
    {
        _log?.Verbose($"{endpoint} -> {outcome} in {stopwatch.ElapsedMilliseconds} ms"
            + (bytes.HasValue ? $", {bytes.Value} bytes" : string.Empty)
            + (maxAttempts > 1 ? $" (attempt {attempt} of {maxAttempts})" : string.Empty)
            + (requestId is null ? string.Empty : ", X-Request-ID " + requestId));
    }

    /// <summary>After a 429 every request of this client waits, so a batch slows down as a whole, then recovers.</summary>
    private void PauseAll(TimeSpan delay)
    {
        long until = DateTime.UtcNow.Add(delay).Ticks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (until <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);
    }

    private async Task WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        long until = Interlocked.Read(ref _pausedUntilTicks);
        long now = DateTime.UtcNow.Ticks;
        if (until > now)
        {
            await Task.Delay(TimeSpan.FromTicks(until - now), cancellationToken).ConfigureAwait(false);
        }
    }

    private static YotiApiException CreateStatusFailure(YotiRequest request, HttpStatusCode statusCode, string? body, bool cut, int attempt, TimeSpan? retryAfter, string? requestId)
    {
        int status = (int)statusCode;
        (string? code, string? message) = ParseErrorBody(body);
        YotiFailureKind kind = status switch
        {
            404 => YotiFailureKind.NotFound,
            401 or 403 => YotiFailureKind.Authentication,
            429 => YotiFailureKind.RateLimited,
            >= 500 => YotiFailureKind.ServerError,
            _ => YotiFailureKind.Rejected,
        };

        var text = new StringBuilder();
        text.Append(request).Append(" failed: ").Append(RetryPolicy.Describe(statusCode));
        if (code != null || message != null)
        {
            text.Append(" (").Append(code ?? "no code");
            if (message != null)
            {
                text.Append(" - ").Append(Redaction.Cap(message, 2048));
            }

            text.Append(')');
        }

        text.Append(RequestIdNote(requestId)).Append('.');
        if (cut)
        {
            text.Append(" The error body was longer than ").Append(BoundedBody.MaxErrorBodyBytes / 1024).Append(" KiB and was cut there.");
        }
        return new YotiApiException(kind, text.ToString(), request, status, code, message,
            body is null ? null : cut ? body + Redaction.CutNote : body, attempt, retryAfter, requestId);
    }

    /// <summary>
    /// Reads Yoti's error body (code, message, errors[]); anything else (HTML from a proxy) gives nulls. A body cut
    /// at the error body limit still gives what was read before the cut.
    /// </summary>
    internal static (string? Code, string? Message) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        string? code = null;
        string? message = null;
        var details = new StringBuilder();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body!), isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString() ?? string.Empty;
                reader.Read();
                if (name == "code" && reader.TokenType == JsonTokenType.String)
                {
                    code = reader.GetString();
                }
                else if (name == "message" && reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
                else if (name == "errors" && reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadErrors(ref reader, details);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Cut or malformed: keep what was read.
        }

        if (details.Length > 0)
        {
            message = message is null ? details.ToString() : message + "; " + details;
        }

        return (code, message);
    }

    private static void ReadErrors(ref Utf8JsonReader reader, StringBuilder details)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (details.Length > 2048)
            {
                // Enough shown: skip the rest of the array, so the properties after it (code, message) are still read.
                details.Append("; …");
                do
                {
                    reader.Skip();
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? property = null;
            string? errorMessage = null;
            try
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString() ?? string.Empty;
                    reader.Read();
                    if (name == "property" && reader.TokenType == JsonTokenType.String)
                    {
                        property = reader.GetString();
                    }
                    else if (name == "message" && reader.TokenType == JsonTokenType.String)
                    {
                        errorMessage = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // The body was cut inside this error: say what it was about.
                details.Append(details.Length == 0 ? string.Empty : "; ").Append(property).Append(property is null ? string.Empty : " ").Append("\"…\"");
                throw;
            }

            details.Append(details.Length == 0 ? string.Empty : "; ").Append(property).Append(property is null ? string.Empty : " ").Append('"').Append(errorMessage).Append('"');
        }
    }

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException != null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    /// <summary>A client with its own handler; <paramref name="proxy"/> null means the system proxy settings.</summary>
    private static HttpClient CreateHttpClient(YotiProxySettings? proxy)
    {
        if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            // Windows PowerShell 5.1: HttpClientHandler sits on HttpWebRequest, which only offers what
            // ServicePointManager allows; on older Windows defaults that is not TLS 1.2, which Yoti requires.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false, // a redirect would carry a signature made for another path
            UseCookies = false,

            // No automatic decompression: on .NET Framework a decompressed body may keep the compressed
            // Content-Length, which would make every complete body look truncated.
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
        };
        if (proxy != null)
        {
            handler.Proxy = proxy.ToWebProxy();
            handler.UseProxy = true;
        }

        var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "YotiIdv/" + ModuleVersion);
        return client;
    }
}
