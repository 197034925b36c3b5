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
public sealed class YotiApiClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(CreateHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>GET /sessions/{id}, parsed. The id must already be validated with <see cref="YotiId"/>.</summary>
    public Task<YotiSession> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/sessions/" + RequireValidId(sessionId), async (response, ct) =>
        {
            byte[] body = await ReadBodyAsync(response, ct).ConfigureAwait(false);
            return SessionParser.Parse(body);
        }, cancellationToken);

    /// <summary>
    /// GET /sessions/{sessionId}/media/{mediaId}/content into memory; null for 204 No Content (the media exists
    /// but has nothing to return). Ids must already be validated. For large media prefer streaming with SendAsync.
    /// </summary>
    public Task<YotiMediaContent?> GetMediaContentAsync(string sessionId, string mediaId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, MediaContentPath(sessionId, mediaId), async (response, ct) =>
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            byte[] body = await ReadBodyAsync(response, ct).ConfigureAwait(false);
            return (YotiMediaContent?)new YotiMediaContent(sessionId, mediaId, response.Content.Headers.ContentType?.ToString(), body);
        }, cancellationToken);

    /// <summary>The endpoint of a media item's content; both ids are validated.</summary>
    public static string MediaContentPath(string sessionId, string mediaId) =>
        "/sessions/" + RequireValidId(sessionId) + "/media/" + RequireValidId(mediaId) + "/content";

    /// <summary>
    /// Sends a signed request and hands a successful (2xx) response to <paramref name="readSuccess"/>.
    /// When reading fails with an I/O error or invalid data (a truncated body), the whole attempt is retried.
    /// </summary>
    public Task<T> SendAsync<T>(HttpMethod method, string endpoint, Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess, CancellationToken cancellationToken) =>
        SendAsync(method, endpoint, () => BuildSignedRequest(method, endpoint), readSuccess, cancellationToken);

    /// <summary>
    /// GET of a public JSON Web Key Set at an absolute URL (unsigned: key sets are public, and a signature
    /// made for the API must not travel to another path), with the retries and timeout of every request and a
    /// bounded body. The caller decides that the URL may be fetched at all (Proof.KeyOrigin).
    /// </summary>
    public Task<byte[]> GetKeySetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url.AbsoluteUri, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", "application/json, application/jwk-set+json");
            return request;
        }, (response, ct) => ReadBoundedBodyAsync(response, MaxKeySetBytes, ct), cancellationToken);

    /// <summary>The largest key set accepted (a real one is well under 4 KB).</summary>
    public const int MaxKeySetBytes = 256 * 1024;

    /// <summary>Reads a body of at most <paramref name="maxBytes"/>; a larger one is invalid data.</summary>
    private static async Task<byte[]> ReadBoundedBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new YotiInvalidDataException($"The response body is larger than {maxBytes} bytes.");
        }

        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using CancellationTokenRegistration abort = cancellationToken.Register(state => ((Stream)state!).Dispose(), stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new YotiInvalidDataException($"The response body is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string endpoint, Func<HttpRequestMessage> buildRequest, Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess, CancellationToken cancellationToken)
    {
        int maxAttempts = _options.MaxRetries + 1;
        for (int attempt = 1; ; attempt++)
        {
            await WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(_options.Timeout);
            YotiApiException failure;
            TimeSpan? retryAfter = null;
            try
            {
                using HttpRequestMessage request = buildRequest();
                using HttpResponseMessage response = await SharedHttpClient.Value
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);

                // netstandard2.0 cannot cancel a body read, so a timeout or Ctrl+C disposes the response instead,
                // which aborts the read: a server that stalls mid-body can never hang the command.
                using CancellationTokenRegistration abortRead = attemptCts.Token.Register(state => ((HttpResponseMessage)state!).Dispose(), response);
                int status = (int)response.StatusCode;
                if (status >= 200 && status < 300)
                {
                    T result = await ThrowIfCancelled(readSuccess(response, attemptCts.Token), attemptCts.Token).ConfigureAwait(false);
                    Trace(method, endpoint, RetryPolicy.Describe(response.StatusCode), stopwatch, attempt, maxAttempts, response.Content.Headers.ContentLength);
                    return result;
                }

                string? body = await ThrowIfCancelled(TryReadTextAsync(response), attemptCts.Token).ConfigureAwait(false);
                retryAfter = RetryPolicy.ParseRetryAfter(response);
                failure = CreateStatusFailure(method, endpoint, response.StatusCode, body, attempt, retryAfter);
                Trace(method, endpoint, RetryPolicy.Describe(response.StatusCode), stopwatch, attempt, maxAttempts, body?.Length);
                if (!RetryPolicy.IsTransientStatus(status))
                {
                    throw failure;
                }

                if (status == 429)
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
                    $"{method} {endpoint} did not complete within {_options.Timeout.TotalSeconds:0.#} s.", method.Method, endpoint, attempts: attempt, inner: ex);
                Trace(method, endpoint, "timed out", stopwatch, attempt, maxAttempts, null);
            }
            catch (YotiInvalidDataException ex)
            {
                failure = new YotiApiException(YotiFailureKind.InvalidResponse,
                    $"{method} {endpoint} returned an invalid response: {ex.Message}", method.Method, endpoint, attempts: attempt, inner: ex);
                Trace(method, endpoint, "invalid response body", stopwatch, attempt, maxAttempts, null);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is SocketException)
            {
                failure = new YotiApiException(YotiFailureKind.Network,
                    $"{method} {endpoint} failed: {Redaction.Redact(InnermostMessage(ex))}", method.Method, endpoint, attempts: attempt, inner: ex);
                Trace(method, endpoint, "connection failed (" + ex.GetType().Name + ")", stopwatch, attempt, maxAttempts, null);
            }

            if (attempt >= maxAttempts)
            {
                throw WithAttempts(failure, attempt);
            }

            TimeSpan delay = RetryPolicy.DelayFor(attempt, retryAfter, _options);
            _log?.Verbose($"Retrying {method} {endpoint} in {delay.TotalSeconds:0.##} s (attempt {attempt + 1} of {maxAttempts}).");
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

    /// <summary>Reads the whole body, failing on a body shorter than its Content-Length.</summary>
    public static Task<byte[]> ReadBodyAsync(HttpResponseMessage response) => ReadBodyAsync(response, CancellationToken.None);

    /// <summary>Reads the whole body through its stream, so that cancelling <paramref name="cancellationToken"/> stops the read.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long? expected = response.Content.Headers.ContentLength;
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using CancellationTokenRegistration abort = cancellationToken.Register(state => ((Stream)state!).Dispose(), stream);
        using var buffer = new MemoryStream(expected is long length && length > 0 && length < int.MaxValue ? (int)length : 16 * 1024);
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        if (expected.HasValue && expected.Value != buffer.Length)
        {
            throw new YotiInvalidDataException($"The response body was truncated ({buffer.Length} of {expected.Value} bytes).");
        }

        return buffer.ToArray();
    }

    private HttpRequestMessage BuildSignedRequest(HttpMethod method, string endpoint)
    {
        string nonce = Guid.NewGuid().ToString("D");
        long timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string pathAndQuery = endpoint + "?" + YotiRequestSigner.BuildAuthQuery(_connection.SdkId, nonce, timestamp);
        string digest = _connection.Signer.Sign(YotiRequestSigner.BuildStringToSign(method.Method, pathAndQuery, null));

        // Build the URI from the final string so nothing re-encodes or reorders what was signed.
        var request = new HttpRequestMessage(method, new Uri(_connection.ApiUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery, UriKind.Absolute));
        request.Headers.TryAddWithoutValidation("X-Yoti-Auth-Digest", digest);
        request.Headers.TryAddWithoutValidation("X-Yoti-SDK", "PowerShell");
        request.Headers.TryAddWithoutValidation("X-Yoti-SDK-Version", "PowerShell-" + ModuleVersion);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (_log != null)
        {
            _log.Debug($"{method} {Redaction.Redact(_connection.ApiUrl.AbsolutePath.TrimEnd('/') + pathAndQuery)} X-Yoti-Auth-Digest: {Redaction.Mask} X-Yoti-SDK: PowerShell X-Yoti-SDK-Version: PowerShell-{ModuleVersion}");
        }

        return request;
    }

    private void Trace(HttpMethod method, string endpoint, string outcome, Stopwatch stopwatch, int attempt, int maxAttempts, long? bytes)
    {
        _log?.Verbose($"{method} {endpoint} -> {outcome} in {stopwatch.ElapsedMilliseconds} ms"
            + (bytes.HasValue ? $", {bytes.Value} bytes" : string.Empty)
            + (maxAttempts > 1 ? $" (attempt {attempt} of {maxAttempts})" : string.Empty));
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

    private static YotiApiException CreateStatusFailure(HttpMethod method, string endpoint, HttpStatusCode statusCode, string? body, int attempt, TimeSpan? retryAfter)
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
        text.Append(method.Method).Append(' ').Append(endpoint).Append(" failed: ").Append(RetryPolicy.Describe(statusCode));
        if (code != null || message != null)
        {
            text.Append(" (").Append(code ?? "no code");
            if (message != null)
            {
                text.Append(" - ").Append(message);
            }

            text.Append(')');
        }

        return new YotiApiException(kind, Redaction.Redact(text.ToString()), method.Method, endpoint, status, code,
            message is null ? null : Redaction.Redact(message), Redaction.RedactBody(body), attempt, retryAfter);
    }

    /// <summary>Reads Yoti's error body (code, message, errors[]); anything else (HTML from a proxy) gives nulls.</summary>
    internal static (string? Code, string? Message) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body!);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = root.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? message = root.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var details = new StringBuilder(message ?? string.Empty);
                foreach (JsonElement error in errors.EnumerateArray())
                {
                    if (error.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    string? property = error.TryGetProperty("property", out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                    string? errorMessage = error.TryGetProperty("message", out JsonElement em) && em.ValueKind == JsonValueKind.String ? em.GetString() : null;
                    details.Append(details.Length == 0 ? string.Empty : "; ").Append(property).Append(property is null ? string.Empty : " ").Append('"').Append(errorMessage).Append('"');
                }

                message = details.Length == 0 ? null : details.ToString();
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static async Task<string?> TryReadTextAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
        {
            return null;
        }
    }

    private static YotiApiException WithAttempts(YotiApiException failure, int attempts) =>
        failure.Attempts == attempts
            ? failure
            : new YotiApiException(failure.Kind, failure.Message, failure.Method, failure.RequestPath, failure.StatusCode,
                failure.YotiErrorCode, failure.YotiMessage, failure.ResponseBody, attempts, failure.RetryAfter, failure.InnerException);

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException != null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    private static string RequireValidId(string id) =>
        YotiId.Normalize(id, out string? reason) ?? throw new ArgumentException($"Invalid id '{YotiId.ForDisplay(id)}': {reason}.", nameof(id));

    private static HttpClient CreateHttpClient()
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
        var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "YotiIdv/" + ModuleVersion);
        return client;
    }
}
