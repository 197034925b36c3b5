using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Emulator;

/// <summary>Thrown for requests that cannot be read; the connection answers <see cref="StatusCode"/> (400, 411, 413) and closes.</summary>
internal sealed class BadHttpRequestException : Exception
{
    public BadHttpRequestException(string message, int statusCode = 400) : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}

/// <summary>
/// Minimal HTTP/1.1 request parser over a stream: request line, headers, Content-Length body.
/// Keeps bytes read past one request for the next (pipelining). Chunked request bodies are not supported (no Yoti
/// retrieval endpoint sends a body).
/// </summary>
internal sealed class HttpRequestReader
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");

    private readonly Stream _stream;
    private readonly int _maxBodyBytes;
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <param name="stream">The connection.</param>
    /// <param name="maxBodyBytes">A larger Content-Length is refused (413) before any of the body is read.</param>
    public HttpRequestReader(Stream stream, int maxBodyBytes = MaxBodyBytes)
    {
        _stream = stream;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>Reads the next request, or returns null when the client closed the connection between requests.</summary>
    public async Task<EmulatorHttpRequest?> ReadAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = FindHeaderEnd()) < 0)
        {
            if (_end - _start >= MaxHeaderBytes)
            {
                throw new BadHttpRequestException("Request headers too large.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_end == _start)
                {
                    return null;
                }

                throw new BadHttpRequestException("Connection closed in the middle of the request headers.");
            }
        }

        string head = Latin1.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;

        string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new BadHttpRequestException("Malformed request line.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon <= 0)
            {
                throw new BadHttpRequestException("Malformed header line.");
            }

            string name = lines[i].Substring(0, colon).Trim();
            string value = lines[i].Substring(colon + 1).Trim();
            headers[name] = headers.TryGetValue(name, out string? existing) ? existing + ", " + value : value;
        }

        if (headers.ContainsKey("Transfer-Encoding"))
        {
            throw new BadHttpRequestException("Transfer-Encoding request bodies are not supported; send Content-Length.", 411);
        }

        byte[] body = Array.Empty<byte>();
        if (headers.TryGetValue("Content-Length", out string? lengthText))
        {
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                throw new BadHttpRequestException("Invalid Content-Length.");
            }

            if (length > _maxBodyBytes)
            {
                throw new BadHttpRequestException($"The body is larger than {_maxBodyBytes} bytes.", 413);
            }

            if (length > 0 && headers.TryGetValue("Expect", out string? expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                byte[] proceed = Latin1.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
                await _stream.WriteAsync(proceed, 0, proceed.Length, cancellationToken).ConfigureAwait(false);
            }

            body = await ReadBodyAsync((int)length, cancellationToken).ConfigureAwait(false);
        }

        return new EmulatorHttpRequest(requestLine[0], requestLine[1], requestLine[2], headers, body);
    }

    private async Task<byte[]> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (_end == _start && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new BadHttpRequestException("Connection closed in the middle of the request body.");
            }

            int take = Math.Min(length - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, copied, take);
            _start += take;
            copied += take;
        }

        return body;
    }

    private int FindHeaderEnd()
    {
        for (int i = _start; i + 3 < _end; i++)
        {
            if (_buffer[i] == '\r' && _buffer[i + 1] == '\n' && _buffer[i + 2] == '\r' && _buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Compact so the free space is at the end.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
