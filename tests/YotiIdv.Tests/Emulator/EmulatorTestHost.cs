using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using YotiIdv.Emulator;
using YotiIdv.Signing;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

/// <summary>An emulator over the sample data plus an HttpClient and a signer with the test key.</summary>
internal sealed class EmulatorTestHost : IDisposable
{
    public EmulatorTestHost(Action<YotiIdvEmulatorOptions>? configure = null)
    {
        var options = new YotiIdvEmulatorOptions
        {
            SdkId = TestPaths.TestSdkId,
            PublicKeyPem = File.ReadAllText(TestPaths.PublicKeyPath),
            DataPath = TestPaths.SampleData,
        };
        configure?.Invoke(options);
        Emulator = YotiIdvEmulator.Start(options);
        Signer = YotiRequestSigner.FromPem(File.ReadAllText(TestPaths.PrivateKeyPath));
        Client = NewClient();
    }

    public YotiIdvEmulator Emulator { get; }

    public YotiRequestSigner Signer { get; }

    public HttpClient Client { get; }

    public static HttpClient NewClient() => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(20) };

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>A signed request for <paramref name="path"/> (relative to the base path); every part can be spoiled.</summary>
    public HttpRequestMessage Signed(HttpMethod method, string path, string? nonce = null, long? timestamp = null, string? sdkId = null,
        YotiRequestSigner? signer = null, string? query = null)
    {
        string target = path + "?" + (query ?? YotiRequestSigner.BuildAuthQuery(sdkId ?? TestPaths.TestSdkId, nonce ?? Guid.NewGuid().ToString(),
            timestamp ?? NowMs));
        string digest = (signer ?? Signer).Sign(YotiRequestSigner.BuildStringToSign(method.Method, target, null));
        var request = new HttpRequestMessage(method, new Uri(Emulator.BaseUri + target, UriKind.Absolute));
        request.Headers.Add("X-Yoti-Auth-Digest", digest);
        return request;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.SendAsync(Signed(HttpMethod.Get, path));

    public static string Session(string id) => "/sessions/" + id;

    public static string Media(string sessionId, string mediaId) => "/sessions/" + sessionId + "/media/" + mediaId + "/content";

    public static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Client.Dispose();
        Signer.Dispose();
        Emulator.Dispose();
    }
}
