using System;

namespace YotiIdv.Http;

/// <summary>Retry, timeout and response size settings for API calls. The defaults suit both consoles and scheduled jobs.</summary>
public sealed class YotiRequestOptions
{
    /// <summary>Retries after the first attempt for transient failures (429, 502, 503, 504, timeouts, resets). Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long one attempt may take, body included. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first back-off delay; doubled on each retry, with jitter. Default 0.5 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest back-off delay, and the longest Retry-After that is honoured. Default 60 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest body read into memory (sessions, reports, media without -OutFile). Default 64 MiB.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The largest body streamed to a file (media with -OutFile or -Destination). Default 16 GiB.</summary>
    public long MaxStreamedBytes { get; set; } = DefaultMaxStreamedBytes;

    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    public const long DefaultMaxStreamedBytes = 16L * 1024 * 1024 * 1024;

    /// <summary>A body in memory is one array: it cannot exceed what .NET allows, whatever is asked for.</summary>
    public const long MaxInMemoryLimit = 2_000_000_000;
    /// <summary>
    /// Every setting as <c>Name=value</c>, joined with <c>"; "</c> (a readable CSV cell and list value), e.g.
    /// <c>MaxRetries=4; Timeout=30s; ...</c>. Read by reflection so a new setting shows without more code.
    /// </summary>
    public override string ToString() => string.Join("; ", System.Linq.Enumerable.Select(
        typeof(YotiRequestOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance),
        p => p.Name + "=" + (p.GetValue(this) switch
        {
            TimeSpan t => t.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            object o => o.ToString(),
            null => string.Empty,
        })));

    public YotiRequestOptions Clone() => (YotiRequestOptions)MemberwiseClone();

    public void Validate()
    {
        if (MaxRetries < 0 || MaxRetries > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be between 0 and 100.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMaxDelay), RetryMaxDelay, "RetryMaxDelay must be at least RetryBaseDelay, and both non-negative.");
        }

        if (RetryMaxDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMaxDelay), RetryMaxDelay, "RetryMaxDelay must be at most one hour.");
        }

        if (MaxResponseBytes < 1024 || MaxResponseBytes > MaxInMemoryLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, $"MaxResponseBytes must be between 1024 and {MaxInMemoryLimit}.");
        }

        if (MaxStreamedBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxStreamedBytes), MaxStreamedBytes, "MaxStreamedBytes must be at least 1024.");
        }
    }
}
