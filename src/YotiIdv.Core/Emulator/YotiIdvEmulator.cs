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
/// <para>This class is the lifecycle (start, accept loop, connections, stop) and the public API for tests. Each
/// endpoint is one small route in <c>Routes/</c> behind <see cref="Routes.EmulatorRouter"/>; what happens to a request
/// (faults, rate limit, signature, route) is <see cref="EmulatorPipeline"/>; the data is <see cref="EmulatorDataStore"/>.</para>
/// <para>Endpoints (relative to <see cref="BaseUri"/>, spec section 3): <c>GET|DELETE /sessions/{id}</c>,
/// <c>GET|DELETE /sessions/{id}/media/{mediaId}/content</c>, <c>GET /sessions/{id}/configuration</c>,
/// <c>GET|DELETE /sessions/{id}/tracked-devices</c>, <c>GET /supported-documents</c>. Deletions are remembered (404
/// afterwards) until <see cref="Reload"/>. Anything else: 404.</para>
/// <para>Authentication failures answer 401 with a code from <see cref="YotiIdvEmulatorErrorCodes"/>. For the data folder
/// layout see <see cref="YotiIdvEmulatorOptions"/>; for the fault order see <see cref="YotiIdvFault"/>.</para>
/// </remarks>
public sealed class YotiIdvEmulator : IDisposable
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(2);

    private readonly YotiIdvEmulatorOptions _options;
    private readonly string _basePath;
    private readonly TcpListener _listener;
    private readonly RequestAuthenticator _authenticator;
    private readonly YotiSignatureVerifier _publicRouteVerifier;
    private readonly EmulatorDataStore _data = new EmulatorDataStore();
    private readonly EmulatorFaults _faults;
    private readonly EmulatorRequestLog _requestLog = new EmulatorRequestLog();
    private readonly EmulatorPipeline _pipeline;
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private readonly ConcurrentDictionary<long, TcpClient> _connections = new ConcurrentDictionary<long, TcpClient>();
    private long _nextConnectionId;
    private int _stopped;
    private Task _acceptLoop = Task.CompletedTask;
    private EmulatorReportSigner? _reportSigner; // TEST-ONLY report proofs (EmulatorReportSigner.cs)
    private EmulatorNotificationSender? _notifications; // Yoti-like webhook POSTs (EmulatorNotificationSender.cs)

    private YotiIdvEmulator(YotiIdvEmulatorOptions options, string sdkId, string publicKeyPem)
    {
        _options = options;
        _basePath = NormaliseBasePath(options.BasePath);
        SdkId = sdkId;
        DataPath = options.DataPath is null ? null : Path.GetFullPath(options.DataPath);
        _authenticator = new RequestAuthenticator(PemKeyReader.ReadPublicKey(publicKeyPem), sdkId, options.TimestampTolerance);
        _publicRouteVerifier = YotiSignatureVerifier.FromPem(publicKeyPem);
        _faults = new EmulatorFaults(options.RandomSeed is null ? new Random() : new Random(options.RandomSeed.Value), Stats);
        _pipeline = new EmulatorPipeline(options, _basePath, _authenticator, _publicRouteVerifier, _faults, Routes.EmulatorRouter.CreateDefault(), _data, Stats, _requestLog);
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

    /// <summary>Ids of the sessions currently served.</summary>
    public IReadOnlyCollection<string> SessionIds => _data.SessionIds.ToYotiList(); // a readable CSV cell, not a .NET type name

    /// <summary>The faults currently active, in evaluation order.</summary>
    public IReadOnlyList<YotiIdvFault> Faults => _faults.Active.ToYotiList();

    /// <summary>
    /// The most recent requests (up to 10,000), oldest first, with the status each got: e.g.
    /// <c>$emulator.RequestLog | Where-Object Method -eq DELETE</c>. A snapshot; see <see cref="ClearRequestLog"/>.
    /// </summary>
    public IReadOnlyList<YotiIdvEmulatorRequest> RequestLog => _requestLog.Snapshot().ToYotiList(); // a readable CSV cell, not a .NET type name

    public void ClearRequestLog() => _requestLog.Clear();

    /// <summary>How many logged requests had this method (and a path matching the wildcard <paramref name="pathPattern"/>).</summary>
    public int CountRequests(string method, string pathPattern = "*")
    {
        int count = 0;
        foreach (YotiIdvEmulatorRequest request in _requestLog.Snapshot())
        {
            if (string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase) && WildcardPattern.IsMatch(pathPattern, request.Path))
            {
                count++;
            }
        }

        return count;
    }

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
            emulator._pipeline.Configure(emulator._reportSigner, emulator.BaseUri);
            if (options.NotificationEndpoint != null)
            {
                emulator.ConfigureNotifications(options.NotificationEndpoint, options.NotificationAuthToken!, options.NotificationAuthType, options.NotificationTopics, options.NotificationTimeout);
            }

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

    /// <summary>
    /// Sets a served session's top-level <c>state</c> (e.g. <c>COMPLETED</c>, <c>EXPIRED</c>), keeping the rest of its
    /// JSON (memory only, until <see cref="Reload"/>). Throws <see cref="KeyNotFoundException"/> for an unknown session.
    /// </summary>
    public void SetSessionState(string sessionId, string state)
    {
        if (string.IsNullOrEmpty(state))
        {
            throw new ArgumentException("The state must not be empty.", nameof(state));
        }

        string? before = _data.GetSessionState(sessionId ?? throw new ArgumentNullException(nameof(sessionId)));
        if (!_data.SetSessionState(sessionId, state))
        {
            throw new KeyNotFoundException($"The emulator serves no session '{sessionId}'.");
        }

        // Like Yoti: a change (not a repeat) of state notifies; queued, so this never waits for the endpoint.
        if (!string.Equals(before, state, StringComparison.OrdinalIgnoreCase))
        {
            _notifications?.QueueStateChange(sessionId, _data.GetSessionJson(sessionId), state);
        }
    }

    /// <summary>
    /// Makes the emulator POST notifications like Yoti (spec 3.10) to <paramref name="endpoint"/> when
    /// <see cref="SetSessionState"/> changes a session's state; replaces an earlier configuration. The token is copied
    /// and kept only as a SecureString. <paramref name="topics"/> null or empty: check, task and session completion.
    /// </summary>
    public EmulatorNotificationSender ConfigureNotifications(Uri endpoint, System.Security.SecureString token, YotiIdv.Notifications.YotiNotificationAuthType authType, IEnumerable<string>? topics = null, TimeSpan timeout = default)
    {
        var sender = new EmulatorNotificationSender(endpoint, token, authType, topics, timeout);
        Interlocked.Exchange(ref _notifications, sender)?.Dispose();
        return sender;
    }

    /// <summary>Where notifications go, or null when none are configured.</summary>
    public EmulatorNotificationSender? Notifications => _notifications;

    /// <summary>The notifications sent (or being sent), oldest first, with their outcome; empty when none are configured.</summary>
    public IReadOnlyList<YotiIdvEmulatorNotification> SentNotifications => (_notifications?.Sent ?? Array.Empty<YotiIdvEmulatorNotification>()).ToYotiList();

    /// <summary>Queues one notification of any topic for a session (e.g. <c>resource_update</c> with <c>resource_id</c>).</summary>
    public YotiIdvEmulatorNotification SendNotification(string sessionId, string topic, string? idName = null, string? id = null) =>
        (_notifications ?? throw new InvalidOperationException("No notification endpoint is configured: use ConfigureNotifications or Start-YotiIdvEmulator -NotificationEndpoint.")).Send(sessionId, topic, idName, id);

    /// <summary>Waits until every queued notification was answered or given up; false at <paramref name="timeout"/>.</summary>
    public bool WaitForNotifications(TimeSpan timeout) => _notifications?.WaitIdle(timeout) ?? true;

    /// <summary>
    /// The media content a GET answers for the session, or null (404 or 204): a data-folder report comes signed by
    /// the TEST-ONLY report key for this emulator's origin, so its bytes differ from the file's.
    /// </summary>
    public byte[]? GetServedMedia(string sessionId, string mediaId)
    {
        MediaItem? item = _data.GetMedia(sessionId, mediaId, out _);
        return item is null || item.IsNoContent ? null : Routes.GetMediaContentRoute.SignedReport(item, _reportSigner, BaseUri) ?? item.ReadContent();
    }

    /// <summary>Serves <c>GET /sessions/{id}/configuration</c> for a session from this JSON object (memory only).</summary>
    public void SetConfiguration(string sessionId, string json) =>
        _data.SetConfiguration(sessionId ?? throw new ArgumentNullException(nameof(sessionId)), Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Serves <c>GET /sessions/{id}/tracked-devices</c> for a session from this JSON array (memory only).</summary>
    public void SetTrackedDevices(string sessionId, string json) =>
        _data.SetTrackedDevices(sessionId ?? throw new ArgumentNullException(nameof(sessionId)), Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Serves <c>GET /supported-documents</c> from this JSON object (memory only).</summary>
    public void SetSupportedDocuments(string json) =>
        _data.SetSupportedDocuments(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Activates a fault (thread-safe; applies to requests that start after this call). Returns the same object.</summary>
    public YotiIdvFault AddFault(YotiIdvFault fault)
    {
        _faults.Add(fault ?? throw new ArgumentNullException(nameof(fault)));
        return fault;
    }

    public bool RemoveFault(YotiIdvFault fault) => _faults.Remove(fault);

    public void ClearFaults() => _faults.Clear();

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

        _notifications?.Dispose();
        _authenticator.Dispose();
        _publicRouteVerifier.Dispose();
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
                    await EmulatorResponseWriter.WriteAsync(stream, bad, keepAlive: false, headOnly: false, token).ConfigureAwait(false);
                    return;
                }

                if (request is null)
                {
                    return;
                }

                connectionCts.CancelAfter(Timeout.Infinite);
                bool keepAlive = request.KeepAlive && !_stopping.IsCancellationRequested;
                bool keep;
                Stats.BeginRequest();
                try
                {
                    keep = await _pipeline.HandleAsync(request, stream, keepAlive, token).ConfigureAwait(false);
                }
                finally
                {
                    Stats.EndRequest();
                }

                if (!keep)
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
