using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace YotiIdv.Emulator;

/// <summary>One request as the emulator received it (TEST-ONLY: it holds the nonce and digest, for leak tests).</summary>
public sealed class YotiIdvEmulatorRequest
{
    internal YotiIdvEmulatorRequest(DateTimeOffset receivedAt, string method, string target, string? digest)
    {
        ReceivedAt = receivedAt;
        Method = method;
        Target = target;
        Digest = digest;
    }

    public DateTimeOffset ReceivedAt { get; }

    public string Method { get; }

    /// <summary>The raw request target, query (with the nonce) included.</summary>
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

    /// <summary>The path of the target, without the query.</summary>
    public string Path
    {
        get
        {
            int query = Target.IndexOf('?');
            return query < 0 ? Target : Target.Substring(0, query);
        }
    }

    public override string ToString() => ReceivedAt.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + Method + " " + Path;
}

/// <summary>The most recent requests (a bounded queue: a soak test of 10,000 requests keeps only the last ones).</summary>
internal sealed class EmulatorRequestLog
{
    internal const int Capacity = 10000;

    private readonly ConcurrentQueue<YotiIdvEmulatorRequest> _requests = new ConcurrentQueue<YotiIdvEmulatorRequest>();

    public void Add(YotiIdvEmulatorRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Capacity && _requests.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<YotiIdvEmulatorRequest> Snapshot() => _requests.ToArray();

    public void Clear()
    {
        while (_requests.TryDequeue(out _))
        {
        }
    }
}
