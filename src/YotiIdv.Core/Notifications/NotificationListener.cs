using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Emulator;
using YotiIdv.Http;

namespace YotiIdv.Notifications;

/// <summary>
/// The HTTP end of Receive-YotiNotification: a minimal HTTP/1.1 server (TcpListener and the emulator's
/// <see cref="HttpRequestReader"/>, so it binds port 0 in tests, needs no URL ACL and never reads more body than
/// allowed) that answers on worker threads and hands accepted notifications to one consumer through a bounded queue.
/// </summary>
/// <remarks>
/// Per request: other paths 404; other methods 405; a body above <see cref="NotificationParser.MaxBodyBytes"/> 413 before
/// it is read; no valid Authorization 401 (nothing stored); not a notification 400; queue full 503 with Retry-After;
/// otherwise the body is written to the spool (atomically, flushed to disk) and only then answered 200. A failed spool
/// write answers 500, so Yoti's notification is never acknowledged without being stored.
/// </remarks>
public sealed class NotificationListener : IDisposable
{
    private const int MaxConnections = 256;
    private const int LingerBytes = 256 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    private static readonly Regex PrefixPattern = new Regex(
        @"^(?<scheme>[A-Za-z]+)://(?<host>\[[0-9A-Fa-f:.]+\]|[^/:\[\]]+)(:(?<port>\d{1,5}))?(?<path>/[^?#]*)?$", RegexOptions.CultureInvariant);

    private readonly TcpListener _listener;
    private readonly NotificationAuthenticator _authenticator;
    private readonly NotificationSpool _spool;
    private readonly IYotiLog? _log;
    private readonly string _path;
    private readonly string _host;
    private readonly SemaphoreSlim _slots;
    private readonly BlockingCollection<SpooledNotification> _queue = new BlockingCollection<SpooledNotification>();
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private readonly ConcurrentDictionary<long, TcpClient> _connections = new ConcurrentDictionary<long, TcpClient>();

    // Connections between reading a request and writing its answer: Stop lets them finish (briefly), so that a
    // notification accepted just before -Count or -Timeout is acknowledged rather than answered with a reset.
    private readonly ConcurrentDictionary<long, byte> _answering = new ConcurrentDictionary<long, byte>();
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private long _nextConnection;
    private int _stopped;
    private Task _acceptLoop = Task.CompletedTask;

    private NotificationListener(IPAddress address, int port, string host, string path, NotificationAuthenticator authenticator, NotificationSpool spool, int queueLimit, IYotiLog? log)
    {
        _listener = new TcpListener(address, port);
        _host = host;
        _path = path;
        _authenticator = authenticator;
        _spool = spool;
        _slots = new SemaphoreSlim(queueLimit, queueLimit);
        _log = log;
    }

    /// <summary>The prefix served, with the port actually bound (when 0 was asked for).</summary>
    public Uri Prefix { get; private set; } = null!;

    /// <summary>Notifications acknowledged with 2xx (spooled), and requests refused, since the start.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public int Refused => Volatile.Read(ref _refused);

    private int _accepted;
    private int _refused;

    /// <summary>
    /// Binds <paramref name="prefix"/> (<c>http://host:port/path/</c>; host an IP address, <c>localhost</c>, or
    /// <c>+</c> / <c>*</c> for every address; port 0 picks a free one) and starts answering.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is not a plain http URL of that form.</exception>
    /// <exception cref="SocketException">The address cannot be bound (port in use, not allowed).</exception>
    public static NotificationListener Start(string prefix, NotificationAuthenticator authenticator, NotificationSpool spool, int queueLimit, IYotiLog? log)
    {
        (IPAddress address, int port, string host, string path) = ParsePrefix(prefix);
        var listener = new NotificationListener(address, port, host, path, authenticator ?? throw new ArgumentNullException(nameof(authenticator)),
            spool ?? throw new ArgumentNullException(nameof(spool)), queueLimit, log);
        listener._listener.Start();
        int bound = ((IPEndPoint)listener._listener.LocalEndpoint).Port;
        listener.Prefix = new Uri("http://" + host + ":" + bound.ToString(CultureInfo.InvariantCulture) + path);
        listener._acceptLoop = Task.Run(listener.AcceptLoopAsync);
        return listener;
    }

    /// <summary>Parses a prefix; <c>https</c> is refused with the reason (TLS comes from a proxy in front).</summary>
    public static (IPAddress Address, int Port, string Host, string Path) ParsePrefix(string prefix)
    {
        Match match = PrefixPattern.Match(prefix ?? string.Empty);
        if (!match.Success)
        {
            throw new ArgumentException($"'{prefix}' is not a listener prefix such as http://+:8080/yoti/ (scheme, host, optional port and path; no query).", nameof(prefix));
        }

        string scheme = match.Groups["scheme"].Value;
        if (scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The listener speaks plain HTTP: terminate TLS in front of it (a reverse proxy such as IIS, nginx or a cloud gateway) and give an http:// prefix.", nameof(prefix));
        }

        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{prefix}' must start with http://.", nameof(prefix));
        }

        string host = match.Groups["host"].Value;
        IPAddress address;
        if (host == "+" || host == "*")
        {
            address = IPAddress.Any;
            host = "127.0.0.1";
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            host = "127.0.0.1";
        }
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address!))
        {
            throw new ArgumentException($"The host of '{prefix}' must be an IP address, localhost, + or * (every address); '{host}' is a name.", nameof(prefix));
        }

        int port = 80;
        if (match.Groups["port"].Success && (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new ArgumentException($"The port of '{prefix}' must be between 0 and 65535.", nameof(prefix));
        }

        string path = match.Groups["path"].Success ? match.Groups["path"].Value : "/";
        return (address, port, host, path.EndsWith("/", StringComparison.Ordinal) ? path : path + "/");
    }

    /// <summary>The next accepted notification, waiting at most <paramref name="wait"/>.</summary>
    public bool TryTake(out SpooledNotification? item, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return _queue.TryTake(out item, (int)wait.TotalMilliseconds, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            item = null;
            return false;
        }
    }

    /// <summary>Frees the queue slot of a notification taken with <see cref="TryTake"/> once it is dealt with.</summary>
    public void Release() => _slots.Release();

    /// <summary>How many accepted notifications wait in the queue.</summary>
    public int Queued => _queue.Count;

    /// <summary>Stops accepting and closes every connection. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        SpinWait.SpinUntil(() => _answering.IsEmpty, StopGrace);
        foreach (TcpClient client in _connections.Values)
        {
            CloseQuietly(client);
        }

        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }

    public void Dispose() => Stop();

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

                continue;
            }

            if (_connections.Count >= MaxConnections)
            {
                CloseQuietly(client);
                continue;
            }

            long id = Interlocked.Increment(ref _nextConnection);
            _connections[id] = client;
            if (_stopping.IsCancellationRequested)
            {
                _connections.TryRemove(id, out _);
                CloseQuietly(client);
                return;
            }

            _ = Task.Run(() => ServeConnectionAsync(id, client));
        }
    }

    private async Task ServeConnectionAsync(long id, TcpClient client)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using CancellationTokenRegistration closeOnCancel = connection.Token.Register(() =>
        {
            if (!_answering.ContainsKey(id))
            {
                CloseQuietly(client);
            }
        });
        string peer = client.Client.RemoteEndPoint is IPEndPoint endPoint ? endPoint.Address.ToString() : "?";
        try
        {
            client.NoDelay = true;
            NetworkStream stream = client.GetStream();
            var reader = new HttpRequestReader(stream, NotificationParser.MaxBodyBytes);
            bool first = true;
            while (true)
            {
                // A slow or silent client cannot hold a connection: each request must arrive within the timeout.
                connection.CancelAfter(first ? RequestTimeout : IdleTimeout);
                first = false;
                EmulatorHttpRequest? request;
                try
                {
                    request = await reader.ReadAsync(connection.Token).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex)
                {
                    Interlocked.Increment(ref _refused);
                    _log?.Verbose($"Refused a request from {peer}: {ex.StatusCode} ({ex.Message})");
                    await WriteAsync(stream, ex.StatusCode, ex.Message, keepAlive: false, null, connection.Token).ConfigureAwait(false);
                    await LingerAsync(client, stream).ConfigureAwait(false);
                    return;
                }

                if (request is null)
                {
                    return;
                }

                bool keepAlive;
                _answering[id] = 0;
                try
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        return; // stopped while reading: not handled, not acknowledged, so the sender tries again
                    }

                    // The answer has its own deadline, not the listener's stop: Stop waits for it (StopGrace).
                    using var answer = new CancellationTokenSource(RequestTimeout);
                    keepAlive = request.KeepAlive;
                    (int status, string message, string? header) = Handle(request, peer);
                    keepAlive &= !_stopping.IsCancellationRequested;
                    await WriteAsync(stream, status, message, keepAlive, header, answer.Token).ConfigureAwait(false);
                }
                finally
                {
                    _answering.TryRemove(id, out _);
                }

                if (!keepAlive || _stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
        {
            // The client went away, timed out, or the listener stopped.
        }
        catch (Exception ex)
        {
            // A bug here must not take the process down (this runs on an unobserved task); the client sees a reset, never a 2xx.
            _log?.Verbose("Notification listener: a connection failed: " + ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            _connections.TryRemove(id, out _);
            CloseQuietly(client);
        }
    }

    /// <summary>Decides the answer to one request; the only place a notification is accepted.</summary>
    private (int Status, string Message, string? Header) Handle(EmulatorHttpRequest request, string peer)
    {
        string where = $"{request.Method} from {peer}";
        if (!(request.Path.StartsWith(_path, StringComparison.Ordinal) || request.Path + "/" == _path))
        {
            return Refuse(where, 404, "Not found.", null);
        }

        if (request.Method != "POST")
        {
            return Refuse(where, 405, "Only POST is accepted.", "Allow: POST");
        }

        // Never logged: the header is the secret.
        if (!_authenticator.IsAuthorized(request.GetHeader("Authorization")))
        {
            return Refuse(where, 401, "Unauthorized.", "WWW-Authenticate: " + _authenticator.Challenge);
        }

        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
        YotiNotification notification;
        try
        {
            notification = NotificationParser.Parse(request.Body, receivedAt, NotificationSpool.NewId(receivedAt));
        }
        catch (YotiInvalidDataException ex)
        {
            return Refuse(where, 400, "Not a Yoti notification: " + ex.Message, null);
        }

        if (!_slots.Wait(0))
        {
            return Refuse(where, 503, "Too many notifications waiting; try again later.", "Retry-After: 5");
        }

        SpooledNotification spooled;
        try
        {
            spooled = _spool.Add(notification, request.Body);
        }
        catch (Exception ex) when (ex is YotiIdv.Files.YotiFileException || YotiIdv.Files.AtomicFile.IsFileSystemError(ex))
        {
            _slots.Release();
            return Refuse(where, 500, "The notification could not be stored.", null, ex.GetType().Name + ": " + ex.Message);
        }

        _queue.Add(spooled);
        Interlocked.Increment(ref _accepted);
        _log?.Verbose($"Accepted {notification.Topic} for session {notification.SessionId} ({where}); spooled as {notification.NotificationId}.");
        return (200, "OK", null);
    }

    private (int, string, string?) Refuse(string where, int status, string message, string? header, string? detail = null)
    {
        Interlocked.Increment(ref _refused);
        _log?.Verbose($"Refused {where}: {status} {message}{(detail is null ? string.Empty : " " + detail)}");
        return (status, message, header);
    }

    private async Task WriteAsync(NetworkStream stream, int status, string message, bool keepAlive, string? header, CancellationToken token)
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"status\":" + status.ToString(CultureInfo.InvariantCulture) + ",\"message\":\"" + message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}");
        var head = new StringBuilder(200);
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(status)).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        if (header != null)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[headBytes.Length + body.Length];
        Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
        Buffer.BlockCopy(body, 0, all, headBytes.Length, body.Length);
        await stream.WriteAsync(all, 0, all.Length, token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }

    /// <summary>
    /// After refusing a request whose body was not read: stop sending, then read and drop a bounded amount for a
    /// moment, so the client sees the answer rather than a reset (as servers do with a "lingering close"). The
    /// rest of a large body is never read.
    /// </summary>
    private static async Task LingerAsync(TcpClient client, NetworkStream stream)
    {
        try
        {
            client.Client.Shutdown(SocketShutdown.Send);
            using var linger = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var buffer = new byte[16 * 1024];
            int total = 0;
            while (total < LingerBytes)
            {
                int read = await stream.ReadAsync(buffer, 0, buffer.Length, linger.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
        {
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

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
