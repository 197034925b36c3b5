using System;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>A <c>digital_id_shares[]</c> entry: a Digital ID share performed in the session.</summary>
public sealed class YotiDigitalIdShare : YotiJsonObject
{
    internal YotiDigitalIdShare(JsonElement json)
        : base(json)
    {
        ShareId = JsonRead.GetString(json, "id");
        DocumentType = JsonRead.GetString(json, "document_type");
        IssuingCountry = JsonRead.GetString(json, "issuing_country");
        Provider = JsonRead.GetString(json, "provider");
        CreatedAt = JsonRead.GetDate(json, "created_at");
        LastUpdated = JsonRead.GetDate(json, "last_updated");
        ResourceId = JsonRead.GetString(json, "resource_id");
        Error = JsonRead.GetObject(json, "error") is { } e ? new YotiDigitalIdShareError(e) : null;
    }

    public string? ShareId { get; }

    public string? DocumentType { get; }

    public string? IssuingCountry { get; }

    /// <summary>e.g. <c>DIGILOCKER</c>.</summary>
    public string? Provider { get; }

    public YotiTimestamp? CreatedAt { get; }

    public YotiTimestamp? LastUpdated { get; }

    /// <summary>The ID-document resource created from the share.</summary>
    public string? ResourceId { get; }

    /// <summary>Present for failed shares.</summary>
    public YotiDigitalIdShareError? Error { get; }

    public override string ToString() => ConsoleText.Escape(ShareId ?? string.Empty)!;
}

/// <summary>The <c>error</c> of a failed Digital ID share.</summary>
public sealed class YotiDigitalIdShareError : YotiJsonObject
{
    internal YotiDigitalIdShareError(JsonElement json)
        : base(json)
    {
        Code = JsonRead.GetString(json, "code");
        Description = JsonRead.GetString(json, "description");
    }

    public string? Code { get; }

    public string? Description { get; }

    public override string ToString() => ConsoleText.Escape(Code ?? string.Empty)!;
}
