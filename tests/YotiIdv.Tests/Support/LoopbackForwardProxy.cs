using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Tests.Support;

/// <summary>
/// TEST-ONLY forward HTTP proxy on 127.0.0.1 (port 0): takes absolute-form requests (<c>GET http://host:port/path?query</c>),
/// optionally demands Basic proxy authentication (407 first, as real proxies do), and forwards each request byte for byte
/// (origin-form, same path and query) to the target, one connection per request. Records what it saw.
/// </summary>
internal sealed class LoopbackForwardProxy : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly string? _expectedAuthorization;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();

    public LoopbackForwardProxy(string? user = null, string? password = null)
    {
        _expectedAuthorization = user is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        _listener.Start();
        Uri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
        _ = Task.Run(AcceptLoopAsync);
    }

    public Uri Uri { get; }

    /// <summary>Request lines forwarded (absolute-form, as received).</summary>
    public ConcurrentQueue<string> Forwarded { get; } = new ConcurrentQueue<string>();

    /// <summary>Requests answered 407 (no or wrong Proxy-Authorization).</summary>
    public int Challenged => Volatile.Read(ref _challenged);

    private int _challenged;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string? head = await ReadHeadAsync(stream).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                string[] lines = head.Split("\r\n");
                string[] requestLine = lines[0].Split(' ');
                var headers = new List<string>();
                string? authorization = null;
                foreach (string line in lines[1..])
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    if (line.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
                    {
                        authorization = line.Substring(line.IndexOf(':') + 1).Trim();
                    }
                    else if (!line.StartsWith("Proxy-Connection:", StringComparison.OrdinalIgnoreCase) && !line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase))
                    {
                        headers.Add(line);
                    }
                }

                if (_expectedAuthorization != null && authorization != _expectedAuthorization)
                {
                    Interlocked.Increment(ref _challenged);
                    byte[] challenge = Encoding.ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(challenge).ConfigureAwait(false);
                    return;
                }

                var target = new Uri(requestLine[1], UriKind.Absolute);
                Forwarded.Enqueue(lines[0]);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(target.Host, target.Port).ConfigureAwait(false);
                NetworkStream up = upstream.GetStream();

                // Origin-form from the raw absolute-form text: the path and query bytes stay exactly as signed.
                string rawTarget = requestLine[1];
                string originForm = rawTarget.Substring(rawTarget.IndexOf('/', rawTarget.IndexOf("//", StringComparison.Ordinal) + 2));
                var forwarded = new StringBuilder(requestLine[0] + " " + originForm + " HTTP/1.1\r\n");
                headers.ForEach(h => forwarded.Append(h).Append("\r\n"));
                forwarded.Append("Connection: close\r\n\r\n");
                await up.WriteAsync(Encoding.ASCII.GetBytes(forwarded.ToString())).ConfigureAwait(false);

                // Answer the client with Connection: close too, then relay until the target closes.
                await up.CopyToAsync(stream).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            int read = await stream.ReadAsync(one).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
            int n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
            {
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, n - 4);
            }
        }

        return null;
    }
}
