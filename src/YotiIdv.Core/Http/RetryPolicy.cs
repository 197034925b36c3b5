using System;
using System.Globalization;
using System.Net;
using System.Net.Http;

namespace YotiIdv.Http;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
internal static class RetryPolicy
{
    [ThreadStatic]
    private static Random? _random;

    public static bool IsTransientStatus(int status) =>
        status == 429 || status == 502 || status == 503 || status == 504;

    /// <summary>Capped exponential back-off with "equal jitter": half fixed, half random.</summary>
    public static TimeSpan Backoff(int attempt, YotiRequestOptions options)
    {
        double baseMs = options.RetryBaseDelay.TotalMilliseconds;
        double capMs = options.RetryMaxDelay.TotalMilliseconds;
        double exponential = Math.Min(capMs, baseMs * Math.Pow(2, Math.Max(0, attempt - 1)));
        _random ??= new Random(Guid.NewGuid().GetHashCode());
        return TimeSpan.FromMilliseconds((exponential / 2) + (_random.NextDouble() * exponential / 2));
    }

    /// <summary>
    /// Reads Retry-After as seconds or an HTTP date, capped at <see cref="YotiRequestOptions.RetryMaxDelay"/>; null when
    /// absent or unreadable. Any value (huge, fractional, negative, a far date, garbage) gives a delay, never an exception.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseMessage response, YotiRequestOptions options)
    {
        if (!response.Headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        foreach (string raw in values)
        {
            string value = raw.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                if (double.IsNaN(seconds))
                {
                    continue;
                }

                // Compare as doubles: TimeSpan.FromSeconds(1e300) would overflow.
                double capSeconds = options.RetryMaxDelay.TotalSeconds;
                return TimeSpan.FromSeconds(Math.Max(0, Math.Min(seconds, capSeconds)));
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset date))
            {
                double wait = (date - DateTimeOffset.UtcNow).TotalSeconds;
                return TimeSpan.FromSeconds(Math.Max(0, Math.Min(wait, options.RetryMaxDelay.TotalSeconds)));
            }
        }

        return null;
    }

    public static TimeSpan DelayFor(int attempt, TimeSpan? retryAfter, YotiRequestOptions options)
    {
        if (retryAfter is TimeSpan requested)
        {
            return requested > options.RetryMaxDelay ? options.RetryMaxDelay : requested;
        }

        return Backoff(attempt, options);
    }

    /// <summary>The status as people read it, <c>404 Not Found</c>, <c>401 Unauthorized</c>; just the number when it has no name.</summary>
    public static string Describe(HttpStatusCode status)
    {
        string number = ((int)status).ToString(CultureInfo.InvariantCulture);
        string name = status.ToString();
        return name == number ? number : number + " " + System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ");
    }
}
