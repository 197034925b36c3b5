using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace YotiIdv.Emulator;

/// <summary>The most recent requests, oldest first; bounded so that throughput runs do not grow memory.</summary>
internal sealed class EmulatorRequestLog
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<YotiIdvEmulatorRequest> _entries = new ConcurrentQueue<YotiIdvEmulatorRequest>();
    private int _count;

    public void Add(YotiIdvEmulatorRequest entry)
    {
        _entries.Enqueue(entry);
        if (Interlocked.Increment(ref _count) > Capacity && _entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public IReadOnlyList<YotiIdvEmulatorRequest> Snapshot() => _entries.ToArray();

    public void Clear()
    {
        while (_entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
