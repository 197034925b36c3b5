using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Infrastructure;

/// <summary>
/// Runs work items concurrently (at most <c>throttleLimit</c> at once) and hands them back in input order.
/// At most a small window of items is held, so memory stays bounded however many inputs stream in.
/// Items are taken on the pipeline thread; workers never write to the pipeline.
/// </summary>
internal sealed class OrderedBatch
{
    private readonly Queue<Item> _pending = new Queue<Item>();
    private readonly SemaphoreSlim _slots;
    private readonly int _throttleLimit;
    private readonly int _window;
    private readonly CancellationToken _cancellationToken;

    public OrderedBatch(int throttleLimit, CancellationToken cancellationToken)
    {
        _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
        _throttleLimit = throttleLimit;
        _window = Math.Max(throttleLimit * 4, 8); // a little look-ahead so one slow item does not idle the others
        _cancellationToken = cancellationToken;
    }

    /// <summary>Items queued and not yet written: running, waiting for a slot, or done and waiting for their turn.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Work items running right now (holding a slot), as opposed to the look-ahead window.</summary>
    public int RunningCount => _throttleLimit - _slots.CurrentCount;

    public bool IsWindowFull => _pending.Count >= _window;

    /// <summary>Queues an outcome known already (e.g. an input refused before any request) so it keeps its place.</summary>
    public void AddCompleted(object target, Exception error) =>
        _pending.Enqueue(new Item(target, Task.FromException<object?>(error), null));

    /// <summary>
    /// Starts <paramref name="work"/> when a slot is free; <paramref name="onSuccess"/> later runs on the pipeline
    /// thread with its result, in input order.
    /// </summary>
    public void Add<T>(object target, Func<CancellationToken, Task<T>> work, Action<T> onSuccess) =>
        _pending.Enqueue(new Item(target, RunThrottled(work), result => onSuccess((T)result!)));

    /// <summary>The oldest item if it has finished (or <paramref name="wait"/> says to wait for it), else null.</summary>
    public Item? TakeNext(bool wait, Action<Task> waitOnPipelineThread)
    {
        if (_pending.Count == 0)
        {
            return null;
        }

        Item head = _pending.Peek();
        if (!head.Task.IsCompleted)
        {
            if (!wait)
            {
                return null;
            }

            waitOnPipelineThread(head.Task);
        }

        return _pending.Dequeue();
    }

    private async Task<object?> RunThrottled<T>(Func<CancellationToken, Task<T>> work)
    {
        await _slots.WaitAsync(_cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(_cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    internal sealed class Item
    {
        private readonly Action<object?>? _onSuccess;

        public Item(object target, Task<object?> task, Action<object?>? onSuccess)
        {
            Target = target;
            Task = task;
            _onSuccess = onSuccess;
        }

        public object Target { get; }

        public Task<object?> Task { get; }

        /// <summary>The failure, unwrapped from the task's AggregateException.</summary>
        public Exception? Error => Task.IsFaulted ? Task.Exception!.GetBaseException()
            : Task.IsCanceled ? new OperationCanceledException() : null;

        public void Deliver() => _onSuccess?.Invoke(Task.Result);
    }
}
