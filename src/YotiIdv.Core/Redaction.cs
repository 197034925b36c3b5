using System.Text.RegularExpressions;

namespace YotiIdv;

/// <summary>
/// The one place that removes secrets from text bound for verbose, debug and error streams:
/// PEM blocks, the auth digest, nonces, client session tokens and ComplyAdvantage api keys.
/// </summary>
public static class Redaction
{
    public const string Mask = "***";

    private static readonly Regex Pem = new Regex(
        "-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)", RegexOptions.Singleline | RegexOptions.Compiled);

    private static readonly Regex Digest = new Regex(
        "(X-Yoti-Auth-Digest\\s*[:=]\\s*)[^\\s,;]+", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex QuerySecrets = new Regex(
        "([?&](?:nonce)=)[^&\\s#]*", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex JsonSecrets = new Regex(
        "(\"(?:client_session_token|api_key|auth_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex Bearer = new Regex(
        "(Authorization\\s*[:=]\\s*\\w+\\s+)\\S+", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        string result = Pem.Replace(text, "-----REDACTED KEY-----");
        result = Digest.Replace(result, "$1" + Mask);
        result = QuerySecrets.Replace(result, "$1" + Mask);
        result = JsonSecrets.Replace(result, "$1\"" + Mask + "\"");
        result = Bearer.Replace(result, "$1" + Mask);
        return result;
    }

    /// <summary>Appended where text was cut.</summary>
    public const string CutNote = " … [cut: longer than the module shows]";

    /// <summary>Cuts <paramref name="text"/> to about <paramref name="maxLength"/> characters, saying so.</summary>
    public static string Cap(string text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text ?? string.Empty;
        }

        int keep = maxLength;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        return text.Substring(0, keep) + $" … [cut: {text.Length - keep} more characters]";
    }

    /// <summary>Redacts and shortens a response body for an error message.</summary>
    public static string? RedactBody(string? body, int maxLength = 512)
    {
        if (body is null)
        {
            return null;
        }

        string redacted = Redact(body);
        return redacted.Length <= maxLength ? redacted : redacted.Substring(0, maxLength) + "…";
    }
}
