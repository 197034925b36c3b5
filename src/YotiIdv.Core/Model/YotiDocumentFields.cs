using System;
using System.Linq;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// The text extracted from a document (spec 5.1): the JSON media of <c>document_fields</c>. Only what Yoti
/// could read is set; dates stay strings (<c>yyyy-mm-dd</c>, <c>yyyy-mm</c>, <c>yyyy</c>, <c>LIFETIME</c> …).
/// Fields this version does not map are in <see cref="YotiJsonObject.GetRawJson"/>.
/// </summary>
public sealed class YotiDocumentFields : YotiJsonObject
{
    private YotiDocumentFields(JsonElement json, string rawText, string? sessionId, string? mediaId)
        : base(json, rawText)
    {
        SessionId = sessionId;
        MediaId = mediaId;
        FullName = JsonRead.GetString(json, "full_name");
        GivenNames = JsonRead.GetString(json, "given_names");
        FirstName = JsonRead.GetString(json, "first_name");
        MiddleName = JsonRead.GetString(json, "middle_name");
        FamilyName = JsonRead.GetString(json, "family_name");
        NamePrefix = JsonRead.GetString(json, "name_prefix");
        NameSuffix = JsonRead.GetString(json, "name_suffix");
        DateOfBirth = JsonRead.GetString(json, "date_of_birth");
        PlaceOfBirth = JsonRead.GetString(json, "place_of_birth");
        CountryOfBirth = JsonRead.GetString(json, "country_of_birth");
        Nationality = JsonRead.GetString(json, "nationality");
        Gender = JsonRead.GetString(json, "gender");
        DocumentType = JsonRead.GetString(json, "document_type");
        IssuingCountry = JsonRead.GetString(json, "issuing_country");
        DocumentNumber = JsonRead.GetString(json, "document_number");
        PersonalIdentificationNumber = JsonRead.GetString(json, "personal_identification_number");
        ExpirationDate = JsonRead.GetString(json, "expiration_date");
        DateOfIssue = JsonRead.GetString(json, "date_of_issue");
        IssuingAuthority = JsonRead.GetString(json, "issuing_authority");
        PlaceOfIssue = JsonRead.GetString(json, "place_of_issue");
        Organisation = JsonRead.GetString(json, "organisation");
        StructuredPostalAddress = JsonRead.GetObject(json, "structured_postal_address") is { } a ? new YotiPostalAddress(a) : null;
        Mrz = JsonRead.GetObject(json, "mrz") is { } m ? new YotiMrz(m) : null;
    }

    /// <summary>The session the media came from, when parsed from a download.</summary>
    public string? SessionId { get; }

    /// <summary>The document-fields media id, when parsed from a download.</summary>
    public string? MediaId { get; }

    public string? FullName { get; }

    public string? GivenNames { get; }

    public string? FirstName { get; }

    public string? MiddleName { get; }

    public string? FamilyName { get; }

    public string? NamePrefix { get; }

    public string? NameSuffix { get; }

    public string? DateOfBirth { get; }

    public string? PlaceOfBirth { get; }

    public string? CountryOfBirth { get; }

    public string? Nationality { get; }

    public string? Gender { get; }

    public string? DocumentType { get; }

    public string? IssuingCountry { get; }

    public string? DocumentNumber { get; }

    public string? PersonalIdentificationNumber { get; }

    public string? ExpirationDate { get; }

    public string? DateOfIssue { get; }

    public string? IssuingAuthority { get; }

    public string? PlaceOfIssue { get; }

    /// <summary>The issuer of a supplementary document (e.g. a utility company).</summary>
    public string? Organisation { get; }

    public YotiPostalAddress? StructuredPostalAddress { get; }

    public YotiMrz? Mrz { get; }

    public override string ToString() => ConsoleText.Escape(FullName ?? MediaId ?? string.Empty)!;

    /// <summary>Parses document-fields JSON.</summary>
    /// <exception cref="YotiInvalidDataException">Not JSON, or not a JSON object.</exception>
    public static YotiDocumentFields Parse(string json, string? sessionId = null, string? mediaId = null)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        // The same strict reader as session results: not JSON, invalid text or not an object are YotiInvalidDataException.
        JsonElement root = SessionParser.ParseObject(json.TrimStart('\uFEFF'), "document fields");
        return new YotiDocumentFields(root, json, sessionId, mediaId);
    }
}

/// <summary>A structured postal address (spec 5.2); format-specific parts not mapped here are in the raw JSON.</summary>
public sealed class YotiPostalAddress : YotiJsonObject
{
    internal YotiPostalAddress(JsonElement json)
        : base(json)
    {
        AddressFormat = JsonRead.GetInt(json, "address_format");
        FormattedAddress = JsonRead.GetString(json, "formatted_address");
        BuildingNumber = JsonRead.GetString(json, "building_number");
        Building = JsonRead.GetString(json, "building");
        AddressLine1 = JsonRead.GetString(json, "address_line1");
        AddressLine2 = JsonRead.GetString(json, "address_line2");
        AddressLine3 = JsonRead.GetString(json, "address_line3");
        Street = JsonRead.GetString(json, "street");
        TownCity = JsonRead.GetString(json, "town_city");
        Subdistrict = JsonRead.GetString(json, "subdistrict");
        District = JsonRead.GetString(json, "district");
        State = JsonRead.GetString(json, "state");
        PostalCode = JsonRead.GetString(json, "postal_code");
        CountryIso = JsonRead.GetString(json, "country_iso");
        Country = JsonRead.GetString(json, "country");
        CareOf = JsonRead.GetString(json, "care_of");
        PostOffice = JsonRead.GetString(json, "post_office");
    }

    /// <summary>1 = UK/generic lines, 2 = India, 3 = USA-style, 4 = single line.</summary>
    public int? AddressFormat { get; }

    public string? FormattedAddress { get; }

    public string? BuildingNumber { get; }

    public string? Building { get; }

    public string? AddressLine1 { get; }

    public string? AddressLine2 { get; }

    public string? AddressLine3 { get; }

    public string? Street { get; }

    public string? TownCity { get; }

    public string? Subdistrict { get; }

    public string? District { get; }

    public string? State { get; }

    public string? PostalCode { get; }

    public string? CountryIso { get; }

    public string? Country { get; }

    public string? CareOf { get; }

    public string? PostOffice { get; }

    /// <summary>The formatted address on one line.</summary>
    public override string ToString() => ConsoleText.Escape(FormattedAddress?.Replace("\n", ", ") ?? string.Empty)!;
}

/// <summary>The machine-readable zone: <c>type</c> (1 = TD1 three lines, 2 = TD3 two lines; number or string) and its lines.</summary>
public sealed class YotiMrz : YotiJsonObject
{
    internal YotiMrz(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        Line1 = JsonRead.GetString(json, "line1");
        Line2 = JsonRead.GetString(json, "line2");
        Line3 = JsonRead.GetString(json, "line3");
    }

    /// <summary>As sent, as a string (<c>"2"</c> whether Yoti sent a number or a string).</summary>
    public string? Type { get; }

    public string? Line1 { get; }

    public string? Line2 { get; }

    public string? Line3 { get; }

    public override string ToString() => string.Join("\n", new[] { Line1, Line2, Line3 }.Select(l => ConsoleText.Escape(l))).TrimEnd('\n');
}
