using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// Base of every model object that maps a JSON object. Keeps the JSON it was read from so that fields
/// this version does not model (Yoti adds them regularly) are never lost.
/// </summary>
/// <remarks>
/// The raw JSON is a method, not a property, so <c>Export-Csv</c> and <c>ConvertTo-Json</c> do not emit
/// it. The element belongs to a cloned, self-contained document, so the text is only materialised when
/// asked for.
/// </remarks>
public abstract class YotiJsonObject
{
    private readonly JsonElement _json;
    private readonly string? _rawText;

    private protected YotiJsonObject(JsonElement json)
    {
        _json = json;
    }

    private protected YotiJsonObject(JsonElement json, string? rawText)
    {
        _json = json;
        _rawText = rawText;
    }

    /// <summary>The JSON this object was read from (default when synthesised).</summary>
    internal JsonElement Json => _json;

    /// <summary>The JSON text this object was read from, including fields the model does not map.</summary>
    public string GetRawJson() =>
        _rawText ?? (_json.ValueKind == JsonValueKind.Undefined ? "{}" : _json.GetRawText());
}
