using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using YotiIdv.Emulator;
using YotiIdv.Signing;

namespace YotiIdv.Tests.Emulator;

/// <summary>Repository paths the emulator tests use.</summary>
internal static class TestPaths
{
    public const string TestSdkId = "4b1d9a7e-2f6c-4c1e-9a55-0d3e8c7f1a21";
    public const string SeedSessionId = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    public const string DoneSessionId = "dc376625-6bec-4fc8-9740-bd06f2220c65";

    private static readonly Lazy<string> Root = new Lazy<string>(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    public static string SampleData => Path.Combine(RepoRoot, "src", "YotiIdv", "Emulator", "SampleData");

    public static string PrivateKeyPath => Path.Combine(RepoRoot, "tests", "fixtures", "extra", "signing", "test-key-pkcs1.pem");

    public static string PublicKeyPath => Path.Combine(RepoRoot, "tests", "fixtures", "extra", "signing", "test-key-public.pem");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YotiIdv.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("YotiIdv.sln not found above " + AppContext.BaseDirectory);
    }
}

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
