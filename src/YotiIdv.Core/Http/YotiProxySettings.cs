using System;
using System.Net;

namespace YotiIdv.Http;

/// <summary>
/// An explicit forward proxy for a connection (Connect-YotiIdv -Proxy), as Invoke-RestMethod has it: the proxy
/// address, and either a credential or the current user's default credentials. Without one, the system proxy
/// settings apply. The password is kept only in a <see cref="NetworkCredential"/> inside this object: it is never
/// a property, never in <see cref="ToString"/>.
/// </summary>
public sealed class YotiProxySettings
{
    private readonly NetworkCredential? _credential;

    public YotiProxySettings(Uri address, NetworkCredential? credential = null, bool useDefaultCredentials = false)
    {
        if (address is null || !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The proxy '{address}' is not an absolute http(s) URI.", nameof(address));
        }

        if (credential != null && useDefaultCredentials)
        {
            throw new ArgumentException("A proxy credential and the default credentials cannot be used together.");
        }

        Address = address;
        _credential = credential;
        UseDefaultCredentials = useDefaultCredentials;
    }

    public Uri Address { get; }

    /// <summary>The proxy user name (never the password), or null.</summary>
    public string? UserName => _credential is null ? null : string.IsNullOrEmpty(_credential.Domain) ? _credential.UserName : _credential.Domain + "\\" + _credential.UserName;

    public bool UseDefaultCredentials { get; }

    /// <summary>The proxy for a handler of its own (one per settings object; see YotiApiClient).</summary>
    // Setting WebProxy.UseDefaultCredentials (even to false) replaces Credentials, so set only one of them.
    internal IWebProxy ToWebProxy() => UseDefaultCredentials
        ? new WebProxy(Address) { UseDefaultCredentials = true }
        : new WebProxy(Address) { Credentials = _credential };

    public override string ToString() =>
        Address + (UserName != null ? " (as " + UserName + ")" : UseDefaultCredentials ? " (default credentials)" : string.Empty);
}
