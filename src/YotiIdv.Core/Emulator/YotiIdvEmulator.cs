using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Model;
using YotiIdv.Signing;

namespace YotiIdv.Emulator;

/// <summary>
/// TEST-ONLY local emulator of the Yoti IDV retrieval API: a small HTTP/1.1 server on 127.0.0.1 that verifies
/// signed requests exactly as Yoti does and serves session results and media from a data folder.
/// </summary>
/// <remarks>
/// <para>Endpoints (relative to <see cref="BaseUri"/>): <c>GET /sessions/{id}</c> (200 JSON, exact file bytes),
/// <c>GET /sessions/{id}/media/{mediaId}/content</c> (200 content or 204), <c>DELETE /sessions/{id}</c> (204, in memory),
/// <c>DELETE /sessions/{id}/media/{mediaId}/content</c> (204; later downloads answer 404). Anything else: 404.</para>
/// <para>Authentication failures answer 401 with a code from <see cref="YotiIdvEmulatorErrorCodes"/>. For the data folder
/// layout see <see cref="YotiIdvEmulatorOptions"/>; for the fault order see <see cref="YotiIdvFault"/>.</para>
/// </remarks>
public sealed class YotiIdvEmulator : IDisposable
{
    private static readonly byte[] MalformedHtml = Encoding.UTF8.GetBytes("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(2);

    private readonly YotiIdvEmulatorOptions _options;
    private readonly string _basePath;
    private readonly TcpListener _listener;
    private readonly RequestAuthenticator _authenticator;
    private readonly EmulatorDataStore _data = new EmulatorDataStore();
    private readonly EmulatorRequestLog _requestLog = new EmulatorRequestLog();
    private readonly TokenBucketRateLimiter? _rateLimiter;
    private readonly Random _faultRandom;
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private readonly ConcurrentDictionary<long, TcpClient> _connections = new ConcurrentDictionary<long, TcpClient>();
    private readonly object _faultsLock = new object();
    private volatile YotiIdvFault[] _faults = Array.Empty<YotiIdvFault>();
    private long _nextConnectionId;
    private int _stopped;
    private Task _acceptLoop = Task.CompletedTask;
    private EmulatorReportSigner? _reportSigner; // TEST-ONLY report proofs (EmulatorReportSigner.cs)

    private YotiIdvEmulator(YotiIdvEmulatorOptions options, string sdkId, string publicKeyPem)
    {
        _options = options;
        _basePath = NormaliseBasePath(options.BasePath);
        SdkId = sdkId;
        DataPath = options.DataPath is null ? null : Path.GetFullPath(options.DataPath);
        _authenticator = new RequestAuthenticator(PemKeyReader.ReadPublicKey(publicKeyPem), sdkId, options.TimestampTolerance);
        _rateLimiter = options.RateLimitPerSecond > 0 ? new TokenBucketRateLimiter(options.RateLimitPerSecond) : null;
        _faultRandom = options.RandomSeed is null ? new Random() : new Random(options.RandomSeed.Value);
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
    }

    /// <summary>Base URL to give clients, e.g. <c>http://127.0.0.1:53123/idverify/v1</c> (no trailing slash).</summary>
    public Uri BaseUri { get; private set; } = null!;

    public int Port { get; private set; }

    public string SdkId { get; }

    /// <summary>Full path of the data folder, or null when the emulator runs without one.</summary>
    public string? DataPath { get; }

    public bool IsRunning => Volatile.Read(ref _stopped) == 0;

    public YotiIdvEmulatorStats Stats { get; } = new YotiIdvEmulatorStats();

    /// <summary>
    /// The last requests received (at most 10,000), oldest first, with their nonces and digests as sent: tests use
    /// them to count requests per id and to look for those exact secrets in a command's output.
    /// </summary>
    public IReadOnlyList<YotiIdvEmulatorRequest> RecentRequests => _requestLog.Snapshot();

    /// <summary>Forgets <see cref="RecentRequests"/>.</summary>
    public void ClearRecentRequests() => _requestLog.Clear();

    /// <summary>Ids of the sessions currently served.</summary>
    public IReadOnlyCollection<string> SessionIds => _data.SessionIds.ToYotiList(); // a readable CSV cell, not a .NET type name

    /// <summary>The faults currently active, in evaluation order.</summary>
    public IReadOnlyList<YotiIdvFault> Faults => _faults.ToYotiList();

    /// <summary>
    /// Loads the data folder, binds 127.0.0.1 and starts serving. Throws <see cref="ArgumentException"/> for missing
    /// SDK id or key, <see cref="InvalidDataException"/> for bad session files, <see cref="SocketException"/> when the port is taken.
    /// </summary>
    public static YotiIdvEmulator Start(YotiIdvEmulatorOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.Port < 0 || options.Port > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be between 0 and 65535.");
        }

        if (options.TimestampTolerance <= TimeSpan.Zero || options.AddedLatency < TimeSpan.Zero ||
            options.IdleConnectionTimeout <= TimeSpan.Zero || options.IdleConnectionTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("TimestampTolerance and IdleConnectionTimeout must be positive and AddedLatency not negative.", nameof(options));
        }

        string sdkId = options.SdkId ?? ReadDataFile(options.DataPath, "sdk-id.txt")?.Trim()
            ?? throw new ArgumentException("SdkId is required (or a keys/sdk-id.txt file in DataPath).", nameof(options));
        string publicKeyPem = options.PublicKeyPem ?? ReadDataFile(options.DataPath, "test-only-public-key.pem")
            ?? throw new ArgumentException("PublicKeyPem is required (or a keys/test-only-public-key.pem file in DataPath).", nameof(options));

        var emulator = new YotiIdvEmulator(options, sdkId, publicKeyPem);
        try
        {
            emulator._data.Load(emulator.DataPath);
            emulator._reportSigner = EmulatorReportSigner.FromJwk(ReadDataFile(options.DataPath, EmulatorReportSigner.KeyFileName));
            emulator.Listen();
            return emulator;
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>Re-reads the data folder; in-memory deletions and additions are discarded. A bad file leaves the data unchanged.</summary>
    public void Reload() => _data.Load(DataPath);

    /// <summary>Serves a session from JSON (memory only, until <see cref="Reload"/>); returns its <c>session_id</c>.</summary>
    public string AddSession(string json) => _data.AddSession(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>
    /// Serves media content (memory only) for every session whose JSON mentions <paramref name="mediaId"/>.
    /// Null <paramref name="content"/> makes it answer 204.
    /// </summary>
    public void AddMedia(string mediaId, byte[]? content, string? contentType = null) =>
        _data.AddMedia(mediaId ?? throw new ArgumentNullException(nameof(mediaId)), content, contentType);

    /// <summary>Activates a fault (thread-safe; applies to requests that start after this call). Returns the same object.</summary>
    public YotiIdvFault AddFault(YotiIdvFault fault)
    {
        if (fault is null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        lock (_faultsLock)
        {
            if (Array.IndexOf(_faults, fault) >= 0)
            {
                throw new InvalidOperationException("This fault is already active.");
            }

            fault.Activate(_faultRandom);
            var copy = new YotiIdvFault[_faults.Length + 1];
            _faults.CopyTo(copy, 0);
            copy[copy.Length - 1] = fault;
            _faults = copy;
        }

        return fault;
    }

    public bool RemoveFault(YotiIdvFault fault)
    {
        lock (_faultsLock)
        {
            var list = new List<YotiIdvFault>(_faults);
            bool removed = list.Remove(fault);
            _faults = list.ToArray();
            return removed;
        }
    }

    public void ClearFaults()
    {
        lock (_faultsLock)
        {
            _faults = Array.Empty<YotiIdvFault>();
        }
    }

    /// <summary>Closes the listener and every connection, waits briefly for handlers to finish. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        foreach (TcpClient client in _connections.Values)
        {
            CloseQuietly(client);
        }

        // Handlers notice the closed sockets and cancelled delays at once; the wait only bounds pathological cases.
        var deadline = DateTime.UtcNow + StopGracePeriod;
        try
        {
            _acceptLoop.Wait(StopGracePeriod);
        }
        catch (AggregateException)
        {
        }

        while (!_connections.IsEmpty && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        _authenticator.Dispose();
    }

    public void Dispose() => Stop();

    public override string ToString() => $"YotiIdvEmulator {BaseUri} ({(IsRunning ? "running" : "stopped")}, {_data.SessionCount} sessions)";

    private static string? ReadDataFile(string? dataPath, string name)
    {
        string? path = dataPath is null ? null : Path.Combine(dataPath, "keys", name);
        return path != null && File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string NormaliseBasePath(string? basePath)
    {
        string path = (basePath ?? string.Empty).Trim().TrimEnd('/');
        if (path.IndexOfAny(new[] { '?', '#', ' ' }) >= 0)
        {
            throw new ArgumentException($"BasePath '{basePath}' must be a plain path.", nameof(basePath));
        }

        return path.Length == 0 || path[0] == '/' ? path : "/" + path;
    }

    private void Listen()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + _basePath, UriKind.Absolute);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue; // a client that reset while being accepted
            }

            long id = Interlocked.Increment(ref _nextConnectionId);
            _connections[id] = client;
            if (_stopping.IsCancellationRequested)
            {
                // Stop ran between accept and registration: it did not see this client.
                _connections.TryRemove(id, out _);
                CloseQuietly(client);
                return;
            }

            _ = Task.Run(() => HandleConnectionAsync(id, client));
        }
    }

    private async Task HandleConnectionAsync(long id, TcpClient client)
    {
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);

        // Closing the socket is what reliably aborts pending reads and writes on every runtime.
        using CancellationTokenRegistration closeOnCancel = connectionCts.Token.Register(() => CloseQuietly(client));
        CancellationToken token = connectionCts.Token;
        try
        {
            client.NoDelay = true;
            NetworkStream stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            while (true)
            {
                connectionCts.CancelAfter(_options.IdleConnectionTimeout);
                EmulatorHttpRequest? request;
                try
                {
                    request = await reader.ReadAsync(token).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex)
                {
                    var bad = EmulatorHttpResponse.Error(400, YotiIdvEmulatorErrorCodes.BadRequest, ex.Message);
                    await WriteAsync(stream, bad, keepAlive: false, headOnly: false, token).ConfigureAwait(false);
                    return;
                }

                if (request is null)
                {
                    return;
                }

                connectionCts.CancelAfter(Timeout.Infinite);
                if (!await HandleRequestAsync(request, stream, token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
        {
            // Client went away, idle timeout, or Stop: nothing to answer.
        }
        catch (Exception ex)
        {
            // A bug in the emulator must not take the process down (this runs on an unobserved task).
            System.Diagnostics.Trace.TraceError("YotiIdvEmulator connection failed: " + ex);
        }
        finally
        {
            _connections.TryRemove(id, out _);
            CloseQuietly(client);
        }
    }

    /// <summary>Runs one request through the pipeline documented on <see cref="YotiIdvFault"/>; returns whether to keep the connection.</summary>
    private async Task<bool> HandleRequestAsync(EmulatorHttpRequest request, NetworkStream stream, CancellationToken token)
    {
        Stats.CountReceived();
        _requestLog.Add(new YotiIdvEmulatorRequest(DateTimeOffset.UtcNow, request.Method, request.Target, request.GetHeader("X-Yoti-Auth-Digest")));
        bool keepAlive = request.KeepAlive && !_stopping.IsCancellationRequested;
        bool headOnly = request.Method == "HEAD";

        if (_options.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(_options.AddedLatency, token).ConfigureAwait(false);
        }

        string? relativeTarget = GetRelativeTarget(request.Target);
        string faultPath = relativeTarget is null ? request.Path : StripQuery(relativeTarget);

        YotiIdvFault? latency = TakeFault(YotiIdvFaultKind.Latency, null, request.Method, faultPath);
        if (latency != null)
        {
            await Task.Delay(latency.Delay, token).ConfigureAwait(false);
        }

        if (TakeFault(YotiIdvFaultKind.DropConnection, null, request.Method, faultPath) != null)
        {
            return false; // the caller closes the socket without a response
        }

        EmulatorHttpResponse response;
        if (relativeTarget is null)
        {
            Stats.CountServed();
            response = EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.NotFound, "No such endpoint.");
            await WriteAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        if (_rateLimiter != null && !_rateLimiter.TryTake())
        {
            Stats.CountRateLimited();
            response = EmulatorHttpResponse.Error(429, YotiIdvEmulatorErrorCodes.TooManyRequests, "Too many requests.");
            response.Headers.Add(new KeyValuePair<string, string>("Retry-After", "1"));
            await WriteAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        // Key sets are public: served before authentication, as Yoti serves them.
        if (_reportSigner?.ServeKeySet(request.Method, faultPath) is EmulatorHttpResponse keySet)
        {
            Stats.CountServed();
            await WriteAsync(stream, keySet, keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        EmulatorHttpResponse? rejection = _authenticator.Check(request, relativeTarget, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (rejection != null)
        {
            Stats.CountRejected();
            await WriteAsync(stream, rejection, keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        YotiIdvFault? replace = TakeFault(YotiIdvFaultKind.Status, YotiIdvFaultKind.MalformedBody, request.Method, faultPath);
        if (replace != null)
        {
            await WriteAsync(stream, BuildFaultResponse(replace), keepAlive, headOnly, token).ConfigureAwait(false);
            return keepAlive;
        }

        Stats.CountServed();
        try
        {
            response = Route(request.Method, faultPath);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            // An emulator bug or an unreadable media file: answer like a server error instead of dropping the connection.
            response = EmulatorHttpResponse.Error(500, YotiIdvEmulatorErrorCodes.InternalError, "Emulator error: " + ex.GetType().Name + ": " + ex.Message);
        }

        YotiIdvFault? delivery = TakeFault(YotiIdvFaultKind.TruncateBody, YotiIdvFaultKind.Slow, request.Method, faultPath);
        if (delivery != null)
        {
            response.Buffer();
        }
        if (delivery?.Kind == YotiIdvFaultKind.TruncateBody)
        {
            int sent = Math.Min(response.Body.Length, delivery.TruncateAfterBytes ?? (response.Body.Length / 2));
            byte[] truncatedHead = response.BuildHead(keepAlive: false);
            await stream.WriteAsync(truncatedHead, 0, truncatedHead.Length, token).ConfigureAwait(false);
            await stream.WriteAsync(response.Body, 0, sent, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
            return false;
        }

        if (delivery?.Kind == YotiIdvFaultKind.Slow)
        {
            byte[] head = response.BuildHead(keepAlive);
            await stream.WriteAsync(head, 0, head.Length, token).ConfigureAwait(false);
            for (int offset = 0; !headOnly && offset < response.Body.Length; offset += delivery.ChunkSize)
            {
                await Task.Delay(delivery.Delay, token).ConfigureAwait(false);
                await stream.WriteAsync(response.Body, offset, Math.Min(delivery.ChunkSize, response.Body.Length - offset), token).ConfigureAwait(false);
            }

            return keepAlive;
        }

        await WriteAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
        return keepAlive;
    }

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

    private EmulatorHttpResponse Route(string method, string path)
    {
        // "/sessions/{id}" splits into ["", "sessions", id]; media adds ["media", mediaId, "content"].
        string[] segments = path.Split('/');
        bool isSession = segments.Length == 3 && segments[1] == "sessions" && segments[2].Length > 0;
        bool isMedia = segments.Length == 6 && segments[1] == "sessions" && segments[2].Length > 0 && segments[3] == "media" && segments[4].Length > 0 && segments[5] == "content";

        if (isSession && (method == "GET" || method == "HEAD"))
        {
            byte[]? json = _data.GetSessionJson(segments[2]);
            return json is null ? SessionNotFound() : EmulatorHttpResponse.Json(200, json);
        }

        if (isSession && method == "DELETE")
        {
            return _data.DeleteSession(segments[2]) ? EmulatorHttpResponse.NoContent() : SessionNotFound();
        }

        if (isMedia && (method == "GET" || method == "HEAD"))
        {
            MediaItem? item = _data.GetMedia(segments[2], segments[4], out bool sessionFound);
            if (item?.IsNoContent == true)
            {
                return EmulatorHttpResponse.NoContent();
            }

            if (item?.FilePath is string file && File.Exists(file))
            {
                if (SignedReport(item) is byte[] signed)
                {
                    return new EmulatorHttpResponse(200, signed, item.ContentType);
                }

                return new EmulatorHttpResponse(200, file, item.ContentType);
            }

            byte[]? content = item?.ReadContent();
            if (content != null)
            {
                return new EmulatorHttpResponse(200, content, item!.ContentType);
            }

            return sessionFound ? MediaNotFound() : SessionNotFound();
        }

        if (isMedia && method == "DELETE")
        {
            return _data.DeleteMedia(segments[2], segments[4], out bool sessionFound) ? EmulatorHttpResponse.NoContent()
                : sessionFound ? MediaNotFound() : SessionNotFound();
        }

        return EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.NotFound, "No such endpoint.");
    }

    /// <summary>A sample report file (JSON with a proof object) signed for this emulator; null for other media.</summary>
    private byte[]? SignedReport(MediaItem item) =>
        _reportSigner != null && item.FilePath is string file && item.ContentType == EmulatorHttpResponse.JsonContentType
            ? _reportSigner.TrySign(File.ReadAllBytes(file), BaseUri)
            : null;

    /// <summary>
    /// The media content a GET answers for the session, or null (404 or 204): a data-folder report comes signed by
    /// the TEST-ONLY report key for this emulator's origin, so its bytes differ from the file's.
    /// </summary>
    public byte[]? GetServedMedia(string sessionId, string mediaId)
    {
        MediaItem? item = _data.GetMedia(sessionId, mediaId, out _);
        return item is null || item.IsNoContent ? null : SignedReport(item) ?? item.ReadContent();
    }

    private static EmulatorHttpResponse SessionNotFound() => EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.SessionNotFound, "Session not found");

    private static EmulatorHttpResponse MediaNotFound() => EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.MediaNotFound, "Media not found");

    private static EmulatorHttpResponse BuildFaultResponse(YotiIdvFault fault)
    {
        if (fault.Kind == YotiIdvFaultKind.MalformedBody)
        {
            byte[] body = fault.Body is null ? MalformedHtml : Encoding.UTF8.GetBytes(fault.Body);
            return new EmulatorHttpResponse(200, body, fault.ContentType ?? EmulatorHttpResponse.JsonContentType);
        }

        byte[] statusBody = fault.Body is null
            ? EmulatorHttpResponse.ErrorBody(YotiIdvEmulatorErrorCodes.InjectedFault, "Fault injected by the emulator (HTTP " + fault.StatusCode.ToString(CultureInfo.InvariantCulture) + ").")
            : Encoding.UTF8.GetBytes(fault.Body);
        var response = new EmulatorHttpResponse(fault.StatusCode, statusBody, fault.ContentType ?? EmulatorHttpResponse.JsonContentType);
        if (fault.RetryAfterSeconds != null)
        {
            response.Headers.Add(new KeyValuePair<string, string>("Retry-After", fault.RetryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return response;
    }

    /// <summary>First active fault of the given kind(s) that matches and applies (its count is consumed).</summary>
    private YotiIdvFault? TakeFault(YotiIdvFaultKind kind, YotiIdvFaultKind? otherKind, string method, string path)
    {
        foreach (YotiIdvFault fault in _faults)
        {
            if ((fault.Kind == kind || fault.Kind == otherKind) && fault.Matches(method, path) && fault.TryApply())
            {
                Stats.CountFault();
                return fault;
            }
        }

        return null;
    }

    private static async Task WriteAsync(NetworkStream stream, EmulatorHttpResponse response, bool keepAlive, bool headOnly, CancellationToken token)
    {
        if (response.BodyFile != null)
        {
            await WriteFileAsync(stream, response, keepAlive, headOnly, token).ConfigureAwait(false);
            return;
        }

        // One write per response keeps small responses in one TCP segment.
        byte[] head = response.BuildHead(keepAlive);
        int bodyLength = headOnly ? 0 : response.Body.Length;
        var buffer = new byte[head.Length + bodyLength];
        Buffer.BlockCopy(head, 0, buffer, 0, head.Length);
        Buffer.BlockCopy(response.Body, 0, buffer, head.Length, bodyLength);
        await stream.WriteAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
    }

    /// <summary>Streams a media file: the head with the file's length, then the file in 80 KB chunks, never whole in memory.</summary>
    private static async Task WriteFileAsync(NetworkStream stream, EmulatorHttpResponse response, bool keepAlive, bool headOnly, CancellationToken token)
    {
        using var file = new FileStream(response.BodyFile!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        long length = file.Length;
        byte[] head = response.BuildHead(keepAlive, length);
        await stream.WriteAsync(head, 0, head.Length, token).ConfigureAwait(false);
        if (headOnly)
        {
            return;
        }

        var buffer = new byte[81920];
        long remaining = length;
        while (remaining > 0)
        {
            int read = await file.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The media file shrank while it was being sent.");
            }

            await stream.WriteAsync(buffer, 0, read, token).ConfigureAwait(false);
            remaining -= read;
        }
    }

    private static void CloseQuietly(TcpClient client)
    {
        try
        {
            client.Close();
        }
        catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
        {
        }
    }
}
