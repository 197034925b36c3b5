using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using YotiIdv.Emulator;

using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task ConcurrentKeepAliveClients_AllSucceed()
    {
        using var host = new EmulatorTestHost();
        string path = EmulatorTestHost.Session(TestPaths.DoneSessionId);

        // 16 clients with their own connection pools, 200 requests in total.
        var clients = Enumerable.Range(0, 16).Select(_ => EmulatorTestHost.NewClient()).ToArray();
        var watch = Stopwatch.StartNew();
        HttpStatusCode[][] results = await Task.WhenAll(clients.Select(async (client, index) =>
        {
            int count = index < 8 ? 13 : 12; // 8*13 + 8*12 = 200
            var statuses = new HttpStatusCode[count];
            for (int i = 0; i < count; i++)
            {
                using HttpResponseMessage response = await client.SendAsync(host.Signed(HttpMethod.Get, path));
                await response.Content.ReadAsByteArrayAsync();
                statuses[i] = response.StatusCode;
            }

            return statuses;
        }));

        foreach (HttpClient client in clients)
        {
            client.Dispose();
        }

        Assert.Equal(200, results.Sum(r => r.Length));
        Assert.All(results.SelectMany(r => r), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(200, host.Emulator.Stats.RequestsServed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Stop_IsIdempotentFastAndReleasesThePort()
    {
        var host = new EmulatorTestHost();
        host.Emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromSeconds(30)));
        int port = host.Emulator.Port;
        Task<HttpResponseMessage> pending = host.GetAsync(EmulatorTestHost.Session(TestPaths.SeedSessionId)); // parked in the latency fault
        await Task.Delay(200);

        var watch = Stopwatch.StartNew();
        host.Emulator.Stop();
        host.Emulator.Stop();
        host.Dispose();
        watch.Stop();

        Assert.False(host.Emulator.IsRunning);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
        await Assert.ThrowsAnyAsync<Exception>(() => pending);

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listener.Stop();
    }

    [Fact]
    public void Start_OnFixedPort_UsesIt()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        using var host = new EmulatorTestHost(o => o.Port = port);

        Assert.Equal(port, host.Emulator.Port);
        Assert.Equal(port, host.Emulator.BaseUri.Port);
    }

    [Fact]
    public void Start_ReadsKeyAndSdkIdFromDataFolderWhenNotGiven()
    {
        using YotiIdvEmulator emulator = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions { DataPath = TestPaths.SampleData });

        Assert.Equal(TestPaths.TestSdkId, emulator.SdkId);
        Assert.Equal(Path.GetFullPath(TestPaths.SampleData), emulator.DataPath);
    }

    [Fact]
    public void Start_WithBadSessionFile_FailsNamingTheFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "yotiidv-emu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "sessions"));
        try
        {
            File.WriteAllText(Path.Combine(folder, "sessions", "broken.json"), "{\"state\":\"DONE\"}");
            var options = new YotiIdvEmulatorOptions { DataPath = folder, SdkId = "x", PublicKeyPem = File.ReadAllText(TestPaths.PublicKeyPath) };

            InvalidDataException error = Assert.Throws<InvalidDataException>(() => YotiIdvEmulator.Start(options));

            Assert.Contains("broken.json", error.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Start_WithoutKey_FailsClearly()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => YotiIdvEmulator.Start(new YotiIdvEmulatorOptions { SdkId = "x" }));

        Assert.Contains("PublicKeyPem", error.Message);
    }
}
