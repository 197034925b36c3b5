using System.Text;

namespace YotiIdv.Model;

/// <summary>
/// Names the kind of a media reference from where it sits in the session JSON (see
/// <see cref="YotiIdv.Media.YotiMediaIndex"/>). The result is always a safe file-name fragment:
/// lower-case letters, digits and single hyphens (each part at most 40 characters, the kind whole), never empty.
/// </summary>
internal static class MediaKind
{
    public const string Unknown = "media";
    /// <summary>The longest kind: two parts, an entry number and hyphens (a kind is never cut).</summary>
    public const int MaxKindLength = 100;
    private const int MaxPartLength = 40;

    /// <summary>Updates the (area, field) pair when the walk enters property <paramref name="name"/>.</summary>
    public static void Enter(string name, ref string area, ref string field)
    {
        if (area.Length == 0 || area == "resources")
        {
            area = name;
            field = string.Empty;
        }
        else if (name != "media")
        {
            field = name;
        }
    }

    /// <summary>True for a field that only refers to media held elsewhere.</summary>
    public static bool IsReference(string field) => field == "generated_media" || field == "extraction_image_ids";

    /// <summary>The kind <c>&lt;area&gt;[-&lt;entry&gt;]-&lt;field&gt;</c>; <paramref name="entry"/> is the 1-based position in a resource collection, 0 for none.</summary>
    public static string Of(string area, int entry, string field)
    {
        string a = Sanitize(area);
        if (entry > 0 && a.Length > 0)
        {
            a += "-" + entry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string f = Sanitize(field);
        string kind = f.Length == 0 || f == a ? a
            : a.Length == 0 || f.StartsWith(a + "-", System.StringComparison.Ordinal) ? f
            : a + "-" + f;
        return kind.Length == 0 ? Unknown : kind;
    }

    /// <summary>Lower-case letters and digits; every other run of characters becomes one hyphen; at most <paramref name="maxLength"/> characters.</summary>
    public static string Sanitize(string? text, int maxLength = MaxPartLength)
    {
        var builder = new StringBuilder();
        foreach (char c in text ?? string.Empty)
        {
            char lower = char.ToLowerInvariant(c);
            if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
            {
                builder.Append(lower);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');
    }
}
