using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>The rows of the extracted-fields table: the typed fields first, then any field the model does not map.</summary>
internal static class DocumentFieldRows
{
    private static readonly HashSet<string> Mapped = new HashSet<string>
    {
        "full_name", "given_names", "first_name", "middle_name", "family_name", "name_prefix", "name_suffix", "date_of_birth",
        "place_of_birth", "country_of_birth", "nationality", "gender", "document_type", "issuing_country", "document_number",
        "personal_identification_number", "expiration_date", "date_of_issue", "issuing_authority", "place_of_issue",
        "organisation", "structured_postal_address", "mrz",
    };

    public static IEnumerable<KeyValuePair<string, string>> Of(YotiDocumentFields f)
    {
        var rows = new List<KeyValuePair<string, string>>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                rows.Add(new KeyValuePair<string, string>(label, value!));
            }
        }

        Add("Full name", f.FullName);
        Add("Name prefix", f.NamePrefix);
        Add("Given names", f.GivenNames);
        Add("First name", f.FirstName);
        Add("Middle name", f.MiddleName);
        Add("Family name", f.FamilyName);
        Add("Name suffix", f.NameSuffix);
        Add("Date of birth", f.DateOfBirth);
        Add("Place of birth", f.PlaceOfBirth);
        Add("Country of birth", f.CountryOfBirth);
        Add("Nationality", f.Nationality);
        Add("Gender", f.Gender);
        Add("Document type", f.DocumentType);
        Add("Issuing country", f.IssuingCountry);
        Add("Document number", f.DocumentNumber);
        Add("Personal identification number", f.PersonalIdentificationNumber);
        Add("Date of issue", f.DateOfIssue);
        Add("Expiration date", f.ExpirationDate);
        Add("Issuing authority", f.IssuingAuthority);
        Add("Place of issue", f.PlaceOfIssue);
        Add("Organisation", f.Organisation);
        Add("Address", f.StructuredPostalAddress?.FormattedAddress ?? f.StructuredPostalAddress?.GetRawJson());

        if (f.Json.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in f.Json.EnumerateObject().Where(p => !Mapped.Contains(p.Name)))
            {
                Add(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
            }
        }

        return rows;
    }
}
