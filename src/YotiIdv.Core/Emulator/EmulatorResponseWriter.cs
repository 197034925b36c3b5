using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Emulator;

/// <summary>Writes responses to the connection: whole, streamed from a file, cut short or slowly (the delivery faults).</summary>
internal static class EmulatorResponseWriter
{
    public static async Task WriteAsync(Stream stream, EmulatorHttpResponse response, bool keepAlive, bool headOnly, CancellationToken token)
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

    /// <summary><see cref="YotiIdvFaultKind.TruncateBody"/>: the full Content-Length, part of the body; the caller then closes.</summary>
    public static async Task WriteTruncatedAsync(Stream stream, EmulatorHttpResponse response, int? truncateAfterBytes, CancellationToken token)
    {
        response.Buffer();
        int sent = Math.Min(response.Body.Length, truncateAfterBytes ?? (response.Body.Length / 2));
        byte[] head = response.BuildHead(keepAlive: false);
        await stream.WriteAsync(head, 0, head.Length, token).ConfigureAwait(false);
        await stream.WriteAsync(response.Body, 0, sent, token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }

    /// <summary><see cref="YotiIdvFaultKind.Slow"/>: the body in chunks with a pause before each.</summary>
    public static async Task WriteSlowAsync(Stream stream, EmulatorHttpResponse response, YotiIdvFault fault, bool keepAlive, bool headOnly, CancellationToken token)
    {
        response.Buffer();
        byte[] head = response.BuildHead(keepAlive);
        await stream.WriteAsync(head, 0, head.Length, token).ConfigureAwait(false);
        for (int offset = 0; !headOnly && offset < response.Body.Length; offset += fault.ChunkSize)
        {
            await Task.Delay(fault.Delay, token).ConfigureAwait(false);
            await stream.WriteAsync(response.Body, offset, Math.Min(fault.ChunkSize, response.Body.Length - offset), token).ConfigureAwait(false);
        }
    }

    /// <summary>Streams a media file: the head with the file's length, then the file in 80 KB chunks, never whole in memory.</summary>
    private static async Task WriteFileAsync(Stream stream, EmulatorHttpResponse response, bool keepAlive, bool headOnly, CancellationToken token)
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
}
