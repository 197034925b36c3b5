using System.Text;

namespace YotiIdv.Model;

/// <summary>
/// Names the kind of a media reference from where it sits in the session JSON (see
/// <see cref="YotiSession.GetAllMediaByKind"/>). The result is always a safe file-name fragment:
/// lower-case letters, digits and single hyphens, at most 60 characters, never empty.
/// </summary>
internal static class MediaKind
{
    public const string Unknown = "media";
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

    public static string Of(string area, string field)
    {
        string a = Sanitize(area);
        string f = Sanitize(field);
        string kind = f.Length == 0 || f == a ? a
            : a.Length == 0 || f.StartsWith(a + "-", System.StringComparison.Ordinal) ? f
            : a + "-" + f;
        return kind.Length == 0 ? Unknown : kind;
    }

    /// <summary>Lower-case letters and digits; every other run of characters becomes one hyphen.</summary>
    public static string Sanitize(string? text)
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

            if (builder.Length >= MaxPartLength)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');
    }
}
