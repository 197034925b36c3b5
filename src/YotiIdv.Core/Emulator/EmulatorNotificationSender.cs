using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Notifications;

namespace YotiIdv.Emulator;

/// <summary>How a notification the emulator sent ended (<see cref="YotiIdvEmulatorNotification.Outcome"/>).</summary>
public enum YotiIdvEmulatorNotificationOutcome
{
    /// <summary>Queued, not answered yet.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>The endpoint answered 4xx (other than 408/429): not retried, as a wrong token will not become right.</summary>
    Refused,

    /// <summary>No 2xx after every attempt (connection refused, timeout, 5xx, 408, 429).</summary>
    Failed,
}

/// <summary>
/// One notification the emulator POSTed (or tried to), as kept in <see cref="YotiIdvEmulator.SentNotifications"/>.
/// Holds the body and the outcome, never the Authorization header.
/// </summary>
public sealed class YotiIdvEmulatorNotification
{
    internal YotiIdvEmulatorNotification(string sessionId, string topic, string body, Uri endpoint)
    {
        SessionId = sessionId;
        Topic = topic;
        Body = body;
        Endpoint = endpoint;
        Queued = new YotiIdv.Model.YotiTimestamp(DateTimeOffset.UtcNow);
    }

    public string SessionId { get; }

    public string Topic { get; }

    /// <summary>The JSON body sent, exactly (Yoti's shape: <c>session_id</c>, <c>topic</c>, maybe <c>check_id</c>/<c>task_id</c>/<c>resource_id</c>).</summary>
    public string Body { get; }

    public Uri Endpoint { get; }

    public YotiIdv.Model.YotiTimestamp Queued { get; }

    public YotiIdvEmulatorNotificationOutcome Outcome { get; internal set; } = YotiIdvEmulatorNotificationOutcome.Pending;

    /// <summary>The last status answered; 0 when no answer came (refused connection, timeout).</summary>
    public int StatusCode { get; internal set; }

    public int Attempts { get; internal set; }

    /// <summary>Why the last attempt failed (exception type and message), or null.</summary>
    public string? Error { get; internal set; }

    public override string ToString() => $"{Topic} {SessionId} -> {Outcome}" + (StatusCode == 0 ? string.Empty : " " + StatusCode.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// TEST-ONLY: POSTs notifications the way Yoti does (spec 3.10) to one endpoint with <c>Authorization: Basic
/// base64(token)</c> or <c>Bearer token</c>. Sending happens on one background worker, in order, so that changing a
/// session's state never waits for the endpoint; each attempt is bounded by <see cref="Timeout"/>, and a failed one
/// (no answer, 5xx, 408, 429) is retried up to 5 attempts after 0.5, 1, 2 and 4 s, so a receiver that starts a
/// moment after the state change still gets it. The token is kept as a read-only
/// <see cref="SecureString"/> and turned into the header only for the moment of a send; it is in no log or string.
/// </summary>
public sealed class EmulatorNotificationSender : IDisposable
{
    /// <summary>Topics sent when none are given: what a session completing makes Yoti send.</summary>
    public static readonly IReadOnlyList<string> DefaultTopics = new[] { "check_completion", "task_completion", "session_completion" };

    private const int LogCapacity = 10_000;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly SecureString _token;
    private readonly HttpClient _http;
    private readonly HashSet<string> _topics;
    private readonly ConcurrentQueue<YotiIdvEmulatorNotification> _queue = new ConcurrentQueue<YotiIdvEmulatorNotification>();
    private readonly SemaphoreSlim _queued = new SemaphoreSlim(0);
    private readonly ConcurrentQueue<YotiIdvEmulatorNotification> _log = new ConcurrentQueue<YotiIdvEmulatorNotification>();
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private readonly Task _worker;
    private int _pending;
    private int _stopped;

    /// <param name="endpoint">An http or https URL.</param>
    /// <param name="token">The auth_token (copied; the caller keeps its own).</param>
    /// <param name="authType">Basic or Bearer.</param>
    /// <param name="topics">Lower- or upper-case topic names to send (like <c>notifications.topics[]</c>); null or empty: <see cref="DefaultTopics"/>.</param>
    /// <param name="timeout">Bound on one attempt; zero or less: 10 seconds.</param>
    public EmulatorNotificationSender(Uri endpoint, SecureString token, YotiNotificationAuthType authType, IEnumerable<string>? topics = null, TimeSpan timeout = default)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The notification endpoint '{endpoint}' must be an absolute http or https URL.", nameof(endpoint));
        }

        if (token is null || token.Length == 0)
        {
            throw new ArgumentException("The notification auth token is empty.", nameof(token));
        }

        Endpoint = endpoint;
        AuthType = authType;
        Timeout = timeout > TimeSpan.Zero ? timeout : DefaultTimeout;
        _token = token.Copy();
        _token.MakeReadOnly();
        string[] wanted = (topics ?? Array.Empty<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant()).ToArray();
        _topics = new HashSet<string>(wanted.Length == 0 ? DefaultTopics : wanted, StringComparer.Ordinal);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout };
        _worker = Task.Run(WorkAsync);
    }

    public Uri Endpoint { get; }

    public YotiNotificationAuthType AuthType { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The topics this sender sends, lower case.</summary>
    public IReadOnlyCollection<string> Topics => YotiIdv.Model.YotiReadOnlyListExtensions.ToYotiList(_topics.OrderBy(t => t, StringComparer.Ordinal));

    /// <summary>The most recent notifications (up to 10,000), oldest first, with their outcome so far.</summary>
    public IReadOnlyList<YotiIdvEmulatorNotification> Sent => YotiIdv.Model.YotiReadOnlyListExtensions.ToYotiList(_log.ToArray());

    /// <summary>Notifications queued or being sent.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues what a change of <paramref name="sessionJson"/>'s state to <paramref name="state"/> makes Yoti send:
    /// for <c>COMPLETED</c>, a <c>check_completion</c> per check, a <c>task_completion</c> per task and then
    /// <c>session_completion</c>; for <c>EXPIRED</c>, <c>client_session_token_deleted</c>. Only subscribed topics.
    /// Returns at once with what was queued.
    /// </summary>
    public IReadOnlyList<YotiIdvEmulatorNotification> QueueStateChange(string sessionId, byte[]? sessionJson, string state)
    {
        var queued = new List<YotiIdvEmulatorNotification>();
        if (string.Equals(state, "COMPLETED", StringComparison.OrdinalIgnoreCase))
        {
            JsonNode? root = sessionJson is null ? null : JsonNode.Parse(sessionJson);
            foreach (string checkId in Ids(root?["checks"]))
            {
                Add(queued, Queue(sessionId, "check_completion", "check_id", checkId));
            }

            foreach (string taskId in TaskIds(root?["resources"]))
            {
                Add(queued, Queue(sessionId, "task_completion", "task_id", taskId));
            }

            Add(queued, Queue(sessionId, "session_completion"));
        }
        else if (string.Equals(state, "EXPIRED", StringComparison.OrdinalIgnoreCase))
        {
            Add(queued, Queue(sessionId, "client_session_token_deleted"));
        }

        return queued;
    }

    /// <summary>
    /// Queues one notification of <paramref name="topic"/> (any name; sent even if not subscribed, as a test asked for
    /// it), with an optional <c>check_id</c>/<c>task_id</c>/<c>resource_id</c> named by <paramref name="idName"/>.
    /// </summary>
    public YotiIdvEmulatorNotification Send(string sessionId, string topic, string? idName = null, string? id = null) =>
        Enqueue(sessionId ?? throw new ArgumentNullException(nameof(sessionId)), (topic ?? throw new ArgumentNullException(nameof(topic))).ToLowerInvariant(), idName, id);

    /// <summary>Waits until nothing is pending (or <paramref name="timeout"/>); true when everything was answered or given up.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>Stops sending: what is still queued is marked Failed ("stopped"). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            _worker.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        while (_queue.TryDequeue(out YotiIdvEmulatorNotification? left))
        {
            Finish(left, YotiIdvEmulatorNotificationOutcome.Failed, 0, "not sent: the emulator stopped");
        }

        _http.Dispose();
        _token.Dispose();
    }

    public override string ToString() => $"Notifications to {Endpoint} ({AuthType}; {string.Join(", ", Topics)})";

    private static void Add(List<YotiIdvEmulatorNotification> list, YotiIdvEmulatorNotification? item)
    {
        if (item != null)
        {
            list.Add(item);
        }
    }

    private YotiIdvEmulatorNotification? Queue(string sessionId, string topic, string? idName = null, string? id = null) =>
        _topics.Contains(topic) ? Enqueue(sessionId, topic, idName, id) : null;

    private YotiIdvEmulatorNotification Enqueue(string sessionId, string topic, string? idName, string? id)
    {
        var body = new JsonObject { ["session_id"] = sessionId, ["topic"] = topic };
        if (idName != null && id != null)
        {
            body[idName] = id;
        }

        var item = new YotiIdvEmulatorNotification(sessionId, topic, body.ToJsonString(), Endpoint);
        _log.Enqueue(item);
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }

        Interlocked.Increment(ref _pending);
        if (Volatile.Read(ref _stopped) == 1 || _pending > LogCapacity)
        {
            Finish(item, YotiIdvEmulatorNotificationOutcome.Failed, 0, "not sent: the sender is stopped or " + LogCapacity.ToString(CultureInfo.InvariantCulture) + " notifications are waiting");
        }
        else
        {
            _queue.Enqueue(item);
            _queued.Release();
        }

        return item;
    }

    private async Task WorkAsync()
    {
        try
        {
            while (true)
            {
                // Awaited, not blocked on: the sender holds no thread while idle.
                await _queued.WaitAsync(_stopping.Token).ConfigureAwait(false);
                if (_queue.TryDequeue(out YotiIdvEmulatorNotification? item))
                {
                    await DeliverAsync(item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        while (_queue.TryDequeue(out YotiIdvEmulatorNotification? left))
        {
            Finish(left, YotiIdvEmulatorNotificationOutcome.Failed, 0, "not sent: the emulator stopped");
        }
    }

    private async Task DeliverAsync(YotiIdvEmulatorNotification item)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            item.Attempts = attempt;
            int status = 0;
            string? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(item.Body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Authorization", AuthorizationHeader());
                using HttpResponseMessage response = await _http.SendAsync(request, _stopping.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException || ex is System.IO.IOException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    Finish(item, YotiIdvEmulatorNotificationOutcome.Failed, 0, "not sent: the emulator stopped");
                    return;
                }

                error = ex is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0.#} s" : ex.GetType().Name + ": " + (ex.InnerException ?? ex).Message;
            }

            if (status >= 200 && status < 300)
            {
                Finish(item, YotiIdvEmulatorNotificationOutcome.Delivered, status, null);
                return;
            }

            bool retry = status == 0 || status >= 500 || status == 408 || status == 429;
            if (!retry)
            {
                Finish(item, YotiIdvEmulatorNotificationOutcome.Refused, status, null);
                return;
            }

            if (attempt == MaxAttempts)
            {
                Finish(item, YotiIdvEmulatorNotificationOutcome.Failed, status, error);
                return;
            }

            item.StatusCode = status;
            item.Error = error;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 << (attempt - 1)), _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Finish(item, YotiIdvEmulatorNotificationOutcome.Failed, status, "not sent: the emulator stopped");
                return;
            }
        }
    }

    private void Finish(YotiIdvEmulatorNotification item, YotiIdvEmulatorNotificationOutcome outcome, int status, string? error)
    {
        item.StatusCode = status;
        item.Error = error;
        item.Outcome = outcome;
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>The header value, built for one request only.</summary>
    private string AuthorizationHeader()
    {
        IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(_token);
        try
        {
            string token = Marshal.PtrToStringUni(pointer, _token.Length);
            return AuthType == YotiNotificationAuthType.Basic ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token)) : "Bearer " + token;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    private static IEnumerable<string> Ids(JsonNode? array)
    {
        if (array is JsonArray items)
        {
            foreach (JsonNode? item in items)
            {
                if (item is JsonObject obj && obj["id"] is JsonValue value && value.TryGetValue(out string? id) && !string.IsNullOrEmpty(id))
                {
                    yield return id!;
                }
            }
        }
    }

    /// <summary>Task ids of every resource list (id_documents, supplementary_documents ...): <c>resources.*[].tasks[].id</c>.</summary>
    private static IEnumerable<string> TaskIds(JsonNode? resources)
    {
        if (resources is JsonObject lists)
        {
            foreach (KeyValuePair<string, JsonNode?> list in lists)
            {
                if (list.Value is JsonArray entries)
                {
                    foreach (JsonNode? entry in entries)
                    {
                        foreach (string id in Ids((entry as JsonObject)?["tasks"]))
                        {
                            yield return id;
                        }
                    }
                }
            }
        }
    }
}
