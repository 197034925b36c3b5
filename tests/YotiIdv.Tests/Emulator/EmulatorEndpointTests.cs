using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using YotiIdv.Emulator;

using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

public sealed class EmulatorEndpointTests : IDisposable
{
    private readonly EmulatorTestHost _host = new EmulatorTestHost();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void BaseUri_IsLoopbackWithBasePathAndNoTrailingSlash()
    {
        Assert.Equal("http://127.0.0.1:" + _host.Emulator.Port + "/idverify/v1", _host.Emulator.BaseUri.ToString());
        Assert.NotEqual(0, _host.Emulator.Port);
        Assert.True(_host.Emulator.IsRunning);
        Assert.Equal(12, _host.Emulator.SessionIds.Count);
    }

    [Fact]
    public async Task GetSession_ReturnsTheFileBytesAsJson()
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        byte[] expected = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "seed-example-session.json"));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/sessions/00000000-0000-4000-8000-000000000000", "SESSION_NOT_FOUND")]
    [InlineData("/sessions/00000000-0000-4000-8000-000000000000/media/" + "0cb9158b-7940-49af-a72c-bf2f9711c154/content", "SESSION_NOT_FOUND")]
    [InlineData("/sessions/" + TestPaths.SeedSessionId + "/media/00000000-0000-4000-8000-000000000000/content", "MEDIA_NOT_FOUND")]
    [InlineData("/sessions/" + TestPaths.SeedSessionId + "/media/2e572d17-098e-4c77-bd70-bb25a14e9cc2/content", "MEDIA_NOT_FOUND")] // another session's media
    [InlineData("/sessions/f8992779-9335-4678-adfd-3885307ceb44/media/f6dea6e6-71f9-43df-beb0-013140671f66/content", "MEDIA_NOT_FOUND")] // referenced, no file
    [InlineData("/sessions/00000000-0000-4000-8000-000000000000/configuration", "SESSION_NOT_FOUND")]
    [InlineData("/sessions/00000000-0000-4000-8000-000000000000/tracked-devices", "SESSION_NOT_FOUND")]
    [InlineData("/sessions/" + TestPaths.SeedSessionId + "/instructions", "NOT_FOUND")]
    [InlineData("/supported-documents/extra", "NOT_FOUND")]
    public async Task UnknownThings_Answer404WithYotiErrorBody(string path, string code)
    {
        using HttpResponseMessage response = await _host.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, code);
    }

    [Fact]
    public async Task PathOutsideBasePath_Answers404()
    {
        using HttpResponseMessage response = await _host.Client.GetAsync(new Uri("http://127.0.0.1:" + _host.Emulator.Port + "/other/sessions/x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, "NOT_FOUND");
    }

    [Theory]
    [InlineData(TestPaths.SeedSessionId, "0cb9158b-7940-49af-a72c-bf2f9711c154", "0cb9158b-7940-49af-a72c-bf2f9711c154.jpg", "image/jpeg")]
    [InlineData(TestPaths.SeedSessionId, "323eda4e-c32a-4d4b-9ee9-1fbfe9701000", "323eda4e-c32a-4d4b-9ee9-1fbfe9701000.png", "image/png")]
    [InlineData(TestPaths.SeedSessionId, "1df30c53-b2a2-49b9-9265-5015f86cbcb3", "1df30c53-b2a2-49b9-9265-5015f86cbcb3.bin", "application/octet-stream")]
    [InlineData(TestPaths.DoneSessionId, "6e91467a-0998-4868-b9ac-703006f3500d", "6e91467a-0998-4868-b9ac-703006f3500d.json", "application/json")]
    // The identity profile report is served signed (see TestYotiIdentityProfileReportTests), not byte for byte.
    public async Task GetMedia_ServesFileBytesWithContentTypeFromExtension(string sessionId, string mediaId, string file, string contentType)
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Media(sessionId, mediaId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.SampleData, "media", file)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void SampleMedia_DocumentFieldsAndReportAreTheSharedFixtures()
    {
        string fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures");
        string media = Path.Combine(TestPaths.SampleData, "media");
        Assert.Equal(File.ReadAllBytes(Path.Combine(fixtures, "media-document-fields.json")), File.ReadAllBytes(Path.Combine(media, "6e91467a-0998-4868-b9ac-703006f3500d.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(fixtures, "media-identity-profile-report.json")), File.ReadAllBytes(Path.Combine(media, "1ad3a591-2a8c-4767-8c60-c2501402e485.json")));
    }

    [Fact]
    public async Task MediaWith204Marker_AnswersNoContent()
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Media(TestPaths.SeedSessionId, "c0114acc-e8d3-4c93-99ac-6058e09798c2"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteSession_RemovesItUntilReload()
    {
        string path = EmulatorTestHost.Session(TestPaths.DoneSessionId);
        using (HttpResponseMessage deleted = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (HttpResponseMessage gone = await _host.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (HttpResponseMessage again = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path)))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        _host.Emulator.Reload();
        using HttpResponseMessage back = await _host.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task DeleteMedia_Answers204ThenDownloadsAnswer404()
    {
        string path = EmulatorTestHost.Media(TestPaths.DoneSessionId, "e71d2d78-f684-4f2f-9cd5-8c644d3d1427");
        using (HttpResponseMessage deleted = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using HttpResponseMessage gone = await _host.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await AssertErrorAsync(gone, "MEDIA_NOT_FOUND");
    }

    [Fact]
    public async Task AddSessionAndAddMedia_ServeFromMemory()
    {
        string id = _host.Emulator.AddSession("{\"session_id\":\"mem-1\",\"state\":\"ONGOING\",\"resources\":{\"x\":{\"media\":{\"id\":\"m-1\"}}}}");
        _host.Emulator.AddMedia("m-1", new byte[] { 1, 2, 3 }, "image/png");

        using HttpResponseMessage media = await _host.GetAsync(EmulatorTestHost.Media(id, "m-1"));
        Assert.Equal("mem-1", id);
        Assert.Equal("image/png", media.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3 }, await media.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RawSocket_PipelinedRequestsAreAnsweredInOrderAndGarbageGets400()
    {
        string first = _host.Emulator.BaseUri.AbsolutePath + "/nope-1";
        string second = _host.Emulator.BaseUri.AbsolutePath + "/nope-2";
        string raw = "GET " + first + " HTTP/1.1\r\nHost: x\r\n\r\nGET " + second + " HTTP/1.1\r\nHost: x\r\n\r\nBROKEN\r\n\r\n";

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _host.Emulator.Port);
        NetworkStream stream = tcp.GetStream();
        byte[] bytes = Encoding.ASCII.GetBytes(raw);
        await stream.WriteAsync(bytes.AsMemory());
        string text = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(); // server closes after the 400

        Assert.Equal(2, CountOf(text, "HTTP/1.1 401 Unauthorized"));
        Assert.Contains("HTTP/1.1 400 Bad Request", text);
        Assert.True(text.IndexOf("401", StringComparison.Ordinal) < text.IndexOf("400 Bad", StringComparison.Ordinal));
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()));
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
