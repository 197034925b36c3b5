using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace YotiIdv.Notifications;

/// <summary>How Yoti authenticates a notification: the <c>auth_type</c> given at session creation (spec 3.10).</summary>
public enum YotiNotificationAuthType
{
    /// <summary><c>Authorization: Basic base64(auth_token)</c>.</summary>
    Basic,

    /// <summary><c>Authorization: Bearer auth_token</c>.</summary>
    Bearer,
}

/// <summary>
/// Checks the <c>Authorization</c> header of a notification, the only thing that proves it comes from Yoti
/// (there is no signature on the body). Only SHA-256 digests of the accepted credentials are kept, never the
/// token, and the comparison takes the same time whatever the header holds.
/// </summary>
/// <remarks>
/// Basic is read liberally: Yoti documents <c>Basic base64(auth_token)</c>, and an <c>auth_token</c> of the form
/// <c>user:password</c> gives the usual Basic header; a header that carries the configured token itself after
/// the scheme is accepted too, so a token configured already in Base64 works either way.
/// </remarks>
public sealed class NotificationAuthenticator
{
    private readonly YotiNotificationAuthType _type;
    private readonly byte[] _expected;
    private readonly byte[] _alternative;

    public NotificationAuthenticator(SecureString token, YotiNotificationAuthType type)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        if (token.Length == 0)
        {
            throw new ArgumentException("The notification auth token is empty.", nameof(token));
        }

        _type = type;
        byte[] utf8 = ToUtf8(token);
        try
        {
            _expected = Digest(type == YotiNotificationAuthType.Basic ? Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8)) : utf8);
            _alternative = Digest(utf8);
        }
        finally
        {
            Array.Clear(utf8, 0, utf8.Length);
        }
    }

    public YotiNotificationAuthType AuthType => _type;

    /// <summary>The <c>WWW-Authenticate</c> challenge of a 401 answer.</summary>
    public string Challenge => _type == YotiNotificationAuthType.Basic ? "Basic realm=\"yoti-notifications\"" : "Bearer";

    /// <summary>True when <paramref name="authorization"/> (the header value as received) carries the configured token.</summary>
    public bool IsAuthorized(string? authorization)
    {
        string scheme = _type == YotiNotificationAuthType.Basic ? "Basic" : "Bearer";
        string value = (authorization ?? string.Empty).Trim();
        int space = value.IndexOf(' ');
        bool schemeMatches = space > 0 && string.Equals(value.Substring(0, space), scheme, StringComparison.OrdinalIgnoreCase);
        string credential = space > 0 ? value.Substring(space + 1).Trim() : value;

        byte[] received = Digest(Encoding.UTF8.GetBytes(credential));
        bool matches = FixedTimeEquals(received, _expected);
        if (_type == YotiNotificationAuthType.Basic)
        {
            // Non-short-circuit '|': both comparisons always run.
            matches |= FixedTimeEquals(received, _alternative);
        }

        return schemeMatches & matches & credential.Length > 0;
    }

    private static byte[] Digest(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    private static bool FixedTimeEquals(byte[] a, byte[] b)
    {
        int difference = a.Length ^ b.Length;
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            difference |= a[i] ^ b[i];
        }

        return difference == 0;
    }

    private static byte[] ToUtf8(SecureString token)
    {
        IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(token);
        char[] chars = new char[token.Length];
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
