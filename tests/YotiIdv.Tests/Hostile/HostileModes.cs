using System;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Tests.Hostile;

/// <summary>One mode per row of issue #10's table (the key-file rows need no server).</summary>
public static class HostileModes
{
    public static string SessionJson(string id) =>
        "{\"session_id\":\"" + id + "\",\"state\":\"COMPLETED\",\"client_session_token_ttl\":600,\"resources\":{},\"checks\":[]}";

    /// <summary>An honest, small session.</summary>
    public static Func<HostileExchange, Task> Session() =>
        x => x.SendAsync(200, "application/json", SessionJson(x.SessionId));

    /// <summary>A session body of <paramref name="size"/> bytes (a JSON string that never ends before the size).</summary>
    public static Func<HostileExchange, Task> HugeSession(long size, Framing framing) =>
        x => x.StreamAsync(200, "application/json", size, framing, "{\"session_id\":\"" + x.SessionId + "\",\"padding\":\"");

    /// <summary>Media content of <paramref name="size"/> bytes.</summary>
    public static Func<HostileExchange, Task> HugeMedia(long size, Framing framing) =>
        x => x.StreamAsync(200, "image/jpeg", size, framing, string.Empty, 0xFF);

    /// <summary>An HTML error page of <paramref name="size"/> bytes (a proxy's 500/502).</summary>
    public static Func<HostileExchange, Task> HugeErrorPage(int status, long size) =>
        x => x.StreamAsync(status, "text/html", size, Framing.Chunked, "<html><body><h1>" + status + " Error</h1><pre>", (byte)'x');

    /// <summary>A 400 whose errors[] holds <paramref name="size"/> bytes: one message that never ends.</summary>
    public static Func<HostileExchange, Task> HugeErrorsArray(long size) =>
        x => x.StreamAsync(400, "application/json", size, Framing.ContentLength,
            "{\"code\":\"PAYLOAD_VALIDATION\",\"message\":\"There were errors\",\"errors\":[{\"property\":\"sdk_config\",\"message\":\"", (byte)'e');

    /// <summary>429 with this Retry-After for the first <paramref name="times"/> requests, then the session.</summary>
    public static Func<HostileExchange, Task> RetryAfter(string value, int times = 1)
    {
        int seen = 0;
        return x => Interlocked.Increment(ref seen) <= times
            ? x.SendAsync(429, "application/json", "{\"code\":\"TOO_MANY_REQUESTS\"}", ("Retry-After", value))
            : x.SendAsync(200, "application/json", SessionJson(x.SessionId));
    }

    /// <summary>A rate limit that never lifts.</summary>
    public static Func<HostileExchange, Task> RateLimitedForever() =>
        x => x.SendAsync(429, "application/json", "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down\"}", ("Retry-After", "0"), ("X-Request-ID", "req-429"));

    /// <summary>A well-formed session about another id than the one asked for.</summary>
    public static Func<HostileExchange, Task> WrongSession(string otherId) =>
        x => x.SendAsync(200, "application/json", SessionJson(otherId), ("X-Request-ID", "req-wrong-session"));

    /// <summary>A 401 whose body is <paramref name="body"/> (e.g. the key echoed back).</summary>
    public static Func<HostileExchange, Task> Unauthorized(string body) =>
        x => x.SendAsync(401, "application/json", body, ("X-Request-ID", "req-401"));

    /// <summary>A 200 that is not JSON and never will be.</summary>
    public static Func<HostileExchange, Task> NotJson() =>
        x => x.SendAsync(200, "application/json", "<html><body>Welcome to the captive portal</body></html>", ("X-Request-ID", "req-html"));

    /// <summary>The first answer promises 4000 bytes and hangs up after 40; then the session.</summary>
    public static Func<HostileExchange, Task> TruncatedOnce()
    {
        int seen = 0;
        return x => Interlocked.Increment(ref seen) == 1
            ? x.StreamAsync(200, "application/json", 40, Framing.ContentLength, "{\"session_id\":\"" + x.SessionId + "\",", (byte)' ', announced: 4000)
            : x.SendAsync(200, "application/json", SessionJson(x.SessionId));
    }
}
