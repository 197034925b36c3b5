using System;
using System.Text.RegularExpressions;

namespace YotiIdv;

/// <summary>
/// Validates session and media ids before any URL is built. Yoti's ids are UUIDs; we accept 1 to 128
/// characters of letters, digits, '-' and '_' (a superset of UUIDs, so a future id format still works),
/// after trimming surrounding white space. Anything that could change the path or the query
/// ('/', '\', '.', '?', '#', '%', '&amp;', spaces, control characters ...) is refused and never sent.
/// </summary>
public static class YotiId
{
    private static readonly Regex Allowed = new Regex("^[A-Za-z0-9_-]{1,128}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Returns the trimmed id, or null and a reason when the id is not acceptable.</summary>
    public static string? Normalize(string? id, out string? reason)
    {
        reason = null;
        if (id is null || id.Trim().Length == 0)
        {
            reason = "the id is empty";
            return null;
        }

        string trimmed = id.Trim();
        if (trimmed.Length > 128)
        {
            reason = "the id is longer than 128 characters";
            return null;
        }

        if (!Allowed.IsMatch(trimmed))
        {
            reason = "the id may contain only letters, digits, '-' and '_' (Yoti ids are UUIDs)";
            return null;
        }

        return trimmed;
    }

    /// <summary>Shows an id in a message without letting control characters or huge inputs through.</summary>
    public static string ForDisplay(string? id)
    {
        if (id is null)
        {
            return "<null>";
        }

        var chars = id.Length > 80 ? id.Substring(0, 80) + "…" : id;
        var builder = new System.Text.StringBuilder(chars.Length);
        foreach (char c in chars)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    public static bool IsUuid(string id) => Guid.TryParseExact(id, "D", out _);
}
