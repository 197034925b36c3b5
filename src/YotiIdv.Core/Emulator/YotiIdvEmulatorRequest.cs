using System;
using System.Collections.Generic;

namespace YotiIdv.Emulator;

/// <summary>
/// One request the emulator received, as kept in <see cref="YotiIdvEmulator.RequestLog"/>: enough to count what a
/// command sent (e.g. DELETEs) and to see which parameters arrived signed. TEST-ONLY: it also keeps the raw target
/// (with its nonce) and the digest header, so leak tests can look for the exact secrets a command sent.
/// </summary>
public sealed class YotiIdvEmulatorRequest
{
    internal YotiIdvEmulatorRequest(YotiIdv.Model.YotiTimestamp received, string method, string path, IReadOnlyDictionary<string, string> parameters, string target, string? digest)
    {
        Target = target;
        Digest = digest;
        Received = received;
        Method = method;
        Path = path;
        Parameters = new YotiIdv.Model.YotiReadOnlyDictionary(System.Linq.Enumerable.ToDictionary(parameters, p => p.Key, p => p.Value, StringComparer.Ordinal)); // reads as name=value in a CSV cell
    }

    public YotiIdv.Model.YotiTimestamp Received { get; }

    /// <summary>The raw request target as received: base path and query (with the nonce) included.</summary>
    public string Target { get; }

    /// <summary>The X-Yoti-Auth-Digest header as received, or null.</summary>
    public string? Digest { get; }

    /// <summary>The nonce query parameter as received (not decoded), or null.</summary>
    public string? Nonce
    {
        get
        {
            int query = Target.IndexOf('?');
            if (query < 0)
            {
                return null;
            }

            foreach (string pair in Target.Substring(query + 1).Split('&'))
            {
                if (pair.StartsWith("nonce=", StringComparison.Ordinal))
                {
                    return pair.Substring("nonce=".Length);
                }
            }

            return null;
        }
    }

    public string Method { get; }

    /// <summary>The path after the base path, without the query (e.g. <c>/sessions/{id}</c>).</summary>
    public string Path { get; }

    /// <summary>Query parameters other than <c>sdkId</c>, <c>nonce</c> and <c>timestamp</c> (e.g. <c>includeNonLatin</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>True when the request carried a signature that verified (every parameter above was signed).</summary>
    public bool Signed { get; internal set; }

    /// <summary>The status answered; 0 when the connection was dropped without an answer.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The injected fault that answered or changed this request, if any.</summary>
    public string? Fault { get; internal set; }

    public override string ToString() => $"{Method} {Path} -> {StatusCode}" + (Signed ? " (signed)" : string.Empty) + (Fault is null ? string.Empty : " [" + Fault + "]");
}

