using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using YotiIdv.Notifications;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The notification listener of the Core over real loopback sockets, every answer compared byte for byte: what each
/// refusal says, that only a stored notification is acknowledged, the queue limit, keep-alive, and the prefix rules.
/// The cmdlet around it (Receive-YotiNotification) is tested in tests/Pester/Receive-YotiNotification.Tests.ps1.
/// </summary>
public sealed class NotificationListenerTests : IDisposable
{
    private const string Token = "listener-test-token";
    private const string SessionId = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    private static readonly string Body = "{\"session_id\":\"" + SessionId + "\",\"topic\":\"session_completion\"}";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yoti-listener-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void ANotificationIsStoredExactlyAsSentThenAnsweredOk_AndTakenFromTheQueue()
    {
        using NotificationListener listener = Start(out NotificationSpool spool);
        Assert.Equal("/yoti/", listener.Prefix.AbsolutePath);
        Assert.NotEqual(0, listener.Prefix.Port);
        Assert.Equal("127.0.0.1", listener.Prefix.Host);

        string answer = Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true));
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), answer);
        Assert.Equal(1, listener.Accepted);
        Assert.Equal(0, listener.Refused);
        Assert.Equal(1, listener.Queued);

        string file = Assert.Single(spool.List());
        Assert.Equal(Body, File.ReadAllText(file));
        Assert.True(listener.TryTake(out SpooledNotification? taken, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(file, taken!.Path);
        Assert.Equal(SessionId, taken.Notification.SessionId);
        Assert.Equal("session_completion", taken.Notification.Topic);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), taken.Notification.NotificationId);
        Assert.Equal(0, listener.Queued);
        Assert.False(listener.TryTake(out SpooledNotification? none, TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.Null(none);
    }

    [Fact]
    public void APathWithoutItsTrailingSlashAndOneBelowThePrefixAreServed_OthersAre404()
    {
        using NotificationListener listener = Start(out NotificationSpool spool);
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti", Body, Bearer(Token), close: true)));
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti/hook", Body, Bearer(Token), close: true)));
        Assert.Equal(Answer(404, "Not Found", "Not found.", keepAlive: false), Exchange(listener, Post("/other/", Body, Bearer(Token), close: true)));
        Assert.Equal(Answer(404, "Not Found", "Not found.", keepAlive: false), Exchange(listener, Post("/yotix", Body, Bearer(Token), close: true)));
        Assert.Equal(2, spool.List().Count);
        Assert.Equal(2, listener.Accepted);
        Assert.Equal(2, listener.Refused);
    }

    [Fact]
    public void EachRefusalHasItsStatusReasonMessageAndHeader_AndStoresNothing()
    {
        using NotificationListener listener = Start(out NotificationSpool spool);
        Assert.Equal(Answer(405, "Method Not Allowed", "Only POST is accepted.", keepAlive: false, "Allow: POST"),
            Exchange(listener, "GET /yoti/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        Assert.Equal(Answer(401, "Unauthorized", "Unauthorized.", keepAlive: false, "WWW-Authenticate: Bearer"),
            Exchange(listener, Post("/yoti/", Body, Bearer("wrong"), close: true)));
        Assert.Equal(Answer(401, "Unauthorized", "Unauthorized.", keepAlive: false, "WWW-Authenticate: Bearer"),
            Exchange(listener, Post("/yoti/", Body, null, close: true)));
        Assert.Equal(Answer(400, "Bad Request", "Not a Yoti notification: The notification has no session_id.", keepAlive: false),
            Exchange(listener, Post("/yoti/", "{\"topic\":\"x\"}", Bearer(Token), close: true)));
        Assert.Equal(Answer(413, "Payload Too Large", "The body is larger than 65536 bytes.", keepAlive: false),
            Exchange(listener, "POST /yoti/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Token + "\r\nContent-Length: 65537\r\n\r\n"));
        Assert.Equal(Answer(411, "Length Required", "Transfer-Encoding request bodies are not supported; send Content-Length.", keepAlive: false),
            Exchange(listener, "POST /yoti/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        Assert.Equal(Answer(400, "Bad Request", "Malformed request line.", keepAlive: false),
            Exchange(listener, "NONSENSE\r\n\r\n"));
        Assert.Empty(spool.List());
        Assert.Equal(0, listener.Accepted);
        Assert.Equal(7, listener.Refused);
        Assert.Equal(0, listener.Queued);
    }

    [Fact]
    public void BasicAnswersWithItsRealmChallenge()
    {
        using NotificationListener listener = Start(out _, YotiNotificationAuthType.Basic);
        Assert.Equal(Answer(401, "Unauthorized", "Unauthorized.", keepAlive: false, "WWW-Authenticate: Basic realm=\"yoti-notifications\""),
            Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Token));
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti/", Body, basic, close: true)));
    }

    [Fact]
    public void AFullQueueAnswers503WithRetryAfter_UntilASlotIsReleased()
    {
        using NotificationListener listener = Start(out NotificationSpool spool, queueLimit: 1);
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
        Assert.Equal(Answer(503, "Service Unavailable", "Too many notifications waiting; try again later.", keepAlive: false, "Retry-After: 5"),
            Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
        Assert.Single(spool.List());

        // Taking the notification does not free its slot: only Release does (once the pipeline is done with it).
        Assert.True(listener.TryTake(out _, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.StartsWith("HTTP/1.1 503 ", Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)), StringComparison.Ordinal);
        listener.Release();
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
        Assert.Equal(2, spool.List().Count);
        Assert.Equal(2, listener.Accepted);
        Assert.Equal(2, listener.Refused);
    }

    [Fact]
    public void ANotificationThatCannotBeStoredIs500_AndItsSlotIsFreed()
    {
        using NotificationListener listener = Start(out NotificationSpool spool, queueLimit: 1);
        Directory.Delete(spool.Folder);
        File.WriteAllText(spool.Folder, "a file where the spool folder was");
        try
        {
            Assert.Equal(Answer(500, "Internal Server Error", "The notification could not be stored.", keepAlive: false),
                Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
            Assert.Equal(0, listener.Queued);
        }
        finally
        {
            File.Delete(spool.Folder);
            Directory.CreateDirectory(spool.Folder);
        }

        // The failed write gave its slot back: with a queue of one, the next notification is accepted.
        Assert.Equal(Answer(200, "OK", "OK", keepAlive: false), Exchange(listener, Post("/yoti/", Body, Bearer(Token), close: true)));
        Assert.Equal(1, listener.Accepted);
        Assert.Equal(1, listener.Refused);
    }

    [Fact]
    public void KeepAliveServesSeveralRequestsOnOneConnection_AndAMalformedOneClosesIt()
    {
        using NotificationListener listener = Start(out NotificationSpool spool);
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, listener.Prefix.Port);
        NetworkStream stream = client.GetStream();
        stream.ReadTimeout = 5000;
        string ok = Answer(200, "OK", "OK", keepAlive: true);
        Send(stream, Post("/yoti/", Body, Bearer(Token), close: false));
        Assert.Equal(ok, ReadAnswer(stream, ok.Length));
        Send(stream, "GET /yoti/ HTTP/1.1\r\nHost: x\r\n\r\n");
        string refused = Answer(405, "Method Not Allowed", "Only POST is accepted.", keepAlive: true, "Allow: POST");
        Assert.Equal(refused, ReadAnswer(stream, refused.Length));
        Send(stream, Post("/yoti/", Body, Bearer(Token), close: false));
        Assert.Equal(ok, ReadAnswer(stream, ok.Length));
        Send(stream, "BROKEN\r\n\r\n");
        string bad = Answer(400, "Bad Request", "Malformed request line.", keepAlive: false);
        Assert.Equal(bad, ReadToEnd(stream));
        Assert.Equal(2, spool.List().Count);
    }

    [Fact]
    public void AfterStopNothingIsAccepted_AndStopCanBeCalledTwice()
    {
        NotificationListener listener = Start(out _);
        int port = listener.Prefix.Port;
        listener.Stop();
        listener.Stop();
        using var client = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => client.Connect(IPAddress.Loopback, port));
        Assert.False(listener.TryTake(out _, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public void TryTakeReturnsFalseWhenCancelled()
    {
        using NotificationListener listener = Start(out _);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(listener.TryTake(out SpooledNotification? item, TimeSpan.FromSeconds(5), cancelled.Token));
        Assert.Null(item);
    }

    [Theory]
    [InlineData("http://+:8080/yoti/", "0.0.0.0", 8080, "127.0.0.1", "/yoti/")]
    [InlineData("http://*:8080/yoti", "0.0.0.0", 8080, "127.0.0.1", "/yoti/")]
    [InlineData("http://localhost:0/", "127.0.0.1", 0, "127.0.0.1", "/")]
    [InlineData("HTTP://LOCALHOST:65535", "127.0.0.1", 65535, "127.0.0.1", "/")]
    [InlineData("http://127.0.0.1/a/b", "127.0.0.1", 80, "127.0.0.1", "/a/b/")]
    [InlineData("http://[::1]:9000/x/", "::1", 9000, "[::1]", "/x/")]
    public void APrefixGivesTheAddressPortHostAndPathServed(string prefix, string address, int port, string host, string path)
    {
        (IPAddress parsedAddress, int parsedPort, string parsedHost, string parsedPath) = NotificationListener.ParsePrefix(prefix);
        Assert.Equal(IPAddress.Parse(address), parsedAddress);
        Assert.Equal(port, parsedPort);
        Assert.Equal(host, parsedHost);
        Assert.Equal(path, parsedPath);
    }

    [Theory]
    [InlineData("https://+:8443/", "The listener speaks plain HTTP: terminate TLS in front of it (a reverse proxy such as IIS, nginx or a cloud gateway) and give an http:// prefix.")]
    [InlineData("ftp://+:21/", "'ftp://+:21/' must start with http://.")]
    [InlineData("http://example.com:8080/", "The host of 'http://example.com:8080/' must be an IP address, localhost, + or * (every address); 'example.com' is a name.")]
    [InlineData("http://+:65536/", "The port of 'http://+:65536/' must be between 0 and 65535.")]
    [InlineData("http://+:8080/yoti/?a=b", "'http://+:8080/yoti/?a=b' is not a listener prefix such as http://+:8080/yoti/ (scheme, host, optional port and path; no query).")]
    [InlineData("", "'' is not a listener prefix such as http://+:8080/yoti/ (scheme, host, optional port and path; no query).")]
    public void AnUnservablePrefixIsRefusedWithItsReason(string prefix, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => NotificationListener.ParsePrefix(prefix));
        Assert.Equal("prefix", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartNeedsAnAuthenticatorAndASpool()
    {
        var spool = new NotificationSpool(_folder);
        Assert.Equal("authenticator", Assert.Throws<ArgumentNullException>(() => NotificationListener.Start("http://127.0.0.1:0/", null!, spool, 1, null)).ParamName);
        Assert.Equal("spool", Assert.Throws<ArgumentNullException>(() => NotificationListener.Start("http://127.0.0.1:0/", Authenticator(YotiNotificationAuthType.Bearer), null!, 1, null)).ParamName);
    }

    private NotificationListener Start(out NotificationSpool spool, YotiNotificationAuthType type = YotiNotificationAuthType.Bearer, int queueLimit = 10)
    {
        spool = new NotificationSpool(_folder);
        return NotificationListener.Start("http://127.0.0.1:0/yoti/", Authenticator(type), spool, queueLimit, null);
    }

    private static NotificationAuthenticator Authenticator(YotiNotificationAuthType type) =>
        new NotificationAuthenticator(YotiIdv.Tests.Notifications.NotificationParsingTests.Secure(Token), type);

    private static string Bearer(string token) => "Bearer " + token;

    private static string Post(string path, string body, string? authorization, bool close) =>
        "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + (authorization is null ? string.Empty : "Authorization: " + authorization + "\r\n")
        + (close ? "Connection: close\r\n" : string.Empty)
        + "Content-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;

    /// <summary>The listener's answer, exactly: status line, the three fixed headers, the extra one, a JSON body.</summary>
    private static string Answer(int status, string reason, string message, bool keepAlive, string? header = null)
    {
        string body = "{\"status\":" + status + ",\"message\":\"" + message.Replace("\"", "\\\"") + "\"}";
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n"
            + (keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
            + (header is null ? string.Empty : header + "\r\n") + "\r\n" + body;
    }

    private static string Exchange(NotificationListener listener, string request)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, listener.Prefix.Port);
        NetworkStream stream = client.GetStream();
        stream.ReadTimeout = 5000;
        Send(stream, request);
        return ReadToEnd(stream);
    }

    private static void Send(NetworkStream stream, string request)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(request);
        stream.Write(bytes, 0, bytes.Length);
    }

    private static string ReadToEnd(NetworkStream stream)
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(all.ToArray());
    }

    private static string ReadAnswer(NetworkStream stream, int length)
    {
        var buffer = new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = stream.Read(buffer, total, length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
