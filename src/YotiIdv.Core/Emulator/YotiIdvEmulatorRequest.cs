using System;
using System.Collections.Generic;

namespace YotiIdv.Emulator;

/// <summary>
/// One request the emulator received, as kept in <see cref="YotiIdvEmulator.RequestLog"/>: enough to count what a
/// command sent (e.g. DELETEs) and to see which parameters arrived signed. The signing parameters (<c>sdkId</c>,
/// <c>nonce</c>, <c>timestamp</c>) and the headers are not kept.
/// </summary>
public sealed class YotiIdvEmulatorRequest
{
    internal YotiIdvEmulatorRequest(DateTimeOffset received, string method, string path, IReadOnlyDictionary<string, string> parameters)
    {
        Received = received;
        Method = method;
        Path = path;
        Parameters = parameters;
    }

    public DateTimeOffset Received { get; }

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
