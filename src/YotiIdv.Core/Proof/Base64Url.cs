using System;

namespace YotiIdv.Proof;

/// <summary>Base64url without padding (RFC 7515 section 2), strict: other characters or padding are refused.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Null when <paramref name="text"/> is not unpadded base64url.</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (text is null || text.Length % 4 == 1)
        {
            return null;
        }

        foreach (char c in text)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return null;
            }
        }

        string base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        try
        {
            byte[] bytes = Convert.FromBase64String(base64);

            // Unused low bits must be zero, so that each byte string has one encoding only.
            return Encode(bytes) == text ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
