using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>A watchlist check's <c>report.watchlist_summary</c>.</summary>
public sealed class YotiWatchlistSummary : YotiJsonObject
{
    internal YotiWatchlistSummary(JsonElement json, ParseContext ctx)
        : base(json)
    {
        TotalHits = JsonRead.GetInt(json, "total_hits") ?? 0;
        AssociatedCountryCodes = JsonRead.GetStringList(json, "associated_country_codes");
        RawResults = ctx.Wrapper(json, "raw_results");
        SearchConfig = JsonRead.GetObject(json, "search_config") is { } c ? new YotiWatchlistSearchConfig(c) : null;
    }

    /// <summary>Number of hits; 0 when absent.</summary>
    public int TotalHits { get; }

    public IReadOnlyList<string> AssociatedCountryCodes { get; }

    /// <summary>The provider's raw results (JSON media).</summary>
    public YotiMediaWrapper? RawResults { get; }

    public YotiWatchlistSearchConfig? SearchConfig { get; }

    /// <summary>e.g. <c>total_hits=2</c>.</summary>
    public override string ToString() => ConsoleText.Escape("total_hits=" + TotalHits.ToString(CultureInfo.InvariantCulture))!;
}

/// <summary>
/// <c>search_config</c> of a watchlist summary: <c>Categories</c> for WATCHLIST_SCREENING, the rest for
/// WATCHLIST_ADVANCED_CA (<c>WITH_YOTI_ACCOUNT</c> / <c>WITH_CUSTOM_ACCOUNT</c>).
/// </summary>
/// <remarks>
/// A custom account's ComplyAdvantage <c>api_key</c> is echoed back by Yoti. It is a secret: only
/// <see cref="HasApiKey"/> is exposed. (The raw JSON, like the session's, still holds it.)
/// </remarks>
public sealed class YotiWatchlistSearchConfig : YotiJsonObject
{
    private static readonly IReadOnlyDictionary<string, string> NoTags =
        new YotiReadOnlyDictionary(new Dictionary<string, string>());

    internal YotiWatchlistSearchConfig(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        Categories = JsonRead.GetStringList(json, "categories");
        RemoveDeceased = JsonRead.GetBool(json, "remove_deceased");
        ShareUrl = JsonRead.GetBool(json, "share_url");
        Sources = JsonRead.GetObject(json, "sources") is { } s ? new YotiWatchlistSources(s) : null;
        MatchingStrategy = JsonRead.GetObject(json, "matching_strategy") is { } m ? new YotiWatchlistMatchingStrategy(m) : null;
        Monitoring = JsonRead.GetBool(json, "monitoring");
        Tags = ReadTags(json);
        ClientRef = JsonRead.GetString(json, "client_ref");
        HasApiKey = !string.IsNullOrEmpty(JsonRead.GetString(json, "api_key"));
    }

    /// <summary><c>WITH_YOTI_ACCOUNT</c>, <c>WITH_CUSTOM_ACCOUNT</c>, … ; null for WATCHLIST_SCREENING.</summary>
    public string? Type { get; }

    /// <summary>WATCHLIST_SCREENING categories, e.g. <c>ADVERSE-MEDIA</c>, <c>SANCTIONS</c>.</summary>
    public IReadOnlyList<string> Categories { get; }

    public bool? RemoveDeceased { get; }

    public bool? ShareUrl { get; }

    public YotiWatchlistSources? Sources { get; }

    public YotiWatchlistMatchingStrategy? MatchingStrategy { get; }

    public bool? Monitoring { get; }

    /// <summary>Custom-account tags (sent as an object or as a JSON-encoded string); empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    public string? ClientRef { get; }

    /// <summary>True when Yoti echoed back a ComplyAdvantage API key (its value is never exposed).</summary>
    public bool HasApiKey { get; }

    /// <summary>The search type, else the categories.</summary>
    public override string ToString() => ConsoleText.Escape(Type ?? Categories.ToString() ?? string.Empty)!;

    private static IReadOnlyDictionary<string, string> ReadTags(JsonElement json)
    {
        if (!JsonRead.TryGet(json, "tags", out var tags))
        {
            return NoTags;
        }

        if (tags.ValueKind == JsonValueKind.String)
        {
            // The API has sent tags as a JSON-encoded string; anything that is not an object is ignored.
            try
            {
                using var doc = JsonDocument.Parse(JsonRead.StringValue(tags) ?? string.Empty);
                return ToDictionary(doc.RootElement);
            }
            catch (JsonException)
            {
                return NoTags;
            }
        }

        return ToDictionary(tags);
    }

    private static IReadOnlyDictionary<string, string> ToDictionary(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return NoTags;
        }

        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Null)
            {
                dict[p.Name] = JsonRead.AsString(p.Value) ?? p.Value.GetRawText();
            }
        }

        return dict.Count == 0 ? NoTags : new YotiReadOnlyDictionary(dict);
    }
}

/// <summary><c>search_config.sources</c>: <c>{type: PROFILE, search_profile}</c> or <c>{type: TYPE_LIST, types}</c>.</summary>
public sealed class YotiWatchlistSources : YotiJsonObject
{
    internal YotiWatchlistSources(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        SearchProfile = JsonRead.GetString(json, "search_profile");
        Types = JsonRead.GetStringList(json, "types");
    }

    public string? Type { get; }

    public string? SearchProfile { get; }

    public IReadOnlyList<string> Types { get; }

    public override string ToString() => ConsoleText.Escape(Type ?? string.Empty)!;
}

/// <summary><c>search_config.matching_strategy</c>: <c>{type: EXACT, exact_match}</c> or <c>{type: FUZZY, fuzziness}</c>.</summary>
public sealed class YotiWatchlistMatchingStrategy : YotiJsonObject
{
    internal YotiWatchlistMatchingStrategy(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        ExactMatch = JsonRead.GetBool(json, "exact_match");
        Fuzziness = JsonRead.GetDouble(json, "fuzziness");
    }

    public string? Type { get; }

    public bool? ExactMatch { get; }

    /// <summary>0–1.</summary>
    public double? Fuzziness { get; }

    public override string ToString() => ConsoleText.Escape(Type ?? string.Empty)!;
}
