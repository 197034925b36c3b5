using System;
using System.IO;
using System.Net;
using YotiIdv.Signing;

namespace YotiIdv.Http;

/// <summary>
/// Everything needed to call the IDV API for one Yoti application: the SDK id, the base URL and the parsed key.
/// The key stays in this process's memory; only a description of where it came from is visible.
/// </summary>
public sealed class YotiConnection : IDisposable
{
    public const string DefaultApiUrl = "https://api.yoti.com/idverify/v1";
    public const string SdkIdVariable = "YOTI_CLIENT_SDK_ID";
    public const string KeyFileVariable = "YOTI_KEY_FILE_PATH";
    public const string ApiUrlVariable = "YOTI_IDV_API_URL";
    public const string LegacyApiUrlVariable = "YOTI_DOC_SCAN_API_URL";

    private YotiConnection(string sdkId, Uri apiUrl, YotiRequestSigner signer, string keySource)
    {
        SdkId = sdkId;
        ApiUrl = apiUrl;
        Signer = signer;
        KeySource = keySource;
        ConnectedAt = DateTimeOffset.UtcNow;
    }

    public string SdkId { get; }

    /// <summary>The base URL, without a trailing '/', e.g. https://api.yoti.com/idverify/v1.</summary>
    public Uri ApiUrl { get; }

    /// <summary>Where the key came from: a file path, 'SecureString' or 'Environment (…)'. Never the key.</summary>
    public string KeySource { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Retry and timeout settings used by every command on this connection; scripts may change them.</summary>
    public YotiRequestOptions RequestOptions { get; } = new YotiRequestOptions();

    /// <summary>An explicit proxy (Connect-YotiIdv -Proxy), or null for the system proxy settings.</summary>
    public YotiProxySettings? Proxy { get; set; }

    internal YotiRequestSigner Signer { get; }

    /// <summary>Creates a connection from PEM text. Throws YotiKeyException or ArgumentException.</summary>
    public static YotiConnection Create(string sdkId, string pem, string keySource, string? apiUrl)
    {
        string checkedSdkId = ValidateSdkId(sdkId);
        Uri uri = ParseApiUrl(apiUrl);
        return new YotiConnection(checkedSdkId, uri, YotiRequestSigner.FromPem(pem), keySource);
    }

    /// <summary>Reads the key file and creates a connection.</summary>
    public static YotiConnection FromKeyFile(string sdkId, string keyFilePath, string? apiUrl, string? keySource = null)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(keyFilePath);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            string why = ex is FileNotFoundException || ex is DirectoryNotFoundException ? "it does not exist" : ex.Message;
            throw new YotiKeyException(YotiKeyProblem.NoPemBlock, $"The key file '{keyFilePath}' cannot be read: {why}", ex);
        }

        return Create(sdkId, pem, keySource ?? keyFilePath, apiUrl);
    }

    /// <summary>
    /// The connection described by YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH and YOTI_IDV_API_URL
    /// (then YOTI_DOC_SCAN_API_URL), or null when the SDK id or key path is not set. <paramref name="resolvePath"/>
    /// turns a relative key path into a full one (PowerShell's current location, not the process's);
    /// <paramref name="apiUrl"/>, when given, wins over the variables.
    /// </summary>
    public static YotiConnection? FromEnvironment(Func<string, string>? resolvePath = null, string? apiUrl = null)
    {
        string? sdkId = Environment.GetEnvironmentVariable(SdkIdVariable);
        string? keyFile = Environment.GetEnvironmentVariable(KeyFileVariable);
        if (string.IsNullOrWhiteSpace(sdkId) || string.IsNullOrWhiteSpace(keyFile))
        {
            return null;
        }

        string path = resolvePath is null ? keyFile! : resolvePath(keyFile!);
        return FromKeyFile(sdkId!, path, string.IsNullOrWhiteSpace(apiUrl) ? ApiUrlFromEnvironment() : apiUrl, "Environment (" + KeyFileVariable + ": " + path + ")");
    }

    /// <summary>YOTI_IDV_API_URL, then YOTI_DOC_SCAN_API_URL, or null.</summary>
    public static string? ApiUrlFromEnvironment()
    {
        foreach (string name in new[] { ApiUrlVariable, LegacyApiUrlVariable })
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses and checks the base URL: absolute http(s), HTTPS unless the host is loopback, no query or fragment.
    /// </summary>
    public static Uri ParseApiUrl(string? apiUrl)
    {
        string text = string.IsNullOrWhiteSpace(apiUrl) ? DefaultApiUrl : apiUrl!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The API URL '{text}' is not an absolute http(s) URL.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException($"The API URL '{text}' must not contain a query, fragment or user information.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new ArgumentException(
                $"The API URL '{text}' uses plain HTTP. Only HTTPS is allowed, except for a loopback address (127.0.0.1, ::1, localhost) such as the local emulator.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), UriKind.Absolute);
    }

    private static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    private static string ValidateSdkId(string? sdkId)
    {
        string? trimmed = sdkId?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException("The SDK id is empty. Copy the Client SDK ID of your application from Yoti Hub.");
        }

        if (YotiId.Normalize(trimmed, out string? reason) is null)
        {
            throw new ArgumentException("The SDK id is not valid: " + reason + ".");
        }

        return trimmed!;
    }

    public override string ToString() => SdkId + " @ " + ApiUrl;

    public void Dispose() => Signer.Dispose();
}
