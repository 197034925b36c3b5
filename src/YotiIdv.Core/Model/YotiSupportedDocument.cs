using System;
using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// One row of <c>GET /supported-documents</c> (spec 3.7): a country and one document type accepted there. The
/// row's raw JSON is the document entry; fields Yoti adds to it are kept there.
/// </summary>
public sealed class YotiSupportedDocument : YotiJsonObject
{
    internal YotiSupportedDocument(JsonElement json, string? country)
        : base(json)
    {
        Country = country;
        DocumentType = JsonRead.GetString(json, "type");
        IsStrictlyLatin = JsonRead.GetBool(json, "is_strictly_latin");
    }

    /// <summary>ISO 3166-1 alpha-3, e.g. <c>GBR</c>.</summary>
    public string? Country { get; }

    /// <summary>e.g. <c>PASSPORT</c>, <c>DRIVING_LICENCE</c>.</summary>
    public string? DocumentType { get; }

    /// <summary>True when the document has Latin text only; false for documents served only with -IncludeNonLatin; null when not said.</summary>
    public bool? IsStrictlyLatin { get; }

    public override string ToString() => (Country ?? "?") + " " + DocumentType;

    /// <summary>Parses a supported-documents body into one row per country and document.</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8, not JSON or not an object.</exception>
    internal static IReadOnlyList<YotiSupportedDocument> ParseList(byte[] utf8Json)
    {
        string text = SessionParser.DecodeUtf8(utf8Json ?? throw new ArgumentNullException(nameof(utf8Json)));
        JsonElement root = SessionParser.ParseObject(text, "a supported-documents object");
        var rows = new List<YotiSupportedDocument>();
        foreach (JsonElement country in JsonRead.GetObjects(root, "supported_countries"))
        {
            string? code = JsonRead.GetString(country, "code");
            foreach (JsonElement document in JsonRead.GetObjects(country, "supported_documents"))
            {
                rows.Add(new YotiSupportedDocument(document, code));
            }
        }

        return JsonRead.ReadOnly(rows);
    }
}
