using System.Text;

namespace YotiIdv.Report;

/// <summary>
/// The one encoder of the evidence report: every value from a session, a media file or the caller goes
/// through <see cref="Encode"/>, in text and in attributes alike (quotes are encoded, so the same output is safe
/// in both). Control characters and unpaired surrogates become U+FFFD, so hostile bytes stay visible but inert.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(value!.Length + 16);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n':
                case '\t':
                    sb.Append(c);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c) || char.IsControl(c) || c == '\u2028' || c == '\u2029')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
