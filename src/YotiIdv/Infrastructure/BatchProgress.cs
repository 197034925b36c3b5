using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// Progress of a batch: done, failed, requests really running (not the look-ahead window) and rate, at most one
/// record every 250 ms, only once the batch has run for a moment (a single id never flashes a bar), and a
/// Completed record when anything was shown. With a known total (an array parameter) it shows a percentage and
/// the time left; with piped input the total is unknown, so it says how many inputs have arrived so far instead.
/// </summary>
internal sealed class BatchProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    private readonly SafeOutputCmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown = TimeSpan.Zero;
    private bool _shown;

    public BatchProgress(SafeOutputCmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
    }

    public int Done { get; private set; }

    public int Failed { get; private set; }

    /// <summary>The number of inputs, when known in advance (an array parameter rather than the pipeline).</summary>
    public int? Total { get; set; }

    /// <summary>More inputs became known (e.g. the media of a session just read), so the total grows.</summary>
    public void AddToTotal(int count) => Total = (Total ?? 0) + count;

    /// <summary>Text appended to the status (e.g. bytes received), asked for each time progress is shown.</summary>
    public Func<string>? Detail { get; set; }

    public void Count(bool failed)
    {
        Done++;
        if (failed)
        {
            Failed++;
        }
    }

    /// <summary>Inputs received so far (queued, running or done).</summary>
    public int Received { get; set; }

    public void Update(int running)
    {
        TimeSpan now = _clock.Elapsed;
        if (now < Delay || now - _lastShown < Interval)
        {
            return;
        }

        _lastShown = now;
        _shown = true;
        double rate = Done / Math.Max(now.TotalSeconds, 0.001);
        string rateText = rate.ToString("0.#", CultureInfo.InvariantCulture) + "/s";
        string status = Total is int total && total > 0
            ? $"{Done} of {total} done ({Failed} failed), {running} requests running, {rateText}"
            : $"{Done} done ({Failed} failed) of {Math.Max(Received, Done)} received so far, {running} requests running, {rateText}";
        status += Detail?.Invoke();
        var record = new ProgressRecord(_activityId, _activity, status);
        if (Total is int known && known > 0)
        {
            record.PercentComplete = Math.Min(100, Done * 100 / known);
            record.SecondsRemaining = rate > 0 ? (int)Math.Min(int.MaxValue, (known - Done) / rate) : -1;
        }

        _cmdlet.WriteProgress(record);
    }

    public void Complete()
    {
        if (_shown)
        {
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Completed") { RecordType = ProgressRecordType.Completed });
            _shown = false;
        }
    }
}
