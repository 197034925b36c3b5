using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YotiIdv.Model;

/// <summary>
/// A date and time from Yoti, in UTC, whose text is ISO 8601 (<c>2025-03-02T16:22:03.123Z</c>) on every culture.
/// </summary>
/// <remarks>
/// Why a type of its own: <c>Export-Csv</c> writes a value with its .NET <c>ToString()</c>, which for
/// <see cref="DateTimeOffset"/> follows the culture (<c>02.03.2025 16:22:03 +00:00</c> in de-DE, <c>03/02/2025</c>
/// in en-US) and ignores any types.ps1xml override. This struct's <c>ToString()</c> is ISO 8601, so CSV cells,
/// list views and <c>"$($check.Created)"</c> read the same everywhere, while <c>Sort-Object</c>, <c>-lt</c>/<c>-gt</c>
/// against <c>[datetime]</c>, <c>[DateTimeOffset]</c> or an ISO string, and <c>-eq</c> keep working (it is
/// <see cref="IComparable"/> and converts from and to <see cref="DateTimeOffset"/>). <see cref="Value"/> is the
/// <see cref="DateTimeOffset"/> for date arithmetic (<c>$check.Created.Value.AddDays(7)</c>).
/// </remarks>
[JsonConverter(typeof(YotiTimestampJsonConverter))]
public readonly struct YotiTimestamp : IComparable, IComparable<YotiTimestamp>, IEquatable<YotiTimestamp>, IFormattable
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public YotiTimestamp(DateTimeOffset value)
    {
        Value = value.ToUniversalTime();
    }

    /// <summary>The instant, in UTC.</summary>
    public DateTimeOffset Value { get; }

    public static implicit operator DateTimeOffset(YotiTimestamp timestamp) => timestamp.Value;

    public static implicit operator YotiTimestamp(DateTimeOffset value) => new YotiTimestamp(value);

    /// <summary>A <see cref="DateTime"/> of kind Unspecified is taken as local time, as PowerShell and .NET do.</summary>
    public static implicit operator YotiTimestamp(DateTime value) => new YotiTimestamp(new DateTimeOffset(value));

    /// <summary>Local time, so that <c>(Get-Date) -gt $check.Created</c> compares like two local dates.</summary>
    public static explicit operator DateTime(YotiTimestamp timestamp) => timestamp.Value.LocalDateTime;

    public static bool operator ==(YotiTimestamp left, YotiTimestamp right) => left.Equals(right);

    public static bool operator !=(YotiTimestamp left, YotiTimestamp right) => !left.Equals(right);

    public static bool operator <(YotiTimestamp left, YotiTimestamp right) => left.Value < right.Value;

    public static bool operator >(YotiTimestamp left, YotiTimestamp right) => left.Value > right.Value;

    public static bool operator <=(YotiTimestamp left, YotiTimestamp right) => left.Value <= right.Value;

    public static bool operator >=(YotiTimestamp left, YotiTimestamp right) => left.Value >= right.Value;

    public static TimeSpan operator -(YotiTimestamp left, YotiTimestamp right) => left.Value - right.Value;

    /// <summary>Parses ISO 8601 text (what <see cref="ToString()"/> writes, and what Import-Csv gives back).</summary>
    public static YotiTimestamp Parse(string text) =>
        JsonRead.ParseDate(text) is { } value ? new YotiTimestamp(value) : throw new FormatException($"'{text}' is not an ISO 8601 date and time.");

    public int CompareTo(YotiTimestamp other) => Value.CompareTo(other.Value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        YotiTimestamp t => CompareTo(t),
        DateTimeOffset d => Value.CompareTo(d),
        DateTime d => Value.CompareTo(new DateTimeOffset(d)),
        _ => throw new ArgumentException("A YotiTimestamp compares with a YotiTimestamp, DateTimeOffset or DateTime.", nameof(obj)),
    };

    public bool Equals(YotiTimestamp other) => Value.Equals(other.Value);

    public override bool Equals(object? obj) => obj switch
    {
        YotiTimestamp t => Equals(t),
        DateTimeOffset d => Value.Equals(d),
        _ => false,
    };

    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>ISO 8601 in UTC with the fraction Yoti sent (none when whole seconds): <c>2025-03-02T16:22:03.123Z</c>.</summary>
    public override string ToString() => Value.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>A .NET date format of <see cref="Value"/> (e.g. <c>'{0:yyyy-MM-dd}' -f $check.Created</c>); null or empty gives ISO 8601.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : Value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);

    public string ToString(string? format) => ToString(format, null);
}

/// <summary>Writes a <see cref="YotiTimestamp"/> as its ISO 8601 string (manifests, archives).</summary>
internal sealed class YotiTimestampJsonConverter : JsonConverter<YotiTimestamp>
{
    public override YotiTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        YotiTimestamp.Parse(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, YotiTimestamp value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
