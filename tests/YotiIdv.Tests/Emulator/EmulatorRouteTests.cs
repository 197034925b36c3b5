using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using YotiIdv.Emulator;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

/// <summary>The routes added with the lifecycle endpoints (spec 3.3-3.7), the request log and state changes.</summary>
public sealed class EmulatorRouteTests : IDisposable
{
    private const string OngoingSessionId = "e36241c0-7098-407f-a4a5-39b82fb54e31";
    private static readonly string Fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "extra");

    private readonly EmulatorTestHost _host = new EmulatorTestHost();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Configuration_IsTheDataFolderFileByteForByte()
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.DoneSessionId) + "/configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Fixtures, "endpoint-session-configuration.json")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Configuration_WithoutAFile_IsDerivedFromTheSessionChecks()
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId) + "/configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(TestPaths.SeedSessionId, document.RootElement.GetProperty("session_id").GetString());
        Assert.Contains("ID_DOCUMENT_AUTHENTICITY", document.RootElement.GetProperty("requested_checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, document.RootElement.GetProperty("capture").GetProperty("required_resources").GetArrayLength());
    }

    [Fact]
    public async Task TrackedDevices_ServedThenDeletedThen404()
    {
        string path = EmulatorTestHost.Session(TestPaths.DoneSessionId) + "/tracked-devices";
        using (HttpResponseMessage first = await _host.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Fixtures, "endpoint-tracked-devices.json")), await first.Content.ReadAsByteArrayAsync());
        }

        using (HttpResponseMessage deleted = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (HttpResponseMessage gone = await _host.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Contains("TRACKED_DEVICES_NOT_FOUND", await gone.Content.ReadAsStringAsync());
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
    public async Task TrackedDevices_WithoutAFile_AreAnEmptyArray()
    {
        using HttpResponseMessage response = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId) + "/tracked-devices");

        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("includeNonLatin=true", true)]
    [InlineData("includeNonLatin=1", true)]
    [InlineData("includeNonLatin=false", false)]
    public async Task SupportedDocuments_NonLatinOnlyWhenAsked(string? flag, bool expectNonLatin)
    {
        string query = (flag is null ? string.Empty : flag + "&") + YotiIdv.Signing.YotiRequestSigner.BuildAuthQuery(TestPaths.TestSdkId, Guid.NewGuid().ToString(), EmulatorTestHost.NowMs);
        using HttpResponseMessage response = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, "/supported-documents", query: query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        bool[] latin = document.RootElement.GetProperty("supported_countries").EnumerateArray()
            .SelectMany(c => c.GetProperty("supported_documents").EnumerateArray()).Select(d => d.GetProperty("is_strictly_latin").GetBoolean()).ToArray();
        Assert.Equal(expectNonLatin ? 8 : 6, latin.Length);
        Assert.Equal(expectNonLatin, latin.Contains(false));
        var log = _host.Emulator.RequestLog;
        YotiIdvEmulatorRequest logged = log[log.Count - 1];
        Assert.True(logged.Signed);
        Assert.Equal(flag != null, logged.Parameters.ContainsKey("includeNonLatin"));
    }

    [Fact]
    public async Task SupportedDocuments_IsPublic_ButASignatureThatIsSentMustVerify()
    {
        using (HttpResponseMessage unsigned = await _host.Client.GetAsync(new Uri(_host.Emulator.BaseUri + "/supported-documents")))
        {
            Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
            var log = _host.Emulator.RequestLog;
            Assert.False(log[log.Count - 1].Signed);
        }

        using var wrongKey = new YotiIdv.Signing.YotiRequestSigner(System.Security.Cryptography.RSA.Create(2048));
        using HttpResponseMessage forged = await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, "/supported-documents", signer: wrongKey));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task DeleteOfAnOngoingSession_Is409_UntilItsStateChanges()
    {
        string path = EmulatorTestHost.Session(OngoingSessionId);
        using (HttpResponseMessage conflict = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path)))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Contains("SESSION_NOT_COMPLETED", await conflict.Content.ReadAsStringAsync());
        }

        _host.Emulator.SetSessionState(OngoingSessionId, "COMPLETED");
        using (HttpResponseMessage changed = await _host.GetAsync(path))
        {
            using JsonDocument document = JsonDocument.Parse(await changed.Content.ReadAsByteArrayAsync());
            Assert.Equal("COMPLETED", document.RootElement.GetProperty("state").GetString());
            Assert.Equal(OngoingSessionId, document.RootElement.GetProperty("session_id").GetString());
        }

        using HttpResponseMessage deleted = await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => _host.Emulator.SetSessionState(OngoingSessionId, "COMPLETED"));
    }

    [Fact]
    public async Task DeletedSession_TakesItsConfigurationAndDevicesWithIt()
    {
        string path = EmulatorTestHost.Session(TestPaths.DoneSessionId);
        (await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, path))).Dispose();

        using HttpResponseMessage configuration = await _host.GetAsync(path + "/configuration");
        using HttpResponseMessage devices = await _host.GetAsync(path + "/tracked-devices");
        Assert.Equal(HttpStatusCode.NotFound, configuration.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, devices.StatusCode);
    }

    [Fact]
    public async Task RequestLog_CountsEveryRequestWithItsStatus_AndKeepsNoSigningParameters()
    {
        _host.Emulator.ClearRequestLog();
        _host.Emulator.AddFault(YotiIdvFault.Status(503, "/sessions/" + TestPaths.SeedSessionId, count: 1));
        (await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId))).Dispose();
        (await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId))).Dispose();
        (await _host.Client.SendAsync(_host.Signed(HttpMethod.Delete, EmulatorTestHost.Session("00000000-0000-4000-8000-000000000000")))).Dispose();
        (await _host.Client.SendAsync(_host.Signed(HttpMethod.Get, EmulatorTestHost.Session(TestPaths.SeedSessionId), nonce: "not-signed-right", signer: null, sdkId: "wrong"))).Dispose();

        var log = _host.Emulator.RequestLog;
        Assert.Equal(new[] { 503, 200, 404, 401 }, log.Select(r => r.StatusCode));
        Assert.NotNull(log[0].Fault);
        Assert.Equal(1, _host.Emulator.CountRequests("DELETE"));
        Assert.Equal(3, _host.Emulator.CountRequests("get", "/sessions/*"));
        Assert.All(log, r => Assert.Empty(r.Parameters));
        Assert.Equal(new[] { true, true, true, false }, log.Select(r => r.Signed));
    }

    [Fact]
    public async Task InMemoryEndpointData_IsServed()
    {
        _host.Emulator.SetConfiguration(TestPaths.SeedSessionId, "{\"session_id\":\"x\",\"capture\":{\"future\":1}}");
        _host.Emulator.SetTrackedDevices(TestPaths.SeedSessionId, "[{\"event\":\"NEW_EVENT\"}]");
        _host.Emulator.SetSupportedDocuments("{\"supported_countries\":[{\"code\":\"XXX\",\"supported_documents\":[{\"type\":\"T\",\"is_strictly_latin\":false}]}]}");

        using HttpResponseMessage configuration = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId) + "/configuration");
        using HttpResponseMessage devices = await _host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId) + "/tracked-devices");
        using HttpResponseMessage documents = await _host.Client.GetAsync(new Uri(_host.Emulator.BaseUri + "/supported-documents"));
        Assert.Contains("future", await configuration.Content.ReadAsStringAsync());
        Assert.Contains("NEW_EVENT", await devices.Content.ReadAsStringAsync());
        Assert.Equal("{\"supported_countries\":[]}", await documents.Content.ReadAsStringAsync());
        Assert.Throws<InvalidDataException>(() => _host.Emulator.SetTrackedDevices(TestPaths.SeedSessionId, "{}"));
    }

    [Fact]
    public void Router_ListsOneRoutePerEndpoint()
    {
        var routes = YotiIdv.Emulator.Routes.EmulatorRouter.CreateDefault().Routes.Select(r => r.ToString()).ToArray();
        Assert.Equal(routes.Length, routes.Distinct().Count());
        Assert.Contains("DELETE /sessions/{sessionId}/tracked-devices", routes);
    }
}
