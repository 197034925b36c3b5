using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security;
using YotiIdv.Infrastructure;
using YotiIdv.Notifications;

namespace YotiIdv.Commands;

/// <summary>
/// Receive-YotiNotification: listens for Yoti's webhook notifications and writes each one to the pipeline, having
/// first stored it in a spool folder so that nothing acknowledged is lost. HTTP is answered on worker threads
/// (<see cref="NotificationListener"/>); objects are written here, on the pipeline thread, and a notification's
/// spool file is removed only once the rest of the pipeline has returned from it.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "YotiNotification")]
[OutputType(typeof(YotiNotification))]
public sealed class ReceiveYotiNotificationCommand : YotiCmdlet
{
    internal const string ListenFailedErrorId = "YotiNotificationListenFailed";
    internal const string SpoolFailedErrorId = "YotiNotificationSpoolFailed";
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(100);

    private NotificationListener? _listener;

    /// <summary>Where to listen: http://host:port/path/ (host: an IP address, localhost, or + for every address; port 0 picks a free one).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Prefix { get; set; } = string.Empty;

    /// <summary>The auth_token given to Yoti at session creation.</summary>
    [Parameter(Mandatory = true)]
    [SecureStringTransformation]
    public SecureString? AuthToken { get; set; }

    /// <summary>The auth_type given to Yoti at session creation: Basic or Bearer.</summary>
    [Parameter(Mandatory = true)]
    public YotiNotificationAuthType AuthType { get; set; }

    /// <summary>The folder accepted notifications are kept in until the pipeline has dealt with them; created if missing.</summary>
    [Parameter(Mandatory = true)]
    public string SpoolPath { get; set; } = string.Empty;

    /// <summary>Stop after this long; a number is seconds. Default: until Ctrl+C (or -Count).</summary>
    [Parameter]
    [SecondsTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.Zero;

    /// <summary>Stop after writing this many notifications.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>How many acknowledged notifications may wait for the pipeline before new ones get 503. Default 256.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int QueueLimit { get; set; } = 256;

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _listener?.Stop();
    }

    protected override void EndProcessing()
    {
        NotificationAuthenticator authenticator = CreateAuthenticator();
        NotificationSpool spool = OpenSpool();
        var left = spool.List(); // before listening: what a new request spools is not replayed twice
        try
        {
            _listener = NotificationListener.Start(Prefix, authenticator, spool, QueueLimit, this);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is SocketException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ListenFailedErrorId, ex is ArgumentException ? ErrorCategory.InvalidArgument : ErrorCategory.ResourceUnavailable, Prefix)
            {
                ErrorDetails = new ErrorDetails($"Cannot listen on '{Prefix}': {ex.Message}"),
            });
            return;
        }

        int written = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            WriteVerbose($"Listening on {_listener.Prefix} ({AuthType}); spool '{spool.Folder}' holds {left.Count} notifications from before.");
            WriteInformation(new InformationRecord(_listener.Prefix.AbsoluteUri, "Receive-YotiNotification"), new[] { "YotiIdv.Listening" });
            foreach (string file in left)
            {
                if (Done(written, clock))
                {
                    return;
                }

                SpooledNotification? item = spool.Read(file, out string? problem);
                if (problem != null)
                {
                    WriteWarning(problem);
                }

                if (item != null)
                {
                    WriteVerbose($"Spooled before: {item.Notification.Topic} for session {item.Notification.SessionId} ({item.Notification.NotificationId}).");
                    Deliver(item);
                    written++;
                }
            }

            while (!Done(written, clock))
            {
                if (_listener.TryTake(out SpooledNotification? item, PollStep, StopToken) && item != null)
                {
                    FlushTrace();
                    try
                    {
                        Deliver(item);
                    }
                    finally
                    {
                        _listener.Release();
                    }

                    written++;
                }

                FlushTrace();
            }
        }
        finally
        {
            _listener.Stop();
            if (!StopToken.IsCancellationRequested)
            {
                FlushTrace();
                WriteVerbose($"Stopped listening after {clock.Elapsed.TotalSeconds:0.#} s (timeout {Timeout.TotalSeconds} s, count {Count}): {_listener.Accepted} accepted, {_listener.Refused} refused, {written} written; "
                    + $"{spool.List().Count} left in the spool for the next run.");
            }
        }
    }

    /// <summary>Writes one notification, then removes it from the spool: WriteObject returns once the downstream commands have processed it.</summary>
    private void Deliver(SpooledNotification item)
    {
        WriteObject(item.Notification);
        try
        {
            NotificationSpool.Remove(item);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // It will be written again next time: at least once, never lost.
            WriteWarning($"The spool file '{item.Path}' could not be removed ({ex.Message}); the notification will be written again next time.");
        }
    }

    private bool Done(int written, Stopwatch clock)
    {
        if (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        return (Count > 0 && written >= Count) || (Timeout > TimeSpan.Zero && clock.Elapsed >= Timeout);
    }

    private NotificationAuthenticator CreateAuthenticator()
    {
        try
        {
            return new NotificationAuthenticator(AuthToken!, AuthType);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "YotiInvalidNotificationToken", ErrorCategory.InvalidArgument, null));
            return null!;
        }
    }

    private NotificationSpool OpenSpool()
    {
        string folder = ResolveUserPath(SpoolPath);
        try
        {
            return new NotificationSpool(folder);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, SpoolFailedErrorId, ErrorCategory.WriteError, SpoolPath));
            return null!;
        }
    }
}
