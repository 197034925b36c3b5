using System;
using System.Threading;

namespace YotiIdv.Emulator;

/// <summary>What an injected fault does to a matching request.</summary>
public enum YotiIdvFaultKind
{
    /// <summary>Answer <see cref="YotiIdvFault.StatusCode"/> (default 503) with an optional <c>Retry-After</c> and body instead of the real response.</summary>
    Status,

    /// <summary>Wait <see cref="YotiIdvFault.Delay"/> before handling the request (applied before signature checks).</summary>
    Latency,

    /// <summary>Close the connection without any response (applied before signature checks).</summary>
    DropConnection,

    /// <summary>Send the real response's headers with its full Content-Length but only part of the body, then close.</summary>
    TruncateBody,

    /// <summary>Answer 200 with a body that is not JSON (an HTML page by default) while claiming <c>application/json</c>.</summary>
    MalformedBody,

    /// <summary>Send the real response slowly: <see cref="YotiIdvFault.ChunkSize"/> bytes every <see cref="YotiIdvFault.Delay"/>.</summary>
    Slow,
}

/// <summary>
/// A fault the emulator injects into matching requests (see <see cref="YotiIdvEmulator.AddFault"/>).
/// Configure it before adding it; an added fault must not be changed. Once added it counts how often it applied.
/// </summary>
/// <remarks>
/// Order per request: global <see cref="YotiIdvEmulatorOptions.AddedLatency"/>, then <see cref="YotiIdvFaultKind.Latency"/>
/// and <see cref="YotiIdvFaultKind.DropConnection"/> faults (network-level: they hit any request, valid or not), then the
/// rate limiter, then signature verification (401), then <see cref="YotiIdvFaultKind.Status"/> and
/// <see cref="YotiIdvFaultKind.MalformedBody"/> faults (replace the response), then the endpoint, then
/// <see cref="YotiIdvFaultKind.TruncateBody"/> and <see cref="YotiIdvFaultKind.Slow"/> faults (change how the real
/// response is written). In each step the first matching fault, in the order added, applies.
/// A fault matches when <see cref="PathPattern"/> and <see cref="Method"/> match, its <see cref="Count"/> is not used up,
/// and the <see cref="Probability"/> roll succeeds; the count is only consumed when the fault applies.
/// </remarks>
public sealed class YotiIdvFault
{
    private int _remaining;
    private long _applied;
    private Random? _random;

    public YotiIdvFault(YotiIdvFaultKind kind)
    {
        Kind = kind;
    }

    public YotiIdvFaultKind Kind { get; }

    /// <summary>
    /// Wildcard pattern on the path after the base path, without the query: <c>*</c> matches any run of
    /// characters (including <c>/</c>), <c>?</c> one character. Examples: <c>*</c>, <c>/sessions/abc*</c>, <c>*/media/*</c>.
    /// </summary>
    public string PathPattern { get; set; } = "*";

    /// <summary>HTTP method to match (e.g. <c>GET</c>); null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Apply to the next N matching requests only, then never again ("fail N times then succeed"). Null: unlimited.</summary>
    public int? Count { get; set; }

    /// <summary>Chance (0–1) that a matching request is hit. Default 1.</summary>
    public double Probability { get; set; } = 1.0;

    /// <summary>Seed of this fault's own random generator for <see cref="Probability"/>; null uses the emulator's.</summary>
    public int? Seed { get; set; }

    /// <summary><see cref="YotiIdvFaultKind.Status"/>: the status code. Default 503.</summary>
    public int StatusCode { get; set; } = 503;

    /// <summary><see cref="YotiIdvFaultKind.Status"/>: value of the <c>Retry-After</c> header in seconds; null sends none.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>
    /// <see cref="YotiIdvFaultKind.Status"/> / <see cref="YotiIdvFaultKind.MalformedBody"/>: body to send. Null: a Yoti-style
    /// JSON error (Status) or a small HTML page (MalformedBody).
    /// </summary>
    public string? Body { get; set; }

    /// <summary>Content-Type of <see cref="Body"/>. Null: <c>application/json</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary><see cref="YotiIdvFaultKind.Latency"/>: the added delay; <see cref="YotiIdvFaultKind.Slow"/>: the pause between chunks.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><see cref="YotiIdvFaultKind.Slow"/>: bytes per chunk. Default 64.</summary>
    public int ChunkSize { get; set; } = 64;

    /// <summary><see cref="YotiIdvFaultKind.TruncateBody"/>: body bytes sent before closing. Null: half the body.</summary>
    public int? TruncateAfterBytes { get; set; }

    /// <summary>How many requests this fault has been applied to since it was added.</summary>
    public long TimesApplied => Interlocked.Read(ref _applied);

    /// <summary>Requests this fault will still hit, or null when unlimited.</summary>
    public int? Remaining => Count is null ? null : Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>A fault answering <paramref name="statusCode"/> (e.g. 503, 500, 429).</summary>
    public static YotiIdvFault Status(int statusCode, string pathPattern = "*", int? count = null, int? retryAfterSeconds = null) =>
        new YotiIdvFault(YotiIdvFaultKind.Status) { StatusCode = statusCode, PathPattern = pathPattern, Count = count, RetryAfterSeconds = retryAfterSeconds };

    /// <summary>A 429 with <c>Retry-After</c>.</summary>
    public static YotiIdvFault TooManyRequests(int retryAfterSeconds = 1, string pathPattern = "*", int? count = null) =>
        Status(429, pathPattern, count, retryAfterSeconds);

    public static YotiIdvFault Latency(TimeSpan delay, string pathPattern = "*", int? count = null) =>
        new YotiIdvFault(YotiIdvFaultKind.Latency) { Delay = delay, PathPattern = pathPattern, Count = count };

    public static YotiIdvFault DropConnection(string pathPattern = "*", int? count = null) =>
        new YotiIdvFault(YotiIdvFaultKind.DropConnection) { PathPattern = pathPattern, Count = count };

    public static YotiIdvFault TruncateBody(string pathPattern = "*", int? count = null) =>
        new YotiIdvFault(YotiIdvFaultKind.TruncateBody) { PathPattern = pathPattern, Count = count };

    public static YotiIdvFault MalformedBody(string pathPattern = "*", int? count = null) =>
        new YotiIdvFault(YotiIdvFaultKind.MalformedBody) { PathPattern = pathPattern, Count = count };

    public static YotiIdvFault Slow(TimeSpan delayPerChunk, int chunkSize = 64, string pathPattern = "*", int? count = null) =>
        new YotiIdvFault(YotiIdvFaultKind.Slow) { Delay = delayPerChunk, ChunkSize = chunkSize, PathPattern = pathPattern, Count = count };

    public override string ToString() =>
        $"{Kind}{Detail()} {Method ?? "*"} {PathPattern}" + (Count is null ? "" : $" x{Count}") + (Probability < 1 ? $" p={Probability}" : "");

    private string Detail() => Kind switch
    {
        YotiIdvFaultKind.Status => " " + StatusCode + (RetryAfterSeconds is int after ? " Retry-After " + after : string.Empty),
        YotiIdvFaultKind.Latency => " " + Delay.TotalMilliseconds + " ms",
        YotiIdvFaultKind.Slow => " " + Delay.TotalMilliseconds + " ms/" + ChunkSize + " bytes",
        _ => string.Empty,
    };

    internal void Activate(Random fallback)
    {
        if (PathPattern is null)
        {
            throw new ArgumentException("PathPattern must not be null.", nameof(PathPattern));
        }

        if (Probability < 0 || Probability > 1 || double.IsNaN(Probability))
        {
            throw new ArgumentOutOfRangeException(nameof(Probability), Probability, "Probability must be between 0 and 1.");
        }

        if (Count < 0 || ChunkSize < 1 || Delay < TimeSpan.Zero || TruncateAfterBytes < 0 || StatusCode < 100 || StatusCode > 999)
        {
            throw new ArgumentException($"Invalid fault settings: {this}.");
        }

        _remaining = Count ?? 0;
        _random = Seed is null ? fallback : new Random(Seed.Value);
    }

    /// <summary>Decides whether this fault hits a request that matched its pattern; consumes one count when it does.</summary>
    internal bool TryApply()
    {
        if (Count is not null && Volatile.Read(ref _remaining) <= 0)
        {
            return false;
        }

        if (Probability < 1.0)
        {
            // The fallback Random may be shared with other faults, so lock on it rather than on this fault.
            Random random = _random!;
            double roll;
            lock (random)
            {
                roll = random.NextDouble();
            }

            if (roll >= Probability)
            {
                return false;
            }
        }

        if (Count is not null && Interlocked.Decrement(ref _remaining) < 0)
        {
            return false;
        }

        Interlocked.Increment(ref _applied);
        return true;
    }

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && WildcardPattern.IsMatch(PathPattern, path);
}
