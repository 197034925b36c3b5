using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Tests.Hostile;

/// <summary>
/// A deliberately hostile or broken "Yoti API" on loopback (port 0), speaking raw HTTP/1.1 so it can lie about
/// lengths, stream forever, reset, or echo secrets. One handler (a mode from <see cref="HostileModes"/>) answers
/// every request; the server counts requests so tests can prove what was (not) retried. It stops itself after
/// a few minutes at the latest, so a failing test can never leave it running.
/// </summary>
public sealed class HostileServer : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _life = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    private int _requests;
    private long _bytesSent;

    public HostileServer(Func<HostileExchange, Task> mode)
    {
        Mode = mode;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>How every request is answered; tests may switch it between commands.</summary>
    public Func<HostileExchange, Task> Mode { get; set; }

    public Uri BaseUri => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/idverify/v1");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Body bytes the modes managed to write (what the client accepted before it hung up).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Request lines received, in order ("GET /idverify/v1/sessions/...", query removed).</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new ConcurrentQueue<string>();

    /// <summary>Whole request heads (request line with its query, and every header), in order.</summary>
    public ConcurrentQueue<string> RequestHeads { get; } = new ConcurrentQueue<string>();

    internal void CountSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    private async Task AcceptLoopAsync()
    {
        using CancellationTokenRegistration stop = _life.Token.Register(() => _listener.Stop());
        while (!_life.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                NetworkStream stream = client.GetStream();
                string? head = await ReadHeadAsync(stream).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                string requestLine = head.Split('\r')[0];
                string[] parts = requestLine.Split(' ');
                string target = parts.Length > 1 ? parts[1] : "/";
                int query = target.IndexOf('?', StringComparison.Ordinal);
                string path = query < 0 ? target : target.Substring(0, query);
                RequestLines.Enqueue(parts[0] + " " + path);
                RequestHeads.Enqueue(head);
                Interlocked.Increment(ref _requests);
                await Mode(new HostileExchange(this, parts[0], path, stream, _life.Token)).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // The client hung up (as it should on an oversized answer) or the server is stopping.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 65536)
        {
            if (await stream.ReadAsync(one.AsMemory(0, 1)).ConfigureAwait(false) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
            if (head.Length >= 4 && head[head.Length - 1] == '\n' && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
            {
                return head.ToString();
            }
        }

        return null;
    }

    public void Dispose()
    {
        _life.Cancel();
        _listener.Stop();
        _life.Dispose();
    }
}

/// <summary>How a streamed body is framed.</summary>
public enum Framing
{
    /// <summary>An honest Content-Length.</summary>
    ContentLength,

    /// <summary>No length: the body ends when the connection closes.</summary>
    UntilClose,

    /// <summary>Transfer-Encoding: chunked.</summary>
    Chunked,
}

/// <summary>One request and the raw connection to answer it on.</summary>
public sealed class HostileExchange
{
    private const int Chunk = 64 * 1024;
    private readonly HostileServer _server;
    private readonly Stream _stream;

    internal HostileExchange(HostileServer server, string method, string path, Stream stream, CancellationToken token)
    {
        _server = server;
        Method = method;
        Path = path;
        _stream = stream;
        Token = token;
    }

    public string Method { get; }

    /// <summary>The path without the query, e.g. /idverify/v1/sessions/{id}.</summary>
    public string Path { get; }

    public CancellationToken Token { get; }

    /// <summary>The id after /sessions/ in the path.</summary>
    public string SessionId
    {
        get
        {
            string[] segments = Path.Split('/');
            int index = Array.IndexOf(segments, "sessions");
            return index >= 0 && index + 1 < segments.Length ? segments[index + 1] : string.Empty;
        }
    }

    /// <summary>A complete answer with an honest Content-Length.</summary>
    public Task SendAsync(int status, string contentType, string body, params (string Name, string Value)[] headers) =>
        SendAsync(status, contentType, Encoding.UTF8.GetBytes(body), headers);

    public async Task SendAsync(int status, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        await WriteHeadAsync(status, contentType, body.Length, false, headers).ConfigureAwait(false);
        await WriteBodyAsync(body, 0, body.Length).ConfigureAwait(false);
    }

    /// <summary><paramref name="body"/> with the framing given (chunks of 64 KiB when chunked).</summary>
    public async Task SendFramedAsync(int status, string contentType, byte[] body, Framing framing, params (string Name, string Value)[] headers)
    {
        await WriteHeadAsync(status, contentType, framing == Framing.ContentLength ? body.Length : null, framing == Framing.Chunked, headers).ConfigureAwait(false);
        for (int offset = 0; offset < body.Length; offset += Chunk)
        {
            int count = Math.Min(Chunk, body.Length - offset);
            if (framing == Framing.Chunked)
            {
                await WriteAsciiAsync(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n").ConfigureAwait(false);
            }

            await WriteBodyAsync(body, offset, count).ConfigureAwait(false);
            if (framing == Framing.Chunked)
            {
                await WriteAsciiAsync("\r\n").ConfigureAwait(false);
            }
        }

        if (framing == Framing.Chunked)
        {
            await WriteAsciiAsync("0\r\n\r\n").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <paramref name="prefix"/> then filler up to <paramref name="size"/> bytes, 64 KiB at a time, never held in
    /// memory; stops when the client hangs up. <paramref name="announced"/> overrides the Content-Length (a lie).
    /// </summary>
    public async Task StreamAsync(int status, string contentType, long size, Framing framing, string prefix = "", byte filler = (byte)'a', long? announced = null)
    {
        await WriteHeadAsync(status, contentType, framing == Framing.ContentLength ? announced ?? size : null, framing == Framing.Chunked).ConfigureAwait(false);
        byte[] start = Encoding.UTF8.GetBytes(prefix);
        var fill = new byte[Chunk];
        Array.Fill(fill, filler);
        long sent = 0;
        while (sent < size)
        {
            byte[] source = sent < start.Length ? start : fill;
            int offset = sent < start.Length ? (int)sent : 0;
            int count = (int)Math.Min(source.Length - offset, size - sent);
            if (framing == Framing.Chunked)
            {
                await WriteAsciiAsync(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n").ConfigureAwait(false);
            }

            await WriteBodyAsync(source, offset, count).ConfigureAwait(false);
            if (framing == Framing.Chunked)
            {
                await WriteAsciiAsync("\r\n").ConfigureAwait(false);
            }

            sent += count;
        }

        if (framing == Framing.Chunked)
        {
            await WriteAsciiAsync("0\r\n\r\n").ConfigureAwait(false);
        }
    }

    private async Task WriteHeadAsync(int status, string contentType, long? contentLength, bool chunked, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(" Hostile\r\n");
        head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Connection: close\r\n");
        if (contentLength is long length)
        {
            head.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }

        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await WriteAsciiAsync(head.ToString()).ConfigureAwait(false);
    }

    private Task WriteAsciiAsync(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        return _stream.WriteAsync(bytes.AsMemory(), Token).AsTask();
    }

    private async Task WriteBodyAsync(byte[] buffer, int offset, int count)
    {
        await _stream.WriteAsync(buffer.AsMemory(offset, count), Token).ConfigureAwait(false);
        _server.CountSent(count);
    }
}
