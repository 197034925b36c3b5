using System;
using System.Collections.Generic;

namespace YotiIdv.Model;

/// <summary>
/// Check types documented by Yoti (spec 4.7), as static properties (<c>[YotiIdv.Model.YotiCheckTypes]::Liveness</c>). Values are offered for completion and documentation only:
/// the model keeps whatever <c>type</c> Yoti sends, known or not.
/// </summary>
public static class YotiCheckTypes
{
    public static string IdDocumentAuthenticity { get; } = "ID_DOCUMENT_AUTHENTICITY";
    public static string IdDocumentTextDataCheck { get; } = "ID_DOCUMENT_TEXT_DATA_CHECK";
    public static string IdDocumentFaceMatch { get; } = "ID_DOCUMENT_FACE_MATCH";
    public static string Liveness { get; } = "LIVENESS";
    public static string IdDocumentComparison { get; } = "ID_DOCUMENT_COMPARISON";
    public static string SupplementaryDocumentTextDataCheck { get; } = "SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK";
    public static string ThirdPartyIdentity { get; } = "THIRD_PARTY_IDENTITY";
    public static string ThirdPartyIdentityFraud1 { get; } = "THIRD_PARTY_IDENTITY_FRAUD_1";
    public static string SynecticsIdentityFraud { get; } = "SYNECTICS_IDENTITY_FRAUD";
    public static string WatchlistScreening { get; } = "WATCHLIST_SCREENING";
    public static string WatchlistAdvancedCa { get; } = "WATCHLIST_ADVANCED_CA";
    public static string FaceComparison { get; } = "FACE_COMPARISON";
    public static string IbvVisualReviewCheck { get; } = "IBV_VISUAL_REVIEW_CHECK";
    public static string DocumentSchemeValidityCheck { get; } = "DOCUMENT_SCHEME_VALIDITY_CHECK";
    public static string ProfileDocumentMatch { get; } = "PROFILE_DOCUMENT_MATCH";
    public static string FamiliarFaceSearch { get; } = "FAMILIAR_FACE_SEARCH";

    /// <summary>Every documented check type, in the order of the specification.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(new[]
    {
        IdDocumentAuthenticity, IdDocumentTextDataCheck, IdDocumentFaceMatch, Liveness, IdDocumentComparison,
        SupplementaryDocumentTextDataCheck, ThirdPartyIdentity, ThirdPartyIdentityFraud1, SynecticsIdentityFraud,
        WatchlistScreening, WatchlistAdvancedCa, FaceComparison, IbvVisualReviewCheck, DocumentSchemeValidityCheck,
        ProfileDocumentMatch, FamiliarFaceSearch,
    });
}

/// <summary>Documented check states (spec 6.4); an open set.</summary>
public static class YotiCheckStates
{
    public static string Created { get; } = "CREATED";
    public static string Pending { get; } = "PENDING";
    public static string Ready { get; } = "READY";
    public static string Done { get; } = "DONE";

    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(new[] { Created, Pending, Ready, Done });
}

/// <summary>Documented breakdown results (spec 6.4); an open set.</summary>
public static class YotiBreakdownResults
{
    public static string Pass { get; } = "PASS";
    public static string Fail { get; } = "FAIL";

    /// <summary>Not in the spec's list, but seen in responses (the forward-compatibility sample has one).</summary>
    public static string Warning { get; } = "WARNING";

    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(new[] { Pass, Fail, Warning });
}

/// <summary>Documented check recommendation values (spec 6.3) and how they rank.</summary>
public static class YotiRecommendationValues
{
    public static string Approve { get; } = "APPROVE";
    public static string Consider { get; } = "CONSIDER";
    public static string NotAvailable { get; } = "NOT_AVAILABLE";
    public static string Reject { get; } = "REJECT";

    /// <summary>From best to worst.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(new[] { Approve, NotAvailable, Consider, Reject });

    /// <summary>
    /// How bad a recommendation is: <c>REJECT</c> 4, <c>CONSIDER</c> 3, <c>NOT_AVAILABLE</c> 2, a value
    /// Yoti has not documented 1 (it is not an approval, so it outranks <c>APPROVE</c>, but nothing
    /// documented), <c>APPROVE</c> 0, no value -1. Case-insensitive.
    /// </summary>
    public static int Rank(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return -1;
        }

        string upper = value!.ToUpperInvariant();
        return upper == Reject ? 4
            : upper == Consider ? 3
            : upper == NotAvailable ? 2
            : upper == Approve ? 0
            : 1;
    }
}
