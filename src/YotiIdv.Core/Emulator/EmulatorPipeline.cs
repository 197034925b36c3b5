using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Emulator.Routes;
using YotiIdv.Signing;

namespace YotiIdv.Emulator;

/// <summary>
/// What happens to one parsed request, in the order documented on <see cref="YotiIdvFault"/>: latency and dropped
/// connections, the base path, the rate limiter, signature verification, response-replacing faults, the route, then
/// delivery faults. Every request is recorded in the request log with the status it got.
/// </summary>
internal sealed class EmulatorPipeline
{
    private readonly YotiIdvEmulatorOptions _options;
    private readonly string _basePath;
    private readonly RequestAuthenticator _authenticator;
    private readonly YotiSignatureVerifier _publicRouteVerifier;
    private readonly TokenBucketRateLimiter? _rateLimiter;
    private readonly EmulatorFaults _faults;
    private readonly EmulatorRouter _router;
    private readonly EmulatorDataStore _data;
    private readonly YotiIdvEmulatorStats _stats;
    private readonly EmulatorRequestLog _log;
    private EmulatorReportSigner? _reportSigner;
    private Uri _baseUri = new Uri("http://127.0.0.1/");

    public EmulatorPipeline(YotiIdvEmulatorOptions options, string basePath, RequestAuthenticator authenticator, YotiSignatureVerifier publicRouteVerifier,
        EmulatorFaults faults, EmulatorRouter router, EmulatorDataStore data, YotiIdvEmulatorStats stats, EmulatorRequestLog log)
    {
        _options = options;
        _basePath = basePath;
        _authenticator = authenticator;
        _publicRouteVerifier = publicRouteVerifier;
        _rateLimiter = options.RateLimitPerSecond > 0 ? new TokenBucketRateLimiter(options.RateLimitPerSecond) : null;
        _faults = faults;
        _router = router;
        _data = data;
        _stats = stats;
        _log = log;
    }

    /// <summary>Set once the emulator listens: the report signer of its data folder and its base URL.</summary>
    public void Configure(EmulatorReportSigner? reportSigner, Uri baseUri)
    {
        _reportSigner = reportSigner;
        _baseUri = baseUri;
    }

    /// <summary>Answers one request; returns whether to keep the connection.</summary>
    public async Task<bool> HandleAsync(EmulatorHttpRequest request, Stream stream, bool keepAlive, CancellationToken token)
    {
        _stats.CountReceived();
        bool headOnly = request.Method == "HEAD";
        string? relativeTarget = GetRelativeTarget(request.Target);
        string path = relativeTarget is null ? request.Path : StripQuery(relativeTarget);
        IReadOnlyDictionary<string, string> query = EmulatorQuery.Parse(request.Query);
        var entry = new YotiIdvEmulatorRequest(DateTimeOffset.UtcNow, request.Method, path, EmulatorQuery.WithoutSigningParameters(query), request.Target, request.GetHeader("X-Yoti-Auth-Digest"));
        _log.Add(entry);

        if (_options.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(_options.AddedLatency, token).ConfigureAwait(false);
        }

        YotiIdvFault? latency = Take(entry, YotiIdvFaultKind.Latency, null);
        if (latency != null)
        {
            await Task.Delay(latency.Delay, token).ConfigureAwait(false);
        }

        if (Take(entry, YotiIdvFaultKind.DropConnection, null) != null)
        {
            return false; // the caller closes the socket without a response
        }

        if (relativeTarget is null)
        {
            _stats.CountServed();
            return await AnswerAsync(entry, stream, NoSuchEndpoint(), keepAlive, headOnly, token).ConfigureAwait(false);
        }

        if (_rateLimiter != null && !_rateLimiter.TryTake())
        {
            _stats.CountRateLimited();
            var limited = EmulatorHttpResponse.Error(429, YotiIdvEmulatorErrorCodes.TooManyRequests, "Too many requests.");
            limited.Headers.Add(new KeyValuePair<string, string>("Retry-After", "1"));
            return await AnswerAsync(entry, stream, limited, keepAlive, headOnly, token).ConfigureAwait(false);
        }

        EmulatorRoute? route = _router.Match(request.Method, path, out Dictionary<string, string> values);
        EmulatorHttpResponse? rejection = Authenticate(request, relativeTarget, route, entry);
        if (rejection != null)
        {
            _stats.CountRejected();
            return await AnswerAsync(entry, stream, rejection, keepAlive, headOnly, token).ConfigureAwait(false);
        }

        YotiIdvFault? replace = Take(entry, YotiIdvFaultKind.Status, YotiIdvFaultKind.MalformedBody);
        if (replace != null)
        {
            return await AnswerAsync(entry, stream, EmulatorFaults.BuildResponse(replace), keepAlive, headOnly, token).ConfigureAwait(false);
        }

        _stats.CountServed();
        EmulatorHttpResponse response;
        try
        {
            response = route is null ? NoSuchEndpoint() : route.Handle(new EmulatorRouteContext(request, values, query, _data, _reportSigner, _baseUri));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            // An emulator bug or an unreadable media file: answer like a server error instead of dropping the connection.
            response = EmulatorHttpResponse.Error(500, YotiIdvEmulatorErrorCodes.InternalError, "Emulator error: " + ex.GetType().Name + ": " + ex.Message);
        }

        YotiIdvFault? delivery = Take(entry, YotiIdvFaultKind.TruncateBody, YotiIdvFaultKind.Slow);
        entry.StatusCode = response.StatusCode;
        if (delivery?.Kind == YotiIdvFaultKind.TruncateBody)
        {
            await EmulatorResponseWriter.WriteTruncatedAsync(stream, response, delivery.TruncateAfterBytes, token).ConfigureAwait(false);
            return false;
        }

        if (delivery?.Kind == YotiIdvFaultKind.Slow)
        {
            await EmulatorResponseWriter.WriteSlowAsync(stream, response, delivery, keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        await EmulatorResponseWriter.WriteAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
        return keepAlive;
    }

    /// <summary>
    /// Null when the request may go on. Signed routes go through the full check (SDK id, timestamp, signature, nonce);
    /// public routes accept no signature, but one that is sent must verify.
    /// </summary>
    private EmulatorHttpResponse? Authenticate(EmulatorHttpRequest request, string relativeTarget, EmulatorRoute? route, YotiIdvEmulatorRequest entry)
    {
        if (route is null || route.RequiresSignature)
        {
            EmulatorHttpResponse? rejection = _authenticator.Check(request, relativeTarget, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            entry.Signed = rejection is null;
            return rejection;
        }

        string? digest = request.GetHeader("X-Yoti-Auth-Digest");
        if (string.IsNullOrEmpty(digest))
        {
            return null;
        }

        if (!_publicRouteVerifier.Verify(YotiRequestSigner.BuildStringToSign(request.Method, relativeTarget, request.Body), digest))
        {
            return EmulatorHttpResponse.Error(401, YotiIdvEmulatorErrorCodes.InvalidSignature, "Unable to verify the request signature.");
        }

        entry.Signed = true;
        return null;
    }

    private YotiIdvFault? Take(YotiIdvEmulatorRequest entry, YotiIdvFaultKind kind, YotiIdvFaultKind? otherKind)
    {
        YotiIdvFault? fault = _faults.Take(kind, otherKind, entry.Method, entry.Path);
        if (fault != null)
        {
            entry.Fault = entry.Fault is null ? fault.ToString() : entry.Fault + "; " + fault;
        }

        return fault;
    }

    private static async Task<bool> AnswerAsync(YotiIdvEmulatorRequest entry, Stream stream, EmulatorHttpResponse response, bool keepAlive, bool headOnly, CancellationToken token)
    {
        entry.StatusCode = response.StatusCode;
        await EmulatorResponseWriter.WriteAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
        return keepAlive;
    }

    private static EmulatorHttpResponse NoSuchEndpoint() => EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.NotFound, "No such endpoint.");

    /// <summary>The target after the base path (what is signed), or null when the target is outside the base path.</summary>
    private string? GetRelativeTarget(string target)
    {
        if (!target.StartsWith(_basePath, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = target.Substring(_basePath.Length);
        return rest.Length > 0 && rest[0] == '/' ? rest : null;
    }

    private static string StripQuery(string target)
    {
        int query = target.IndexOf('?');
        return query < 0 ? target : target.Substring(0, query);
    }
}

/// <summary>Query strings as the routes and the request log see them.</summary>
internal static class EmulatorQuery
{
    private static readonly HashSet<string> SigningParameters = new HashSet<string>(StringComparer.Ordinal) { "sdkId", "sdkID", "nonce", "timestamp" };

    /// <summary>Percent-decoded name/value pairs; the first occurrence of a name wins; malformed escapes are kept as sent.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
            if (!result.ContainsKey(name))
            {
                result.Add(name, equals < 0 ? string.Empty : Decode(pair.Substring(equals + 1)));
            }
        }

        return result;
    }

    public static IReadOnlyDictionary<string, string> WithoutSigningParameters(IReadOnlyDictionary<string, string> query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in query)
        {
            if (!SigningParameters.Contains(pair.Key))
            {
                result.Add(pair.Key, pair.Value);
            }
        }

        return result;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
