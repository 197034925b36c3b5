using System;
using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// One event of <c>GET /sessions/{id}/tracked-devices</c> (spec 3.6), flattened: the event and the device it came
/// from in one row. Any event name is kept (<c>CONFIG_FIRST_LOADED</c>, <c>RESOURCE_CREATED</c>,
/// <c>CLIENT_SESSION_TOKEN_DELETED</c> and whatever Yoti adds). Empty strings read as null.
/// </summary>
public sealed class YotiTrackedDeviceEvent : YotiJsonObject
{
    internal YotiTrackedDeviceEvent(JsonElement json, string? sessionId)
        : base(json)
    {
        SessionId = sessionId;
        Event = NonEmpty(JsonRead.GetString(json, "event"));
        ResourceId = NonEmpty(JsonRead.GetString(json, "resource_id"));
        Created = JsonRead.GetDate(json, "created");
        JsonElement device = JsonRead.GetObject(json, "device") ?? default;
        IpAddress = Device(device, "ip_address");
        IpCountry = Device(device, "ip_iso_country_code");
        Manufacturer = Device(device, "manufacture_name") ?? Device(device, "manufacturer_name"); // "manufacture" (sic) is what Yoti sends
        Model = Device(device, "model_name");
        OsName = Device(device, "os_name");
        OsVersion = Device(device, "os_version");
        BrowserName = Device(device, "browser_name");
        BrowserVersion = Device(device, "browser_version");
        Locale = Device(device, "locale");
        ClientVersion = Device(device, "client_version");
    }

    public string? SessionId { get; }

    public string? Event { get; }

    /// <summary>The resource created (for <c>RESOURCE_CREATED</c>).</summary>
    public string? ResourceId { get; }

    public YotiTimestamp? Created { get; }

    public string? IpAddress { get; }

    /// <summary>The country of the IP address (ISO 3166-1 alpha-3).</summary>
    public string? IpCountry { get; }

    public string? Manufacturer { get; }

    public string? Model { get; }

    public string? OsName { get; }

    public string? OsVersion { get; }

    public string? BrowserName { get; }

    public string? BrowserVersion { get; }

    public string? Locale { get; }

    /// <summary>The version of Yoti's web client.</summary>
    public string? ClientVersion { get; }

    public override string ToString() => Event ?? string.Empty;

    /// <summary>Parses a tracked-devices body: a JSON array of events (non-object items are skipped).</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8, not JSON or not an array.</exception>
    internal static IReadOnlyList<YotiTrackedDeviceEvent> ParseList(byte[] utf8Json, string? sessionId)
    {
        string text = SessionParser.DecodeUtf8(utf8Json ?? throw new ArgumentNullException(nameof(utf8Json)));
        JsonElement root = SessionParser.ParseRoot(text, "a tracked-devices array", JsonValueKind.Array);
        var events = new List<YotiTrackedDeviceEvent>();
        foreach (JsonElement item in root.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                events.Add(new YotiTrackedDeviceEvent(item, sessionId));
            }
        }

        return JsonRead.ReadOnly(events);
    }

    private static string? Device(JsonElement device, string name) => NonEmpty(JsonRead.GetString(device, name));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
