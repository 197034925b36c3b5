using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// Tolerant accessors over <see cref="JsonElement"/>. None of them throws on a wrong value kind:
/// absent, <c>null</c> and values of an unusable kind all read as "nothing".
/// </summary>
internal static class JsonRead
{
    /// <summary>The named property if <paramref name="obj"/> is an object and the value is not null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object
            && obj.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null
            && value.ValueKind != JsonValueKind.Undefined)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A string; numbers and booleans are converted to their JSON text.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        TryGet(obj, name, out var v) ? AsString(v) : null;

    public static string? AsString(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => StringValue(v),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>GetString that returns null instead of throwing on an escaped lone surrogate (<c>"\ud800"</c>).</summary>
    public static string? StringValue(JsonElement v)
    {
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static long? GetLong(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            if (v.TryGetInt64(out long l))
            {
                return l;
            }

            // 12.0 or 1e3: accept when it fits in a long, truncating any fraction.
            return v.TryGetDouble(out double d) && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            string? s = StringValue(v);
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l))
            {
                return l;
            }

            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;
        }

        return null;
    }

    public static int? GetInt(JsonElement obj, string name)
    {
        long? l = GetLong(obj, name);
        if (l is null)
        {
            return null;
        }

        return l.Value > int.MaxValue ? int.MaxValue : l.Value < int.MinValue ? int.MinValue : (int)l.Value;
    }

    public static double? GetDouble(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d))
        {
            return d;
        }

        return v.ValueKind == JsonValueKind.String
            && double.TryParse(StringValue(v), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
    }

    public static bool? GetBool(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String:
                string? s = StringValue(v)?.Trim();
                if (string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) || s == "1")
                {
                    return true;
                }

                if (string.Equals(s, "false", StringComparison.OrdinalIgnoreCase) || s == "0")
                {
                    return false;
                }

                return null;
            case JsonValueKind.Number:
                return v.TryGetDouble(out double d) ? d != 0 : null;
            default:
                return null;
        }
    }

    public static DateTimeOffset? GetDate(JsonElement obj, string name) =>
        ParseDate(GetString(obj, name));

    /// <summary>
    /// RFC 3339 / ISO 8601 with any number of fractional digits (truncated to the 7 .NET keeps) and any
    /// offset; no offset means UTC. The result is in UTC. Anything unparsable gives null.
    /// </summary>
    public static DateTimeOffset? ParseDate(string? s)
    {
        if (s is null)
        {
            return null;
        }

        s = s.Trim();

        // Require at least "yyyy-mm-dd" so that lenient parsing cannot turn "12" into a date.
        if (s.Length < 10 || s[4] != '-' || s[7] != '-')
        {
            return null;
        }

        s = TruncateFraction(s);
        return DateTimeOffset.TryParse(
            s,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var result)
            ? result.ToUniversalTime()
            : null;
    }

    private static string TruncateFraction(string s)
    {
        int dot = s.IndexOf('.', 10);
        if (dot < 0)
        {
            return s;
        }

        int end = dot + 1;
        while (end < s.Length && s[end] >= '0' && s[end] <= '9')
        {
            end++;
        }

        int digits = end - dot - 1;
        return digits <= 7 ? s : s.Substring(0, dot + 8) + s.Substring(end);
    }

    /// <summary>The named object, or null when absent, not an object, or empty (<c>{}</c>).</summary>
    public static JsonElement? GetObject(JsonElement obj, string name) =>
        TryGet(obj, name, out var v) && v.ValueKind == JsonValueKind.Object && HasProperties(v) ? v : null;

    public static bool HasProperties(JsonElement obj)
    {
        using var e = obj.EnumerateObject();
        return e.MoveNext();
    }

    /// <summary>
    /// The object items of the named array, skipping nulls and non-objects. A single object in place of
    /// an array counts as a one-item array. Empty objects are kept (a frame may be <c>{}</c>).
    /// </summary>
    public static IEnumerable<JsonElement> GetObjects(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            yield break;
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            yield return v;
            yield break;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return item;
            }
        }
    }

    /// <summary>Maps the object items of the named array; items mapped to null are dropped.</summary>
    public static IReadOnlyList<T> GetList<T>(JsonElement obj, string name, Func<JsonElement, T?> map)
        where T : class
    {
        List<T>? list = null;
        foreach (var item in GetObjects(obj, name))
        {
            T? mapped = map(item);
            if (mapped is not null)
            {
                (list ??= new List<T>()).Add(mapped);
            }
        }

        return ReadOnly(list);
    }

    /// <summary>The scalar items of the named array as strings (numbers converted); a lone string is one item.</summary>
    public static IReadOnlyList<string> GetStringList(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v))
        {
            return YotiReadOnlyList<string>.Empty;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            string? single = AsString(v);
            return single is null ? YotiReadOnlyList<string>.Empty : new YotiReadOnlyList<string>(new[] { single });
        }

        List<string>? list = null;
        foreach (var item in v.EnumerateArray())
        {
            string? s = AsString(item);
            if (s is not null)
            {
                (list ??= new List<string>()).Add(s);
            }
        }

        return ReadOnly(list);
    }

    /// <summary>A <see cref="YotiReadOnlyList{T}"/> over the list (readable in CSV cells); empty for null.</summary>
    public static IReadOnlyList<T> ReadOnly<T>(List<T>? list) =>
        list is null || list.Count == 0 ? YotiReadOnlyList<T>.Empty : new YotiReadOnlyList<T>(list);
}
