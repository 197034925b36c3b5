using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace YotiIdv.Emulator;

/// <summary>A response to write: status, headers, body. Content-Length and Connection are added when writing.</summary>
internal sealed class EmulatorHttpResponse
{
    public const string JsonContentType = "application/json";

    public EmulatorHttpResponse(int statusCode, byte[] body, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    /// <summary>A response whose body is streamed from a file when written (large media are never buffered).</summary>
    public EmulatorHttpResponse(int statusCode, string bodyFile, string? contentType)
        : this(statusCode, Array.Empty<byte>(), contentType)
    {
        BodyFile = bodyFile;
    }

    public int StatusCode { get; }

    public byte[] Body { get; private set; }

    /// <summary>The file the body is streamed from, or null when the body is <see cref="Body"/>.</summary>
    public string? BodyFile { get; private set; }

    /// <summary>Reads a file body into <see cref="Body"/> (for faults that cut or slow the body).</summary>
    public void Buffer()
    {
        if (BodyFile != null)
        {
            Body = File.ReadAllBytes(BodyFile);
            BodyFile = null;
        }
    }

    public string? ContentType { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

    public static EmulatorHttpResponse NoContent() => new EmulatorHttpResponse(204, Array.Empty<byte>(), null);

    public static EmulatorHttpResponse Json(int statusCode, byte[] json) => new EmulatorHttpResponse(statusCode, json, JsonContentType);

    /// <summary>A Yoti-style error body <c>{"code":"…","message":"…"}</c> (spec 3.9).</summary>
    public static EmulatorHttpResponse Error(int statusCode, string code, string message) => Json(statusCode, ErrorBody(code, message));

    public static byte[] ErrorBody(string code, string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Status line and headers, including the full Content-Length of <see cref="Body"/>.</summary>
    public byte[] BuildHead(bool keepAlive) => BuildHead(keepAlive, Body.Length);

    /// <summary>Status line and headers with the given Content-Length (of a streamed file body).</summary>
    public byte[] BuildHead(bool keepAlive, long contentLength)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(StatusCode)).Append("\r\n");
        head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Server: YotiIdv-Emulator\r\n");
        if (ContentType != null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        if (StatusCode != 204 && StatusCode >= 200)
        {
            head.Append("Content-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        foreach (KeyValuePair<string, string> header in Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        head.Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        head.Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
