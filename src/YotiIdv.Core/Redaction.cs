using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace YotiIdv;

/// <summary>
/// The one place that removes secrets from text bound for verbose, debug and error streams:
/// PEM blocks (armour in any case), the connected key's base64 in any wrapping or JSON escaping, the auth digest,
/// nonces, client session tokens (in JSON and in free text) and ComplyAdvantage api keys.
/// </summary>
public static class Redaction
{
    public const string Mask = "***";

    private static readonly Regex Pem = new Regex(
        "-----\\s*BEGIN [A-Z0-9 ]+-----.*?(-----\\s*END [A-Z0-9 ]+-----|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex Digest = new Regex(
        "(X-Yoti-Auth-Digest\\s*[:=]\\s*)[^\\s,;]+", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex QuerySecrets = new Regex(
        "([?&](?:nonce)=)[^&\\s#]*", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex JsonSecrets = new Regex(
        "(\"(?:client_session_token|api_key|auth_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    // client_session_token=..., client session token: "...", clientSessionToken ... in messages and queries.
    private static readonly Regex TokenAssigned = new Regex(
        "(client[_\\s-]?session[_\\s-]?token(?![A-Za-z0-9_])(?:\\\\?[\"'])?\\s*[:=]\\s*(?:\\\\?[\"'])?)[^\\s\"'\\\\&,;)]+",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex TokenNamed = new Regex(
        "(client[_\\s-]?session[_\\s-]?token(?![A-Za-z0-9_])\\s+)[A-Za-z0-9-]{16,}", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex Bearer = new Regex(
        "(Authorization\\s*[:=]\\s*\\w+\\s+)\\S+", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    /// <summary>Remembers the key of a connection so that any echo of it is redacted (see <see cref="KeyEcho"/>).</summary>
    public static void RegisterKey(string pem) => KeyEcho.Register(pem);

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
        result = TokenAssigned.Replace(result, "$1" + Mask);
        result = TokenNamed.Replace(result, "$1" + Mask);
        result = KeyEcho.Redact(result);
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

/// <summary>
/// Finds the connected key's base64 body wherever a server could echo it: without armour, wrapped at any width or
/// not, with JSON escapes (\n, \/, \u002B), or base64url. Text is read as runs of base64 characters (whitespace and
/// escaped whitespace inside a run are skipped); a run holding any 32-character aligned piece of a registered key
/// is masked over the extent of the key. Any echoed part of 63 characters or more holds such a piece.
/// </summary>
internal static class KeyEcho
{
    private const int Piece = 32;
    private const int MaxKeys = 16;
    private const string KeyMask = "-----REDACTED KEY-----";

    private static readonly object Gate = new object();
    private static readonly Regex Armour = new Regex("-----[^-]*-----", RegexOptions.Compiled);

    // piece -> (key length, offset of the piece in the key); replaced as a whole when a key is added.
    private static Dictionary<string, (int KeyLength, int Offset)> _pieces = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
    private static readonly List<string> Keys = new List<string>();

    /// <summary>Remembers the base64 of every PEM block of <paramref name="pem"/> (or of the whole text) for redaction.</summary>
    public static void Register(string pem)
    {
        var base64 = new StringBuilder();
        foreach (string part in Armour.Split(pem ?? string.Empty))
        {
            foreach (char c in part)
            {
                if (IsBase64(c))
                {
                    base64.Append(c);
                }
            }

            if (base64.Length >= Piece * 2)
            {
                Add(base64.ToString());
            }

            base64.Clear();
        }
    }

    private static void Add(string key)
    {
        lock (Gate)
        {
            if (Keys.Contains(key))
            {
                return;
            }

            Keys.Add(key);
            if (Keys.Count > MaxKeys)
            {
                Keys.RemoveAt(0);
            }

            var pieces = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            foreach (string known in Keys)
            {
                for (int offset = 0; offset + Piece <= known.Length; offset += Piece)
                {
                    pieces[known.Substring(offset, Piece)] = (known.Length, offset);
                }
            }

            _pieces = pieces;
        }
    }

    public static string Redact(string text)
    {
        Dictionary<string, (int KeyLength, int Offset)> pieces = _pieces;
        if (pieces.Count == 0 || text.Length < Piece)
        {
            return text;
        }

        // Normalised base64 characters of the current run, and where each one starts and ends in the text.
        var run = new StringBuilder();
        var starts = new List<int>();
        var ends = new List<int>();
        var masks = new List<(int Start, int End)>();
        int i = 0;
        while (i <= text.Length)
        {
            char normal = '\0';
            int width = i < text.Length ? Classify(text, i, out normal) : -1;
            if (width > 0 && normal != '\0')
            {
                run.Append(normal);
                starts.Add(i);
                ends.Add(i + width);
                i += width;
                continue;
            }

            if (width > 0)
            {
                i += width; // whitespace inside a run
                continue;
            }

            FindKey(run, starts, ends, pieces, masks);
            run.Clear();
            starts.Clear();
            ends.Clear();
            i++;
        }

        if (masks.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        int copied = 0;
        foreach (var (start, end) in masks)
        {
            if (start < copied)
            {
                continue;
            }

            result.Append(text, copied, start - copied).Append(KeyMask);
            copied = end;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static void FindKey(StringBuilder run, List<int> starts, List<int> ends, Dictionary<string, (int KeyLength, int Offset)> pieces, List<(int, int)> masks)
    {
        if (run.Length < Piece)
        {
            return;
        }

        string normal = run.ToString();
        int p = 0;
        while (p + Piece <= normal.Length)
        {
            if (pieces.TryGetValue(normal.Substring(p, Piece), out var hit))
            {
                int keyStart = Math.Max(0, p - hit.Offset);
                int keyEnd = Math.Min(normal.Length, p - hit.Offset + hit.KeyLength);
                masks.Add((starts[keyStart], ends[keyEnd - 1]));
                p = keyEnd;
                continue;
            }

            p++;
        }
    }

    /// <summary>
    /// How many characters at <paramref name="i"/> form one unit: a base64 character (<paramref name="normal"/> set),
    /// whitespace or escaped whitespace (<paramref name="normal"/> '\0'), or 0 for anything that ends a run.
    /// </summary>
    private static int Classify(string text, int i, out char normal)
    {
        normal = '\0';
        char c = text[i];
        if (IsBase64(c) || c == '-' || c == '_')
        {
            normal = c == '-' ? '+' : c == '_' ? '/' : c;
            return 1;
        }

        if (char.IsWhiteSpace(c))
        {
            return 1;
        }

        if (c == '\\' && i + 1 < text.Length)
        {
            char next = text[i + 1];
            if (next == 'n' || next == 'r' || next == 't')
            {
                return 2;
            }

            if (next == '/')
            {
                normal = '/';
                return 2;
            }

            if (next == 'u' && i + 5 < text.Length
                && int.TryParse(text.Substring(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out int code))
            {
                char decoded = (char)code;
                if (IsBase64(decoded))
                {
                    normal = decoded;
                    return 6;
                }

                return char.IsWhiteSpace(decoded) ? 6 : 0;
            }
        }

        return 0;
    }

    private static bool IsBase64(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}
