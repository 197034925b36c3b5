using System;
using System.Globalization;
using System.Text;

namespace YotiIdv;

/// <summary>
/// The one place that makes text safe for a terminal: C0 and C1 control characters, DEL and the bidirectional
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) become visible <c>\uXXXX</c> escapes, as they are
/// written in the JSON the text came from. A server (or a file) can then not clear the screen, retitle the
/// window, plant hyperlinks or reorder a line through the values the module shows.
/// </summary>
/// <remarks>
/// Used by the format file's script blocks, by the model's <c>ToString()</c> and by the cmdlet base class for
/// error, warning, verbose, debug and progress text. Property values and <c>GetRawJson()</c> are never escaped:
/// the evidence keeps its exact text. A backslash is not escaped, so a value that itself reads <c>\u001B</c>
/// looks the same as an escaped ESC; the property value tells them apart.
/// </remarks>
public static class ConsoleText
{
    /// <summary>
    /// <paramref name="text"/> with every unsafe character as <c>\uXXXX</c>; null stays null. Line feeds and tabs
    /// are escaped too: in a table cell they would forge rows and columns, and in an error message a server's
    /// line feed could forge a line of its own (a fake "WARNING:"); the module's own messages are one line.
    /// </summary>
    public static string? Escape(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text; // the common case: no copy
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (IsUnsafe(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>A value's text for a view cell: strings escaped, other values by their (culture-invariant) text.</summary>
    public static string? Escape(object? value) => value switch
    {
        null => null,
        string s => Escape(s),
        IFormattable f => Escape(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Escape(value.ToString()),
    };

    /// <summary>True when <paramref name="c"/> is shown as an escape.</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    /// <summary>True when <paramref name="text"/> holds a character that <see cref="Escape(string)"/> would escape.</summary>
    public static bool HasUnsafe(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }
}
