using System;
using System.IO;
using System.Net;
using YotiIdv.Files;
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

    public YotiIdv.Model.YotiTimestamp ConnectedAt { get; }

    /// <summary>Retry and timeout settings used by every command on this connection; scripts may change them.</summary>
    public YotiRequestOptions RequestOptions { get; } = new YotiRequestOptions();

    /// <summary>An explicit proxy (Connect-YotiIdv -Proxy), or null for the system proxy settings.</summary>
    public YotiProxySettings? Proxy { get; set; }

    internal YotiRequestSigner Signer { get; }

    /// <summary>
    /// Origins besides the API URL's from which Test-YotiIdentityProfileReport may fetch report key sets
    /// (Connect-YotiIdv -TrustedKeyOrigin); HTTPS only, except on loopback.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<Uri> TrustedKeyOrigins { get; private set; } = Model.YotiReadOnlyList<Uri>.Empty; // a readable CSV cell

    /// <summary>Sets <see cref="TrustedKeyOrigins"/>; throws ArgumentException for anything that is not an origin.</summary>
    public void SetTrustedKeyOrigins(System.Collections.Generic.IEnumerable<string>? origins) =>
        TrustedKeyOrigins = Model.YotiReadOnlyListExtensions.ToYotiList(System.Linq.Enumerable.Select(origins ?? Array.Empty<string>(), Proof.KeyOrigin.ParseTrusted));

    /// <summary>Creates a connection from PEM text. Throws YotiKeyException or ArgumentException.</summary>
    public static YotiConnection Create(string sdkId, string pem, string keySource, string? apiUrl)
    {
        string checkedSdkId = ValidateSdkId(sdkId);
        Uri uri = ParseApiUrl(apiUrl);
        var connection = new YotiConnection(checkedSdkId, uri, YotiRequestSigner.FromPem(pem), keySource);
        Redaction.RegisterKey(pem); // a server echoing the key, in any form, is redacted from then on
        return connection;
    }

    /// <summary>No key file is larger than this; anything larger is refused before reading.</summary>
    public const long MaxKeyFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads the key file (only a regular file of at most 1 MiB, checked before opening) and creates a connection.
    /// On Unix, a key that group or others can read gives <see cref="KeyFileWarning"/>.
    /// </summary>
    public static YotiConnection FromKeyFile(string sdkId, string keyFilePath, string? apiUrl, string? keySource = null)
    {
        string pem;
        try
        {
            pem = LocalFile.ReadAllText(keyFilePath, MaxKeyFileBytes, "key file");
        }
        catch (LocalFileException ex)
        {
            YotiKeyProblem problem = ex.Problem switch
            {
                LocalFileProblem.NotRegularFile => YotiKeyProblem.NotARegularFile,
                LocalFileProblem.TooLarge => YotiKeyProblem.FileTooLarge,
                _ => YotiKeyProblem.FileUnreadable,
            };
            throw new YotiKeyException(problem, ex.Message, ex);
        }

        YotiConnection connection = Create(sdkId, pem, keySource ?? keyFilePath, apiUrl);
        // The emulator's published test keys (test-only-*.pem) are not secrets; every checkout makes them 0644.
        bool publishedTestKey = Path.GetFileName(keyFilePath).StartsWith("test-only-", StringComparison.OrdinalIgnoreCase);
        if (!publishedTestKey && LocalFile.ReadableByOthers(keyFilePath) is string mode)
        {
            connection.KeyFileWarning =
                $"The key file '{keyFilePath}' can be read by other users (mode {mode}). Anyone who can read it can act as your Yoti application; run: chmod 600 '{keyFilePath}'";
        }

        return connection;
    }

    /// <summary>A warning about the key file (readable by group or others), shown once per connection; or null.</summary>
    public string? KeyFileWarning { get; private set; }

    private int _warned;

    /// <summary>The <see cref="KeyFileWarning"/> the first time this is called, then null: one warning per connection.</summary>
    public string? TakeKeyFileWarning() =>
        KeyFileWarning != null && System.Threading.Interlocked.Exchange(ref _warned, 1) == 0 ? KeyFileWarning : null;

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
