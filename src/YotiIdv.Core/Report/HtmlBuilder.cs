using System;
using System.Globalization;
using System.Text;

namespace YotiIdv.Report;

/// <summary>
/// A small HTML writer: markup is written only from constants in this folder, and every value goes through
/// <see cref="HtmlText.Encode"/> (via <see cref="Text"/> and the value arguments of the helpers).
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _sb = new StringBuilder(64 * 1024);

    /// <summary>Markup from this folder's constants only (never a value).</summary>
    public HtmlBuilder Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public HtmlBuilder Text(string? value)
    {
        _sb.Append(HtmlText.Encode(value));
        return this;
    }

    /// <summary>
    /// A code-like value (<c>ID_DOCUMENT_FACE_MATCH</c>, <c>ocr_mrz_comparison</c>), encoded, with a line-break
    /// opportunity after each underscore so narrow screens wrap it between words rather than mid-word.
    /// </summary>
    public HtmlBuilder Token(string? value)
    {
        _sb.Append(HtmlText.Encode(value).Replace("_", "_<wbr>"));
        return this;
    }

    /// <summary>Starts a table of columns; on a phone each row becomes a small card labelled with the column names.</summary>
    public HtmlBuilder GridStart(params string[] columns)
    {
        Raw("<table class=\"grid\"><thead><tr>");
        foreach (string column in columns)
        {
            Raw("<th scope=\"col\">").Text(column).Raw("</th>");
        }

        return Raw("</tr></thead><tbody>\n");
    }

    /// <summary>Opens a cell of a grid table; <paramref name="label"/> (a constant) names it on a phone.</summary>
    public HtmlBuilder Cell(string label, string? cssClass = null) =>
        Raw("<td data-label=\"").Text(label).Raw(cssClass is null ? "\">" : "\" class=\"" + cssClass + "\">");

    public HtmlBuilder GridEnd() => Raw("</tbody></table>\n");

    /// <summary><c>&lt;tag class="cls"&gt;value&lt;/tag&gt;</c>; the class is a constant.</summary>
    public HtmlBuilder Element(string tag, string? cssClass, string? value)
    {
        Open(tag, cssClass);
        Text(value);
        return Raw("</" + tag + ">");
    }

    public HtmlBuilder Open(string tag, string? cssClass = null) =>
        Raw(cssClass is null ? "<" + tag + ">" : "<" + tag + " class=\"" + cssClass + "\">");

    public HtmlBuilder Close(string tag) => Raw("</" + tag + ">");

    /// <summary>A key/value row of a two-column table; skipped when the value is null or empty.</summary>
    public HtmlBuilder Row(string label, string? value, string? valueClass = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        Raw("<tr><th scope=\"row\">").Text(label).Raw("</th>");
        return Open("td", valueClass).Token(value).Raw("</td></tr>");
    }

    /// <summary>A coloured badge for a value (a recommendation, a result, a state).</summary>
    public HtmlBuilder Badge(string? value, string tone) =>
        Raw("<span class=\"badge " + tone + "\">").Token(string.IsNullOrEmpty(value) ? "none" : value).Raw("</span>");

    public static string Date(YotiIdv.Model.YotiTimestamp? value) =>
        value?.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? string.Empty;

    public override string ToString() => _sb.ToString();
}
