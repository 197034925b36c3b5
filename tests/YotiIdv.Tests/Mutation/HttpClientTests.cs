using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiResource = YotiIdv.Http.YotiResource;
using YotiIdv.Tests.Hostile;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// YotiApiClient, its body readers and YotiConnection, exchange by exchange over a real loopback server (the
/// hostile test server, which can frame a body any way). Written for the Stryker survivors of src/YotiIdv.Core/Http
/// (tests/mutation/survivors.md): the cmdlet tests never sent a chunked body that succeeds, a body exactly at a
/// limit, a full Yoti error body, or a non-idempotent request, and checked messages only in part.
/// </summary>
[Collection(YotiIdv.Tests.Cmdlets.ConnectionStateCollection.Name)] // FromEnvironment reads process-wide variables
public sealed class HttpClientTests : IDisposable
{
    private const string SessionId = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    private const string MediaId = "3b8d1d3c-75cd-4b5f-93fb-5f1d6c2a4a10";
    private static readonly string Version = typeof(YotiApiClient).Assembly.GetName().Version!.ToString(3);
    private readonly HostileServer _server = new HostileServer(HostileModes.Session());

    private YotiConnection Connection() =>
        YotiConnection.Create(TestPaths.TestSdkId, File.ReadAllText(TestPaths.PrivateKeyPath), "test", _server.BaseUri.AbsoluteUri);

    private YotiApiClient Client(Action<YotiRequestOptions>? configure = null)
    {
        var options = new YotiRequestOptions { MaxRetries = 0, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };
        configure?.Invoke(options);
        return new YotiApiClient(Connection(), options);
    }

    /// <summary>Bytes that differ from their neighbours, so a segment copied to the wrong place is seen.</summary>
    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + (i / 251))).ToArray();

    private static T Wait<T>(Task<T> task)
    {
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "the request hung");
        return task.Result;
    }

    private static YotiApiException Fails(Func<Task> action)
    {
        var task = action();
        Assert.True(((Task)task).ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(60)), "the request hung");
        return Assert.IsType<YotiApiException>(task.Exception?.GetBaseException());
    }

    private static Task<byte[]> ReadWhole(YotiApiClient client) =>
        client.SendAsync(YotiEndpoints.MediaContent(SessionId, MediaId), (response, ct) => response.ReadBytesAsync(ct), CancellationToken.None);

    private static Task<byte[]> ReadStreamed(YotiApiClient client) =>
        client.SendAsync(YotiEndpoints.MediaContent(SessionId, MediaId), async (response, ct) =>
        {
            using Stream body = await response.OpenStreamAsync();
            Assert.True(body.CanRead);
            Assert.False(body.CanSeek);
            Assert.False(body.CanWrite);
            var copy = new MemoryStream();
            await body.CopyToAsync(copy, 1000, ct);
            return copy.ToArray();
        }, CancellationToken.None);

    public static TheoryData<Framing, int> BodyCases() => new TheoryData<Framing, int>
    {
        { Framing.ContentLength, 65536 * 3 + 123 },
        { Framing.UntilClose, 65536 * 3 + 123 },
        { Framing.Chunked, 65536 * 3 + 123 },
        { Framing.Chunked, 65536 },
        { Framing.UntilClose, 65536 * 2 },
        { Framing.Chunked, 1500 },
    };

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void ABodyOfExactlyTheLimitArrivesWholeInAnyFramingAndOneByteLessOfLimitRefusesIt(Framing framing, int length)
    {
        byte[] body = Pattern(length);
        _server.Mode = x => x.SendFramedAsync(200, "image/png", body, framing, ("X-Request-ID", "req-body"));

        Assert.Equal(body, Wait(ReadWhole(Client(o => o.MaxResponseBytes = length))));
        Assert.Equal(body, Wait(ReadStreamed(Client(o => o.MaxStreamedBytes = length))));

        YotiApiException inMemory = Fails(() => ReadWhole(Client(o => o.MaxResponseBytes = length - 1)));
        Assert.Equal(YotiFailureKind.ResponseTooLarge, inMemory.Kind);
        Assert.EndsWith(" (Yoti request id req-body)", inMemory.Message, StringComparison.Ordinal);
        Assert.StartsWith($"GET /sessions/{SessionId}/media/{MediaId}/content returned a response too large for the ", inMemory.Message, StringComparison.Ordinal);
        Assert.Contains(framing == Framing.ContentLength
            ? $"The response announces {length} bytes, more than the limit of {length - 1} bytes; it was not read."
            : $"The response grew past the limit of {length - 1} bytes; the transfer was stopped there.", inMemory.Message, StringComparison.Ordinal);

        YotiApiException streamed = Fails(() => ReadStreamed(Client(o => o.MaxStreamedBytes = length - 1)));
        Assert.Equal(YotiFailureKind.ResponseTooLarge, streamed.Kind);
        Assert.Equal(4, _server.Requests); // the refused ones were not retried
    }

    [Fact]
    public void AnErrorBodyOfExactly64KiBIsKeptWholeAndALongerOneIsCutThereWithANote()
    {
        string whole = new string('x', BoundedBody.MaxErrorBodyBytes);
        _server.Mode = x => x.SendAsync(500, "text/html", whole);
        YotiApiException kept = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(whole, kept.ResponseBody);
        Assert.Equal($"GET /sessions/{SessionId} failed: 500 Internal Server Error.", kept.Message);

        _server.Mode = x => x.SendAsync(500, "text/html", whole + "tail");
        YotiApiException cut = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(whole + Redaction.CutNote, cut.ResponseBody);
        Assert.Equal($"GET /sessions/{SessionId} failed: 500 Internal Server Error. The error body was longer than 64 KiB and was cut there.", cut.Message);

        _server.Mode = x => x.SendAsync(503, "text/html", string.Empty);
        Assert.Equal(string.Empty, Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None)).ResponseBody);
    }

    [Fact]
    public void TheFailureMessageQuotesYotisCodeMessageErrorsAndTheRequestId()
    {
        string body = "{\"code\":\"PAYLOAD_VALIDATION\",\"message\":\"There were errors\",\"extra\":{\"a\":[1]},"
            + "\"errors\":[{\"property\":\"sdk_config\",\"message\":\"must not be null\",\"n\":2},{\"message\":\"second\"},5,{\"property\":7}]}";
        _server.Mode = x => x.SendAsync(400, "application/json", body, ("X-Request-ID", "req-400"));
        YotiApiException ex = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal("PAYLOAD_VALIDATION", ex.YotiErrorCode);
        Assert.Equal("There were errors; sdk_config \"must not be null\"; \"second\"; \"\"", ex.YotiMessage);
        Assert.Equal($"GET /sessions/{SessionId} failed: 400 Bad Request (PAYLOAD_VALIDATION - There were errors; sdk_config \"must not be null\"; \"second\"; \"\") (Yoti request id req-400).", ex.Message);
        Assert.Equal("req-400", ex.RequestId);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(YotiFailureKind.Rejected, ex.Kind);

        _server.Mode = x => x.SendAsync(409, "application/json", "{\"message\":\"only a message\"}", ("X-Request-ID", "  "));
        ex = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal($"GET /sessions/{SessionId} failed: 409 Conflict (no code - only a message).", ex.Message);
        Assert.Null(ex.RequestId);

        _server.Mode = x => x.SendAsync(404, "application/json", "{\"code\":\"SESSION_NOT_FOUND\"}");
        ex = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal($"GET /sessions/{SessionId} failed: 404 Not Found (SESSION_NOT_FOUND).", ex.Message);
        Assert.Equal(YotiFailureKind.NotFound, ex.Kind);
    }

    [Theory]
    [InlineData("[1, 2]", null, null)]
    [InlineData("{\"code\": 5, \"message\": [\"x\"], \"errors\": {\"a\": 1}}", null, null)]
    [InlineData("{\"code\":\"C\",\"errors\":[{\"property\":\"p\",\"message\":\"m\"}]}", "C", "p \"m\"")]
    [InlineData("{\"errors\":[{\"message\":\"a\"},{\"property\":\"q\",\"message\":\"b\"}]}", null, "\"a\"; q \"b\"")]
    [InlineData("{\"code\":\"C\",\"errors\":[{\"property\":\"p\",\"message\":\"never ends", "C", "p \"…\"")]
    [InlineData("{\"code\":\"C\",\"errors\":[{\"message\":\"x\"},{\"message\":\"never ends", "C", "\"x\"; \"…\"")]
    [InlineData("   ", null, null)]
    public void ErrorBodiesAreReadForCodeMessageAndErrors(string body, string? code, string? message)
    {
        Assert.Equal((code, message), YotiApiClient.ParseErrorBody(body));
    }

    [Fact]
    public void AThousandErrorsAreShownUpToAbout2KBThenElided()
    {
        string body = "{\"errors\":[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => "{\"property\":\"p" + i + "\",\"message\":\"m\"}")) + "],\"code\":\"AFTER\"}";
        (string? code, string? message) = YotiApiClient.ParseErrorBody(body);
        Assert.Equal("AFTER", code); // the rest of the array was skipped, not read as the end of the body
        Assert.EndsWith("; …", message, StringComparison.Ordinal);
        Assert.InRange(message!.Length, 2049, 2100);
        Assert.StartsWith("p0 \"m\"; p1 \"m\"; ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStatusOf300IsAFailureAndNoSuccessBodyIsRead()
    {
        _server.Mode = x => x.SendAsync(300, "application/json", HostileModes.SessionJson(SessionId));
        YotiApiException ex = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(300, ex.StatusCode);
        Assert.Equal(YotiFailureKind.Rejected, ex.Kind);
    }

    [Fact]
    public void TimeoutAndConnectionFailureMessagesNameTheEndpoint()
    {
        _server.Mode = x => Task.Delay(TimeSpan.FromSeconds(20), x.Token);
        YotiApiException timeout = Fails(() => Client(o => o.Timeout = TimeSpan.FromSeconds(1.5)).GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(YotiFailureKind.Timeout, timeout.Kind);
        Assert.Equal($"GET /sessions/{SessionId} did not complete within 1.5 s.", timeout.Message);

        _server.Mode = x => Task.CompletedTask; // hang up without an answer
        YotiApiException reset = Fails(() => Client().GetSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(YotiFailureKind.Network, reset.Kind);
        Assert.StartsWith($"GET /sessions/{SessionId} failed: ", reset.Message, StringComparison.Ordinal);
        Assert.True(reset.Message.Length > $"GET /sessions/{SessionId} failed: ".Length);
    }

    [Fact]
    public void ANonIdempotentRequestIsSentOnceADeleteIsRetriedAndA204DeleteSucceeds()
    {
        _server.Mode = x => x.SendAsync(503, "application/json", "{}");
        YotiApiClient client = Client(o => o.MaxRetries = 2);
        YotiApiException post = Fails(() => client.SendAsync(YotiRequest.NotIdempotent(HttpMethod.Post, "/sessions", YotiResource.Session),
            (response, ct) => Task.FromResult(true), CancellationToken.None));
        Assert.Equal(1, post.Attempts);
        Assert.Equal(1, _server.Requests);

        YotiApiException delete = Fails(() => client.DeleteSessionAsync(SessionId, CancellationToken.None));
        Assert.Equal(3, delete.Attempts);
        Assert.Equal(1 + 3, _server.Requests);
        Assert.Equal(new[] { "POST /idverify/v1/sessions", "DELETE /idverify/v1/sessions/" + SessionId }, _server.RequestLines.Distinct().ToArray());

        _server.Mode = x => x.SendAsync(204, "application/json", Array.Empty<byte>());
        Assert.True(Wait(client.DeleteSessionAsync(SessionId, CancellationToken.None)));
        Assert.True(Wait(client.DeleteMediaContentAsync(SessionId, MediaId, CancellationToken.None)));
        Assert.True(Wait(client.DeleteTrackedDevicesAsync(SessionId, CancellationToken.None)));
    }

    [Fact]
    public void SignedRequestsCarryTheSdkHeadersAndKeepTheirQueryAndPublicOnesCarryNoSignature()
    {
        _server.Mode = x => x.SendAsync(200, "application/json", "{\"documents\":[]}");
        Wait(Client().GetSupportedDocumentsAsync(includeNonLatin: true, CancellationToken.None));
        string signed = Assert.Single(_server.RequestHeads);
        Assert.StartsWith("GET /idverify/v1/supported-documents?includeNonLatin=true&sdkId=" + TestPaths.TestSdkId + "&nonce=", signed, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Yoti-SDK: PowerShell\r\n", signed, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Yoti-SDK-Version: PowerShell-" + Version + "\r\n", signed, StringComparison.Ordinal);
        Assert.Contains("\r\nAccept: application/json\r\n", signed, StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: YotiIdv/" + Version + "\r\n", signed, StringComparison.Ordinal);
        Assert.Matches("\r\nX-Yoti-Auth-Digest: [A-Za-z0-9+/=]{300,}\r\n", signed);

        _server.Mode = x => x.SendAsync(200, "application/jwk-set+json", "{\"keys\":[]}");
        Wait(Client().GetKeySetAsync(new Uri(_server.BaseUri, "keys/k1"), CancellationToken.None));
        string unsigned = _server.RequestHeads.Last();
        Assert.StartsWith("GET /idverify/keys/k1 HTTP/1.1\r\n", unsigned, StringComparison.Ordinal);
        Assert.Contains("\r\nAccept: application/json, application/jwk-set+json\r\n", unsigned, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Yoti-Auth-Digest", unsigned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sdkId=", unsigned, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsAreValidatedWhenTheClientIsMade()
    {
        Assert.ThrowsAny<ArgumentException>(() => new YotiApiClient(Connection(), new YotiRequestOptions { MaxRetries = -1 }));
        Assert.Throws<ArgumentNullException>(() => Client().SendAsync<bool>(null!, (r, ct) => Task.FromResult(true), CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public void ApiUrlsAreCheckedWithMessagesThatSayWhatIsWrong()
    {
        string pem = File.ReadAllText(TestPaths.PrivateKeyPath);
        Assert.Equal("The API URL 'ftp://example.com/v1' is not an absolute http(s) URL.",
            Assert.Throws<ArgumentException>(() => YotiConnection.Create(TestPaths.TestSdkId, pem, "t", "ftp://example.com/v1")).Message);
        foreach (string url in new[] { "https://example.com/v1#part", "https://example.com/v1?a=1", "https://user@example.com/v1" })
        {
            Assert.Equal($"The API URL '{url}' must not contain a query, fragment or user information.",
                Assert.Throws<ArgumentException>(() => YotiConnection.Create(TestPaths.TestSdkId, pem, "t", url)).Message);
        }

        Assert.StartsWith("The API URL 'http://example.com/v1' uses plain HTTP. Only HTTPS is allowed, except for a loopback address",
            Assert.Throws<ArgumentException>(() => YotiConnection.Create(TestPaths.TestSdkId, pem, "t", "http://example.com/v1")).Message, StringComparison.Ordinal);
        Assert.Equal("The SDK id is empty. Copy the Client SDK ID of your application from Yoti Hub.",
            Assert.Throws<ArgumentException>(() => YotiConnection.Create(" ", pem, "t", null)).Message);
        Assert.StartsWith("The SDK id is not valid: ",
            Assert.Throws<ArgumentException>(() => YotiConnection.Create("not an id!", pem, "t", null)).Message, StringComparison.Ordinal);

        YotiConnection connection = YotiConnection.Create(TestPaths.TestSdkId, pem, "t", "https://api.example.com/idverify/v1");
        Assert.Equal(TestPaths.TestSdkId + " @ https://api.example.com/idverify/v1", connection.ToString());
    }

    [Fact]
    public void TheEnvironmentNeedsBothVariablesResolvesThePathAndAGivenUrlWins()
    {
        var saved = new[] { YotiConnection.SdkIdVariable, YotiConnection.KeyFileVariable, YotiConnection.ApiUrlVariable, YotiConnection.LegacyApiUrlVariable }
            .ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(YotiConnection.SdkIdVariable, TestPaths.TestSdkId);
            Environment.SetEnvironmentVariable(YotiConnection.KeyFileVariable, null);
            Assert.Null(YotiConnection.FromEnvironment());
            Environment.SetEnvironmentVariable(YotiConnection.SdkIdVariable, null);
            Environment.SetEnvironmentVariable(YotiConnection.KeyFileVariable, "key.pem");
            Assert.Null(YotiConnection.FromEnvironment());

            Environment.SetEnvironmentVariable(YotiConnection.SdkIdVariable, TestPaths.TestSdkId);
            Environment.SetEnvironmentVariable(YotiConnection.ApiUrlVariable, "https://env.example.com/idverify/v1");
            Environment.SetEnvironmentVariable(YotiConnection.LegacyApiUrlVariable, null);
            var asked = new List<string>();
            YotiConnection fromEnvironment = YotiConnection.FromEnvironment(p => { asked.Add(p); return TestPaths.PrivateKeyPath; })!;
            Assert.Equal(new[] { "key.pem" }, asked);
            Assert.Equal("Environment (YOTI_KEY_FILE_PATH: " + TestPaths.PrivateKeyPath + ")", fromEnvironment.KeySource);
            Assert.Equal("https://env.example.com/idverify/v1", fromEnvironment.ApiUrl.AbsoluteUri);

            Assert.Equal("https://given.example.com/v1", YotiConnection.FromEnvironment(_ => TestPaths.PrivateKeyPath, "https://given.example.com/v1")!.ApiUrl.AbsoluteUri);
            Assert.Equal("https://env.example.com/idverify/v1", YotiConnection.FromEnvironment(_ => TestPaths.PrivateKeyPath, " ")!.ApiUrl.AbsoluteUri);

            Environment.SetEnvironmentVariable(YotiConnection.KeyFileVariable, TestPaths.PrivateKeyPath);
            Assert.Equal("Environment (YOTI_KEY_FILE_PATH: " + TestPaths.PrivateKeyPath + ")", YotiConnection.FromEnvironment()!.KeySource);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void AKeyFileOthersCanReadWarnsOncePerConnectionAndAMissingOneIsNamed()
    {
        string folder = Path.Combine(Path.GetTempPath(), "yoti-key-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string key = Path.Combine(folder, "key.pem");
            File.Copy(TestPaths.PrivateKeyPath, key);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                YotiConnection open = YotiConnection.FromKeyFile(TestPaths.TestSdkId, key, null);
                string? warning = open.TakeKeyFileWarning();
                Assert.NotNull(warning);
                Assert.Contains("chmod 600", warning, StringComparison.Ordinal);
                Assert.Null(open.TakeKeyFileWarning());

                File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Assert.Null(YotiConnection.FromKeyFile(TestPaths.TestSdkId, key, null).TakeKeyFileWarning());
            }

            Exception missing = Assert.ThrowsAny<Exception>(() => YotiConnection.FromKeyFile(TestPaths.TestSdkId, Path.Combine(folder, "none.pem"), null));
            Assert.Contains("The key file '" + Path.Combine(folder, "none.pem") + "' does not exist.", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The request line is exactly what was signed: the auth parameters follow '?' directly when the request has no
    /// query of its own, and follow the request's own query after one '&amp;' when it has one (no empty parameter).
    /// </summary>
    [Fact]
    public void TheRequestLineHasTheAuthParametersRightAfterTheRequestsOwnQuery()
    {
        YotiApiClient client = Client();
        Wait(client.SendAsync(YotiEndpoints.Session(SessionId), (response, ct) => response.ReadBytesAsync(ct), CancellationToken.None));
        Wait(client.SendAsync(YotiEndpoints.Session(SessionId).WithQuery("a b", "c&d"), (response, ct) => response.ReadBytesAsync(ct), CancellationToken.None));

        string[] lines = _server.RequestHeads.Select(h => h.Split('\r')[0]).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Matches("^GET /idverify/v1/sessions/" + SessionId + @"\?sdkId=[^&]+&nonce=[0-9a-f-]{36}&timestamp=[0-9]{13} HTTP/1\.1$", lines[0]);
        Assert.Matches("^GET /idverify/v1/sessions/" + SessionId + @"\?a%20b=c%26d&sdkId=[^&]+&nonce=[0-9a-f-]{36}&timestamp=[0-9]{13} HTTP/1\.1$", lines[1]);
    }

    [Fact]
    public void ARequestWithoutAResourceIdIsAboutItsSession()
    {
        Assert.Equal("s1", YotiRequest.NotIdempotent(HttpMethod.Post, "/x", YotiResource.Session, "s1").ResourceId);
        Assert.Equal("r1", YotiRequest.NotIdempotent(HttpMethod.Post, "/x", YotiResource.Session, "s1", "r1").ResourceId);
        Assert.Equal("s1", YotiRequest.NotIdempotent(HttpMethod.Post, "/x", YotiResource.Session, "s1", "r1").SessionId);
        Assert.Equal("s2", YotiRequest.Delete("/x", YotiResource.Session, "s2").ResourceId);
    }

    [Fact]
    public void TheLimitedStreamDisposesWhatItWraps()
    {
        var inner = new MemoryStream(new byte[] { 1, 2, 3 });
        var limited = new LimitedReadStream(inner, 10, 3);
        limited.Dispose();
        Assert.False(inner.CanRead);
    }

    public void Dispose() => _server.Dispose();
}
