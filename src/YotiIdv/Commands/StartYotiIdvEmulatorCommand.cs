using System;
using System.IO;
using System.Management.Automation;
using YotiIdv.Emulator;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Signing;

namespace YotiIdv.Commands;

/// <summary>
/// Start-YotiIdvEmulator: a loopback emulator of the Yoti IDV API that verifies signatures like Yoti, serving
/// sessions and media from a folder (by default the TEST-ONLY sample data shipped with the module).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "YotiIdvEmulator")]
[OutputType(typeof(YotiIdvEmulator))]
public sealed class StartYotiIdvEmulatorCommand : SafeOutputCmdlet
{
    private const string TestPrivateKeyFile = "keys/test-only-private-key.pem";

    /// <summary>The data folder: sessions/*.json, media/, keys/. Default: the module's Emulator/SampleData.</summary>
    [Parameter(Position = 0)]
    [Alias("DataPath")]
    public string? Path { get; set; }

    /// <summary>The SDK id requests must carry. Default: keys/sdk-id.txt in the data folder.</summary>
    [Parameter]
    public string? SdkId { get; set; }

    /// <summary>The PEM key requests are verified with. Default: keys/test-only-public-key.pem in the data folder.</summary>
    [Parameter]
    public string? PublicKeyPath { get; set; }

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>Milliseconds added before every response, to behave like a distant server.</summary>
    [Parameter]
    [ValidateRange(0, 600000)]
    public int AddedLatencyMs { get; set; }

    /// <summary>Requests per second before 429 Too Many Requests; 0 means no limit.</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public int RateLimitPerSecond { get; set; }

    /// <summary>Also connect this session to the emulator with the data folder's test private key.</summary>
    [Parameter]
    public SwitchParameter Connect { get; set; }

    /// <summary>POST notifications like Yoti to this URL when a session's state changes ($emulator.SetSessionState).</summary>
    [Parameter]
    public Uri? NotificationEndpoint { get; set; }

    /// <summary>The auth_token sent with each notification; required with -NotificationEndpoint. Never shown.</summary>
    [Parameter]
    [SecureStringTransformation]
    public System.Security.SecureString? NotificationAuthToken { get; set; }

    /// <summary>How the token is sent: Basic (base64 of the token; the default) or Bearer.</summary>
    [Parameter]
    public YotiIdv.Notifications.YotiNotificationAuthType NotificationAuthType { get; set; } = YotiIdv.Notifications.YotiNotificationAuthType.Basic;

    /// <summary>Topics to send (default check_completion, task_completion, session_completion), like Yoti's notifications.topics.</summary>
    [Parameter]
    public string[]? NotificationTopic { get; set; }

    protected override void EndProcessing()
    {
        string dataPath = Path is null ? DefaultDataPath() : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!Directory.Exists(dataPath))
        {
            ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The emulator data folder '{dataPath}' does not exist."),
                "YotiEmulatorDataNotFound", ErrorCategory.ObjectNotFound, dataPath));
        }

        if (NotificationEndpoint != null && (NotificationAuthToken is null || NotificationAuthToken.Length == 0))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NotificationEndpoint needs -NotificationAuthToken (the auth_token Yoti would send)."),
                "YotiEmulatorStartFailed", ErrorCategory.InvalidArgument, NotificationEndpoint));
        }

        YotiIdvEmulator emulator;
        try
        {
            emulator = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions
            {
                DataPath = dataPath,
                SdkId = SdkId,
                PublicKeyPem = PublicKeyPath is null ? null : File.ReadAllText(SessionState.Path.GetUnresolvedProviderPathFromPSPath(PublicKeyPath)),
                Port = Port,
                AddedLatency = TimeSpan.FromMilliseconds(AddedLatencyMs),
                RateLimitPerSecond = RateLimitPerSecond,
                NotificationEndpoint = NotificationEndpoint,
                NotificationAuthToken = NotificationAuthToken,
                NotificationAuthType = NotificationAuthType,
                NotificationTopics = NotificationTopic,
            });
        }
        catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is UnauthorizedAccessException || ex is System.Net.Sockets.SocketException || ex is YotiKeyException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "YotiEmulatorStartFailed", ErrorCategory.OpenError, dataPath));
            return;
        }

        EmulatorRegistry.Add(emulator);
        WriteVerbose($"Emulator serving {emulator.SessionIds.Count} sessions from '{dataPath}' at {emulator.BaseUri} for SDK id {emulator.SdkId}.");
        if (emulator.Notifications != null)
        {
            WriteVerbose($"Notifications ({emulator.Notifications.AuthType}; {string.Join(", ", emulator.Notifications.Topics)}) go to {emulator.Notifications.Endpoint}.");
        }

        if (Connect)
        {
            ConnectTo(emulator, dataPath);
        }

        WriteObject(emulator);
    }

    private void ConnectTo(YotiIdvEmulator emulator, string dataPath)
    {
        string keyFile = System.IO.Path.Combine(dataPath, TestPrivateKeyFile);
        if (!File.Exists(keyFile))
        {
            emulator.Stop();
            EmulatorRegistry.Take(new[] { emulator });
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"-Connect needs the test private key '{keyFile}'."),
                "YotiEmulatorStartFailed", ErrorCategory.ObjectNotFound, keyFile));
        }

        YotiConnection connection = YotiConnection.FromKeyFile(emulator.SdkId, keyFile, emulator.BaseUri.AbsoluteUri, "Emulator test key (" + keyFile + ")");
        ConnectionStore.Set(connection);
        WriteVerbose($"Connected to the emulator at {connection.ApiUrl}.");
    }

    private static string DefaultDataPath() =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(StartYotiIdvEmulatorCommand).Assembly.Location) ?? ".", "Emulator", "SampleData");
}
