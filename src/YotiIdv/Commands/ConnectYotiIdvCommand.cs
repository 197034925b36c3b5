using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Signing;

namespace YotiIdv.Commands;

/// <summary>Connect-YotiIdv: sets the SDK id, key and API URL used by the other commands in this session.</summary>
[Cmdlet(VerbsCommunications.Connect, "YotiIdv", DefaultParameterSetName = KeyFileSet)]
[OutputType(typeof(YotiConnection))]
public sealed class ConnectYotiIdvCommand : SafeOutputCmdlet
{
    private const string KeyFileSet = "KeyFile";
    private const string KeySet = "Key";
    private const string EnvironmentSet = "Environment";

    [Parameter(ParameterSetName = KeyFileSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = KeySet, Mandatory = true, Position = 0)]
    [Alias("ClientSdkId")]
    [ValidateNotNullOrEmpty]
    public string SdkId { get; set; } = string.Empty;

    [Parameter(ParameterSetName = KeyFileSet, Mandatory = true, Position = 1)]
    [Alias("KeyFile", "PemFile")]
    [ValidateNotNullOrEmpty]
    public string KeyFilePath { get; set; } = string.Empty;

    [Parameter(ParameterSetName = KeySet, Mandatory = true)]
    [SecureStringTransformation]
    public SecureString? PrivateKey { get; set; }

    [Parameter(ParameterSetName = EnvironmentSet, Mandatory = true)]
    public SwitchParameter FromEnvironment { get; set; }

    [Parameter(ParameterSetName = KeyFileSet)]
    [Parameter(ParameterSetName = KeySet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [Alias("BaseUri", "BaseUrl")]
    public string? ApiUrl { get; set; }

    /// <summary>Retries of transient failures per request.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxRetries { get; set; } = new YotiRequestOptions().MaxRetries;

    /// <summary>Seconds one attempt may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = (int)new YotiRequestOptions().Timeout.TotalSeconds;

    /// <summary>The largest answer read into memory (sessions, reports, media without -OutFile), e.g. 64MB.</summary>
    [Parameter]
    [ValidateRange(1024L, YotiRequestOptions.MaxInMemoryLimit)]
    public long MaxResponseBytes { get; set; } = YotiRequestOptions.DefaultMaxResponseBytes;

    /// <summary>The largest media file streamed to disk, e.g. 16GB.</summary>
    [Parameter]
    [ValidateRange(1024L, long.MaxValue)]
    public long MaxStreamedBytes { get; set; } = YotiRequestOptions.DefaultMaxStreamedBytes;

    /// <summary>A forward proxy for every request of this connection, as Invoke-RestMethod -Proxy; without it the system proxy settings apply.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>The credential for -Proxy (as Invoke-RestMethod -ProxyCredential).</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Authenticate to -Proxy as the current user (as Invoke-RestMethod -ProxyUseDefaultCredentials).</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Origins (https://host[:port]) besides the API URL's that Test-YotiIdentityProfileReport may fetch report key sets from.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TrustedKeyOrigin { get; set; }

    protected override void EndProcessing()
    {
        YotiProxySettings? proxy = CreateProxySettings();
        YotiConnection connection;
        try
        {
            connection = ParameterSetName switch
            {
                KeyFileSet => YotiConnection.FromKeyFile(SdkId, ResolveKeyFile(KeyFilePath), ApiUrl ?? YotiConnection.ApiUrlFromEnvironment()),
                KeySet => CreateFromSecureString(),
                _ => CreateFromEnvironment(),
            };
            connection.SetTrustedKeyOrigins(TrustedKeyOrigin);
        }
        catch (YotiKeyException ex)
        {
            ThrowTerminatingError(ErrorFactory.FromKeyProblem(ex, ParameterSetName == KeyFileSet ? KeyFilePath : null));
            return;
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidConnection, ErrorCategory.InvalidArgument, ApiUrl ?? SdkId));
            return;
        }

        connection.RequestOptions.MaxRetries = MaxRetries;
        connection.RequestOptions.Timeout = TimeSpan.FromSeconds(TimeoutSec);
        connection.RequestOptions.MaxResponseBytes = MaxResponseBytes;
        connection.RequestOptions.MaxStreamedBytes = MaxStreamedBytes;
        connection.Proxy = proxy;
        ConnectionStore.Set(connection);
        if (connection.TakeKeyFileWarning() is string warning)
        {
            WriteWarning(warning);
        }

        WriteVerbose($"Connected to {connection.ApiUrl} as SDK id {connection.SdkId} (key: {connection.KeySource})"
            + (proxy is null ? "." : $" through the proxy {proxy}."));
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    /// <summary>The proxy settings, checked as Invoke-RestMethod checks them; null without -Proxy.</summary>
    private YotiProxySettings? CreateProxySettings()
    {
        string? conflict = Proxy is null && (ProxyCredential != null || ProxyUseDefaultCredentials)
            ? "-ProxyCredential and -ProxyUseDefaultCredentials can be used only with -Proxy."
            : ProxyCredential != null && ProxyUseDefaultCredentials
                ? "-ProxyCredential and -ProxyUseDefaultCredentials cannot be used together."
                : Proxy != null && (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps))
                    ? $"-Proxy '{Proxy}' must be an absolute http or https URI, such as http://proxy.example:8080."
                    : null;
        if (conflict != null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(conflict), ErrorFactory.InvalidParameterCombination, ErrorCategory.InvalidArgument, Proxy));
        }

        return Proxy is null ? null : new YotiProxySettings(Proxy, ProxyCredential?.GetNetworkCredential(), ProxyUseDefaultCredentials);
    }

    private string ResolveKeyFile(string path)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
            if (provider.Name != "FileSystem" || resolved.Count != 1)
            {
                throw new ArgumentException($"-KeyFilePath '{path}' must name exactly one file; it matches {resolved.Count}.");
            }

            return resolved[0];
        }
        catch (ItemNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidKey, ErrorCategory.ObjectNotFound, path)
            {
                ErrorDetails = new ErrorDetails($"The key file '{path}' does not exist."),
            });
            throw; // not reached
        }
    }

    private YotiConnection CreateFromSecureString()
    {
        IntPtr buffer = IntPtr.Zero;
        try
        {
            buffer = Marshal.SecureStringToGlobalAllocUnicode(PrivateKey!);
            string pem = Marshal.PtrToStringUni(buffer) ?? string.Empty;
            return YotiConnection.Create(SdkId, pem, "SecureString", ApiUrl ?? YotiConnection.ApiUrlFromEnvironment());
        }
        finally
        {
            if (buffer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(buffer);
            }
        }
    }

    private YotiConnection CreateFromEnvironment() =>
        YotiConnection.FromEnvironment(path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), ApiUrl)
        ?? throw new ArgumentException(
            $"-FromEnvironment needs the environment variables {YotiConnection.SdkIdVariable} and {YotiConnection.KeyFileVariable}.");
}
