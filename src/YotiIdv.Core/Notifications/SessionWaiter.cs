using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Model;

namespace YotiIdv.Notifications;

/// <summary>What one poll of a waited-for session saw, for progress and verbose lines.</summary>
public sealed class SessionWaitStatus
{
    internal SessionWaitStatus(string sessionId, string? state, int polls, TimeSpan elapsed, TimeSpan nextPoll, string? failure)
    {
        SessionId = sessionId;
        State = state;
        Polls = polls;
        Elapsed = elapsed;
        NextPoll = nextPoll;
        Failure = failure;
    }

    public string SessionId { get; }

    public string? State { get; }

    public int Polls { get; }

    public TimeSpan Elapsed { get; }

    public TimeSpan NextPoll { get; }

    /// <summary>The message of a transient failure that was outlived by backing off, else null.</summary>
    public string? Failure { get; }
}

/// <summary>The session was still ONGOING (or could not be read) when the wait's time was up.</summary>
public sealed class YotiWaitTimeoutException : TimeoutException
{
    internal YotiWaitTimeoutException(string sessionId, string? lastState, int polls, TimeSpan timeout, Exception? lastFailure)
        : base($"Session {sessionId} was still {lastState ?? "unknown (no successful poll)"} after {timeout.TotalSeconds:0.#} s ({polls} polls).", lastFailure)
    {
        SessionId = sessionId;
        LastState = lastState;
        Polls = polls;
        Timeout = timeout;
    }

    public string SessionId { get; }

    public string? LastState { get; }

    public int Polls { get; }

    public TimeSpan Timeout { get; }
}

/// <summary>
/// Polls a session until it is no longer ONGOING. Each poll goes through <see cref="YotiApiClient"/>, which
/// retries 429 (honouring Retry-After) and 5xx itself; a poll that still fails with such a transient failure does
/// not end the wait: the next poll backs off (doubling, at least the server's Retry-After, at most a minute or the
/// poll interval if longer). Other failures (404, 401, a body that is not a session) end the wait for that session.
/// </summary>
public static class SessionWaiter
{
    public const string Ongoing = "ONGOING";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    public static bool IsOngoing(YotiSession session) => string.Equals(session.State, Ongoing, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The session once its state is not ONGOING; <paramref name="known"/> (a piped session) is returned at once
    /// when it is final already.
    /// </summary>
    /// <exception cref="YotiWaitTimeoutException">Still ONGOING after <paramref name="timeout"/>.</exception>
    /// <exception cref="YotiApiException">A failure that polling again cannot cure.</exception>
    public static async Task<YotiSession> WaitAsync(YotiApiClient client, string sessionId, YotiSession? known, TimeSpan pollInterval, TimeSpan timeout,
        Action<SessionWaitStatus>? onPoll, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (known != null && !IsOngoing(known))
        {
            return known;
        }

        var clock = Stopwatch.StartNew();
        string? lastState = known?.State;
        Exception? lastFailure = null;
        int polls = 0;
        int failuresInARow = 0;
        while (true)
        {
            TimeSpan remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new YotiWaitTimeoutException(sessionId, lastState, polls, timeout, lastFailure);
            }

            TimeSpan wait = pollInterval;
            string? failure = null;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(remaining);
                polls++;
                try
                {
                    YotiSession session = await client.GetSessionAsync(sessionId, attempt.Token).ConfigureAwait(false);
                    lastState = session.State;
                    failuresInARow = 0;
                    if (!IsOngoing(session))
                    {
                        return session;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new YotiWaitTimeoutException(sessionId, lastState, polls, timeout, lastFailure);
                }
                catch (YotiApiException ex) when (IsTransient(ex))
                {
                    lastFailure = ex;
                    failure = ex.Message;
                    failuresInARow++;
                    wait = Backoff(pollInterval, failuresInARow, ex.RetryAfter);
                }
            }

            remaining = timeout - clock.Elapsed;
            onPoll?.Invoke(new SessionWaitStatus(sessionId, lastState, polls, clock.Elapsed, wait < remaining ? wait : remaining, failure));
            if (wait > remaining)
            {
                wait = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(YotiApiException ex) =>
        ex.Kind == YotiFailureKind.RateLimited || ex.Kind == YotiFailureKind.ServerError || ex.Kind == YotiFailureKind.Network || ex.Kind == YotiFailureKind.Timeout;

    private static TimeSpan Backoff(TimeSpan pollInterval, int failuresInARow, TimeSpan? retryAfter)
    {
        TimeSpan cap = pollInterval > MaxBackoff ? pollInterval : MaxBackoff;
        double factor = Math.Pow(2, Math.Min(failuresInARow, 16));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(cap.Ticks, pollInterval.Ticks * factor));
        return retryAfter is TimeSpan server && server > delay ? server : delay;
    }
}
