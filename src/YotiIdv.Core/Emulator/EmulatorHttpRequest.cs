using System;
using System.Collections.Generic;

namespace YotiIdv.Emulator;

/// <summary>One parsed HTTP/1.1 request. <see cref="Target"/> is the request-target exactly as received.</summary>
internal sealed class EmulatorHttpRequest
{
    public EmulatorHttpRequest(string method, string target, string version, Dictionary<string, string> headers, byte[] body)
    {
        Method = method;
        Target = target;
        Version = version;
        Headers = headers;
        Body = body;

        int query = target.IndexOf('?');
        Path = query < 0 ? target : target.Substring(0, query);
        Query = query < 0 ? string.Empty : target.Substring(query + 1);
    }

    public string Method { get; }

    /// <summary>Raw request target (path and query), never normalised: it is what the signature covers.</summary>
    public string Target { get; }

    public string Version { get; }

    /// <summary>Header names are case-insensitive; repeated headers are joined with ", ".</summary>
    public Dictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string Path { get; }

    public string Query { get; }

    public string? GetHeader(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>HTTP/1.1 keeps the connection open unless asked not to; HTTP/1.0 only when asked to.</summary>
    public bool KeepAlive
    {
        get
        {
            string? connection = GetHeader("Connection");
            if (Version == "HTTP/1.0")
            {
                return connection != null && connection.IndexOf("keep-alive", StringComparison.OrdinalIgnoreCase) >= 0;
            }

            return connection == null || connection.IndexOf("close", StringComparison.OrdinalIgnoreCase) < 0;
        }
    }
}
