using System.Threading;

namespace YotiIdv.Emulator;

/// <summary>Live, thread-safe counters of a running emulator.</summary>
public sealed class YotiIdvEmulatorStats
{
    private long _received;
    private long _served;
    private long _rejected;
    private long _rateLimited;
    private long _faults;
    private int _inFlight;
    private int _peakInFlight;

    /// <summary>Every HTTP request parsed, whatever happened next.</summary>
    public long RequestsReceived => Interlocked.Read(ref _received);

    /// <summary>Requests answered by the endpoints (200, 204, 404 …), i.e. not rejected, rate limited or faulted.</summary>
    public long RequestsServed => Interlocked.Read(ref _served);

    /// <summary>Requests rejected with 401 by signature, SDK id, nonce or timestamp checks.</summary>
    public long RequestsRejected => Interlocked.Read(ref _rejected);

    /// <summary>Requests answered 429 by the rate limiter.</summary>
    public long RequestsRateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Faults applied (a request hit by a latency and a status fault counts twice).</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Requests being answered right now (received, answer not yet written), e.g. to see a client's real concurrency.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests answered at once since the start or the last <see cref="ResetPeakInFlight"/>.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Starts a new peak (a benchmark measures one phase at a time).</summary>
    public void ResetPeakInFlight() => Volatile.Write(ref _peakInFlight, InFlight);

    internal void BeginRequest()
    {
        int now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }
    }

    internal void EndRequest() => Interlocked.Decrement(ref _inFlight);

    internal void CountReceived() => Interlocked.Increment(ref _received);
    internal void CountServed() => Interlocked.Increment(ref _served);
    internal void CountRejected() => Interlocked.Increment(ref _rejected);
    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);
    internal void CountFault() => Interlocked.Increment(ref _faults);

    public override string ToString() =>
        $"received={RequestsReceived} served={RequestsServed} rejected={RequestsRejected} rateLimited={RequestsRateLimited} faults={FaultsInjected}";
}
