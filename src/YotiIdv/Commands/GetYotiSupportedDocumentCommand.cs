using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiSupportedDocument: the countries and document types Yoti accepts (spec 3.7), one row each.</summary>
[Cmdlet(VerbsCommon.Get, "YotiSupportedDocument")]
[OutputType(typeof(YotiSupportedDocument))]
public sealed class GetYotiSupportedDocumentCommand : YotiApiCmdlet
{
    /// <summary>Also documents whose text is not strictly Latin (sent to Yoti as the signed query parameter includeNonLatin=true).</summary>
    [Parameter]
    public SwitchParameter IncludeNonLatin { get; set; }

    /// <summary>Only these countries (ISO 3166-1 alpha-3 codes such as GBR; wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Country { get; set; }

    /// <summary>Only these document types (PASSPORT, DRIVING_LICENCE, ...; wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? DocumentType { get; set; }

    protected override void ProcessRecord() =>
        Enqueue("supported-documents", (client, token) => client.GetSupportedDocumentsAsync(IncludeNonLatin, token), WriteRows);

    private void WriteRows(IReadOnlyList<YotiSupportedDocument> rows)
    {
        WildcardPattern[]? countries = Patterns(Country);
        WildcardPattern[]? types = Patterns(DocumentType);
        foreach (YotiSupportedDocument row in rows)
        {
            if (Matches(countries, row.Country) && Matches(types, row.DocumentType))
            {
                WriteObject(row);
            }
        }
    }

    private static WildcardPattern[]? Patterns(string[]? values) =>
        values?.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();

    private static bool Matches(WildcardPattern[]? patterns, string? value) =>
        patterns is null || patterns.Any(p => p.IsMatch(value ?? string.Empty));
}
