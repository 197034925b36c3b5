using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Signing;

namespace YotiIdv.Infrastructure;

/// <summary>
/// What every YotiIdv cmdlet shares: connection resolution, cancellation on Ctrl+C (StopProcessing), and
/// trace lines from worker threads queued and written on the pipeline thread (the only thread that may write).
/// </summary>
public abstract class YotiCmdlet : SafeOutputCmdlet, IYotiLog, IDisposable
{
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<(bool Debug, string Text)> _trace = new ConcurrentQueue<(bool, string)>();
    private bool _verboseEnabled;
    private bool _debugEnabled;

    protected CancellationToken StopToken => _stop.Token;

    protected override void BeginProcessing()
    {
        // Asking once avoids building trace strings nobody will see.
        _verboseEnabled = IsStreamEnabled("Verbose", "VerbosePreference");
        _debugEnabled = IsStreamEnabled("Debug", "DebugPreference");
    }

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Cancels every request still in flight (before a terminating error ends the command).</summary>
    protected void CancelPendingWork() => _stop.Cancel();

    /// <summary>
    /// PowerShell disposes a cmdlet however its pipeline ends: normally, by Ctrl+C, by -ErrorAction Stop, or by
    /// Select-Object -First. Work still in flight is cancelled here, so nothing goes on once the command is over.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        WaitForCancelledWork();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>After cancellation, waits (briefly) for work that must clean up, such as temporary files.</summary>
    protected virtual void WaitForCancelledWork()
    {
    }

    protected override void EndProcessing() => FlushTrace();

    /// <summary>The explicit connection, else Connect-YotiIdv's, else the environment's; else a terminating YotiNotConnected.</summary>
    protected YotiConnection ResolveConnection(YotiConnection? explicitConnection)
    {
        if (explicitConnection != null)
        {
            return explicitConnection;
        }

        YotiConnection? current = ConnectionStore.Current;
        if (current != null)
        {
            return current;
        }

        try
        {
            YotiConnection? fromEnvironment = ConnectionStore.FromEnvironment(ResolveUserPath);
            if (fromEnvironment != null)
            {
                WriteVerbose("Using the connection described by the environment variables " + YotiConnection.SdkIdVariable + " and " + YotiConnection.KeyFileVariable + ".");
                if (fromEnvironment.TakeKeyFileWarning() is string warning)
                {
                    WriteWarning(warning);
                }

                return fromEnvironment;
            }
        }
        catch (YotiKeyException ex)
        {
            ThrowTerminatingError(ErrorFactory.FromKeyProblem(ex, Environment.GetEnvironmentVariable(YotiConnection.KeyFileVariable)));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidConnection, ErrorCategory.InvalidArgument, null));
        }

        ThrowTerminatingError(NotConnectedRecord());
        return null!; // not reached: ThrowTerminatingError always throws
    }

    /// <summary>
    /// The file system paths of -Path (wildcards) or -LiteralPath; a path that matches nothing, or is not a file
    /// system path, is a non-terminating <paramref name="notFoundErrorId"/> error and contributes no path.
    /// </summary>
    protected System.Collections.Generic.List<string> ResolveFiles(string path, bool literal, string notFoundErrorId)
    {
        var files = new System.Collections.Generic.List<string>();
        try
        {
            if (literal)
            {
                files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            }
            else
            {
                var resolved = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file system path.");
                }

                files.AddRange(resolved);
                if (files.Count == 0)
                {
                    // A wildcard that matches nothing is an error, not silence: a nightly job must not report success.
                    throw new ItemNotFoundException($"No file matches '{path}'.");
                }
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
        {
            WriteError(new ErrorRecord(ex, notFoundErrorId, ErrorCategory.ObjectNotFound, path));
        }

        return files;
    }

    /// <summary>YotiNotConnected, naming the environment variable that is missing when only one of the two is set.</summary>
    private static ErrorRecord NotConnectedRecord()
    {
        ErrorRecord record = ErrorFactory.NotConnectedRecord();
        bool hasSdkId = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(YotiConnection.SdkIdVariable));
        bool hasKeyFile = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(YotiConnection.KeyFileVariable));
        if (hasSdkId != hasKeyFile)
        {
            (string set, string missing) = hasSdkId
                ? (YotiConnection.SdkIdVariable, YotiConnection.KeyFileVariable)
                : (YotiConnection.KeyFileVariable, YotiConnection.SdkIdVariable);
            record.ErrorDetails = new ErrorDetails($"Not connected to Yoti IDV: {set} is set, but {missing} is not. Set {missing} too, run Connect-YotiIdv, or pass -Connection.")
            {
                RecommendedAction = record.ErrorDetails?.RecommendedAction ?? string.Empty,
            };
        }

        return record;
    }

    /// <summary>A path as the user means it: relative to PowerShell's current location, with ~ and drives.</summary>
    protected string ResolveUserPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>
    /// Waits for <paramref name="task"/> on the pipeline thread, writing queued trace lines meanwhile.
    /// A stop request cancels the work and ends the wait at once.
    /// </summary>
    protected void WaitFor(Task task)
    {
        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
        {
            FlushTrace();
            OnWaiting();
            if (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        FlushTrace();
    }

    /// <summary>Called on the pipeline thread about every 50 ms while <see cref="WaitFor"/> waits (e.g. to show byte progress).</summary>
    protected virtual void OnWaiting()
    {
    }

    /// <summary>Writes trace lines queued by worker threads. Call from the pipeline thread only.</summary>
    protected void FlushTrace()
    {
        while (_trace.TryDequeue(out var line))
        {
            if (line.Debug)
            {
                WriteDebug(line.Text);
            }
            else
            {
                WriteVerbose(line.Text);
            }
        }
    }

    void IYotiLog.Verbose(string message)
    {
        if (_verboseEnabled)
        {
            _trace.Enqueue((false, Redaction.Redact(message)));
        }
    }

    void IYotiLog.Debug(string message)
    {
        if (_debugEnabled)
        {
            _trace.Enqueue((true, Redaction.Redact(message)));
        }
    }

    private bool IsStreamEnabled(string parameterName, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameterName, out object? value))
        {
            return value is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(value);
        }

        object? preference = GetVariableValue(preferenceVariable);
        return preference is ActionPreference action
            ? action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore
            : preference != null && !string.Equals(preference.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
    }
}
