using System;
using System.Collections.Generic;
using System.Net;

namespace YotiIdv.Proof;

/// <summary>
/// Which key set URLs may be fetched (spec 5.5, security): only on the origin of the connection's API URL or on
/// an origin the user listed, over HTTPS except on loopback. A URL named by a report is never trusted for itself.
/// </summary>
internal static class KeyOrigin
{
    /// <summary>The origin of an absolute http(s) URL, lower case (<c>https://api.yoti.com</c>, default port omitted).</summary>
    public static string Of(Uri url) => url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant();

    /// <summary>Checks a user-given origin (<c>https://keys.example.com</c>); throws ArgumentException with the reason.</summary>
    public static Uri ParseTrusted(string text)
    {
        string trimmed = (text ?? string.Empty).Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The trusted key origin '{YotiId.ForDisplay(trimmed)}' is not an absolute http(s) URL.");
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException($"The trusted key origin '{YotiId.ForDisplay(trimmed)}' must be an origin only (scheme, host and port), such as https://keys.example.com.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new ArgumentException($"The trusted key origin '{YotiId.ForDisplay(trimmed)}' uses plain HTTP; only HTTPS is allowed, except on loopback.");
        }

        return new Uri(Of(uri), UriKind.Absolute);
    }

    /// <summary>
    /// Null when <paramref name="publicKeyUrl"/> may be fetched, else why not. <paramref name="trusted"/> are origins
    /// (the connection's API origin first).
    /// </summary>
    public static string? WhyUntrusted(string? publicKeyUrl, IEnumerable<Uri> trusted, out Uri? url)
    {
        url = null;
        if (string.IsNullOrEmpty(publicKeyUrl))
        {
            return "The proof names no key set (public_key_url); give one with -JwksPath.";
        }

        if (!Uri.TryCreate(publicKeyUrl, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(parsed.UserInfo) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            return $"The proof's public_key_url '{YotiId.ForDisplay(publicKeyUrl)}' is not a plain absolute http(s) URL; nothing was requested.";
        }

        if (parsed.Scheme == Uri.UriSchemeHttp && !IsLoopback(parsed))
        {
            return $"The proof's key set '{YotiId.ForDisplay(publicKeyUrl)}' is on plain HTTP; only HTTPS (or loopback) is fetched. Nothing was requested.";
        }

        string origin = Of(parsed);
        foreach (Uri candidate in trusted)
        {
            if (string.Equals(Of(candidate), origin, StringComparison.Ordinal))
            {
                url = parsed;
                return null;
            }
        }

        return $"The proof's key set is on {YotiId.ForDisplay(origin)}, which is neither the API origin of the connection nor a trusted key origin (Connect-YotiIdv -TrustedKeyOrigin); nothing was requested. Give a key set you trust with -JwksPath.";
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address));
}
