using System;
using System.Diagnostics;

namespace YotiIdv.Emulator;

/// <summary>Token bucket: <c>rate</c> tokens per second, burst of <c>rate</c>. Thread-safe.</summary>
internal sealed class TokenBucketRateLimiter
{
    private readonly object _lock = new object();
    private readonly int _rate;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _tokens;
    private TimeSpan _last;

    public TokenBucketRateLimiter(int ratePerSecond)
    {
        _rate = ratePerSecond;
        _tokens = ratePerSecond;
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            TimeSpan now = _clock.Elapsed;
            _tokens = Math.Min(_rate, _tokens + ((now - _last).TotalSeconds * _rate));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
