using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Http;

/// <summary>
/// A successful (2xx) answer handed to the reader of a <see cref="YotiRequest"/>. The body can only be read
/// through the bounded readers here, so no endpoint can forget the size limits.
/// </summary>
public sealed class YotiResponse
{
    private readonly HttpResponseMessage _message;
    private readonly YotiRequestOptions _options;

    internal YotiResponse(HttpResponseMessage message, YotiRequest request, YotiRequestOptions options)
    {
        _message = message;
        _options = options;
        Request = request;
        RequestId = RequestIdOf(message);
    }

    public YotiRequest Request { get; }

    public HttpStatusCode StatusCode => _message.StatusCode;

    public string? ContentType => _message.Content.Headers.ContentType?.ToString();

    public long? ContentLength => _message.Content.Headers.ContentLength;

    /// <summary>Yoti's X-Request-ID of this answer (for support tickets), or null.</summary>
    public string? RequestId { get; }

    /// <summary>The whole body in memory, at most <see cref="YotiRequestOptions.MaxResponseBytes"/>.</summary>
    /// <exception cref="YotiResponseTooLargeException">Announced or grown past the limit (never retried).</exception>
    public Task<byte[]> ReadBytesAsync(CancellationToken cancellationToken) =>
        BoundedBody.ReadAllAsync(_message, _options.MaxResponseBytes, cancellationToken);

    /// <summary>
    /// The body as a stream for copying to a file, at most <see cref="YotiRequestOptions.MaxStreamedBytes"/>;
    /// reading past the limit throws <see cref="YotiResponseTooLargeException"/>, ending early throws a truncation.
    /// </summary>
    public async Task<Stream> OpenStreamAsync()
    {
        long limit = _options.MaxStreamedBytes;
        BoundedBody.ThrowIfAnnouncedTooLarge(_message, limit);
        Stream inner = await _message.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return new LimitedReadStream(inner, limit, _message.Content.Headers.ContentLength);
    }

    internal static string? RequestIdOf(HttpResponseMessage message)
    {
        if (message.Headers.TryGetValues("X-Request-ID", out var values))
        {
            foreach (string value in values)
            {
                // A server chooses this text: keep it short and printable, it goes into messages.
                string trimmed = value.Trim();
                if (trimmed.Length > 0)
                {
                    return Redaction.Cap(trimmed, 128);
                }
            }
        }

        return null;
    }
}

/// <summary>A body announced or grown past its limit. Deterministic: never retried.</summary>
public sealed class YotiResponseTooLargeException : Exception
{
    public YotiResponseTooLargeException(long limit, long? announced)
        : base(announced is long length
            ? $"The response announces {length} bytes, more than the limit of {limit} bytes; it was not read."
            : $"The response grew past the limit of {limit} bytes; the transfer was stopped there.")
    {
        Limit = limit;
        AnnouncedLength = announced;
    }

    public long Limit { get; }

    /// <summary>The Content-Length, when it was the Content-Length that was refused.</summary>
    public long? AnnouncedLength { get; }
}

/// <summary>A body shorter than its Content-Length, or cut by a reset: a transfer problem, worth a retry.</summary>
public sealed class YotiTruncatedBodyException : YotiInvalidDataException
{
    public YotiTruncatedBodyException(long received, long expected)
        : base($"The response body was truncated ({received} of {expected} bytes).")
    {
    }
}

/// <summary>Reads bodies without ever holding more than a limit (plus the buffer growth) in memory.</summary>
internal static class BoundedBody
{
    /// <summary>Error bodies are read at most this far: enough for any real error, never a 2 GB page.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    private const int ChunkSize = 81920;

    private const int SegmentSize = 64 * 1024;

    public static void ThrowIfAnnouncedTooLarge(HttpResponseMessage response, long limit)
    {
        if (response.Content.Headers.ContentLength is long length && length > limit)
        {
            throw new YotiResponseTooLargeException(limit, length);
        }
    }

    /// <summary>The whole body; refused before reading when Content-Length exceeds <paramref name="limit"/>, aborted at the limit otherwise.</summary>
    public static async Task<byte[]> ReadAllAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        ThrowIfAnnouncedTooLarge(response, limit);
        long? expected = response.Content.Headers.ContentLength;
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using CancellationTokenRegistration abort = cancellationToken.Register(state => ((Stream)state!).Dispose(), stream);
        if (expected is long exact)
        {
            // Known length within the limit: one exact array, no growth, no copy.
            var body = new byte[exact];
            int filled = 0;
            while (filled < body.Length)
            {
                int read = await stream.ReadAsync(body, filled, Math.Min(ChunkSize, body.Length - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new YotiTruncatedBodyException(filled, exact);
                }

                filled += read;
            }

            return body;
        }

        // Unknown length: small segments (below the large object heap) instead of a doubling MemoryStream, so an
        // aborted read leaves only short-lived garbage and a complete one peaks at twice its size.
        var segments = new List<byte[]>();
        long total = 0;
        // for (;;) and assigned counters: forms Stryker can mutate (a mutated while (true) or an unassigned count does
        // not compile, and Stryker then drops every mutant of the method).
        for (;;)
        {
            var segment = new byte[SegmentSize];
            int used = 0;
            int count = 0;
            while (used < segment.Length && (count = await stream.ReadAsync(segment, used, segment.Length - used, cancellationToken).ConfigureAwait(false)) > 0)
            {
                used += count;
                if (total + used > limit)
                {
                    throw new YotiResponseTooLargeException(limit, null);
                }
            }

            total += used;
            if (used < segment.Length)
            {
                var body = new byte[total];
                long offset = 0;
                foreach (byte[] full in segments)
                {
                    Buffer.BlockCopy(full, 0, body, (int)offset, full.Length);
                    offset += full.Length;
                }

                Buffer.BlockCopy(segment, 0, body, (int)offset, used);
                return body;
            }

            segments.Add(segment);
        }
    }

    /// <summary>
    /// At most <see cref="MaxErrorBodyBytes"/> of an error body as text (invalid UTF-8 replaced), whether it was
    /// cut, or null when the transfer failed before anything arrived.
    /// </summary>
    public static async Task<(string? Text, bool Cut)> ReadErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var bytes = new byte[MaxErrorBodyBytes + 1];
            int filled = 0;
            int read = 0;
            while (filled < bytes.Length && (read = await stream.ReadAsync(bytes, filled, bytes.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            bool cut = filled > MaxErrorBodyBytes;
            return (Encoding.UTF8.GetString(bytes, 0, Math.Min(filled, MaxErrorBodyBytes)), cut);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
        {
            return (null, false);
        }
    }
}

/// <summary>A read-only view of a body that stops at a limit and notices a body shorter than its Content-Length.</summary>
internal sealed class LimitedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly long? _expected;
    private long _position;

    public LimitedReadStream(Stream inner, long limit, long? expected)
    {
        _inner = inner;
        _limit = limit;
        _expected = expected;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Account(_inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Account(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

    private int Account(int read)
    {
        _position += read;
        if (_position > _limit)
        {
            throw new YotiResponseTooLargeException(_limit, null);
        }

        if (read == 0 && _expected is long expected && _position != expected)
        {
            throw new YotiTruncatedBodyException(_position, expected);
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
