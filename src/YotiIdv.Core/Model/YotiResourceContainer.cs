using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// The session's <c>resources</c>: one list per known collection (never null) plus
/// <see cref="OtherResources"/> for collections this version does not know.
/// </summary>
public sealed class YotiResourceContainer : YotiJsonObject
{
    internal const string IdDocumentsKey = "id_documents";
    internal const string SupplementaryDocumentsKey = "supplementary_documents";
    internal const string LivenessCaptureKey = "liveness_capture";
    internal const string FaceCaptureKey = "face_capture";
    internal const string ApplicantProfilesKey = "applicant_profiles";
    internal const string ShareCodesKey = "share_codes";

    private static readonly string[] KnownKeys =
    {
        IdDocumentsKey, SupplementaryDocumentsKey, LivenessCaptureKey, FaceCaptureKey, ApplicantProfilesKey, ShareCodesKey,
    };

    /// <summary>Reads <c>resources</c>; an absent or empty container gives empty lists.</summary>
    internal YotiResourceContainer(JsonElement json, ParseContext ctx)
        : base(json)
    {
        IdDocuments = JsonRead.GetList(json, IdDocumentsKey, e => new YotiIdDocument(e, ctx));
        SupplementaryDocuments = JsonRead.GetList(json, SupplementaryDocumentsKey, e => new YotiSupplementaryDocument(e, ctx));
        LivenessCapture = JsonRead.GetList(json, LivenessCaptureKey, e => new YotiLivenessCapture(e, ctx));
        FaceCapture = JsonRead.GetList(json, FaceCaptureKey, e => new YotiFaceCapture(e, ctx));
        ApplicantProfiles = JsonRead.GetList(json, ApplicantProfilesKey, e => new YotiApplicantProfile(e, ctx));
        ShareCodes = JsonRead.GetList(json, ShareCodesKey, e => new YotiShareCode(e, ctx));
        OtherResources = ReadOtherResources(json, ctx);
    }

    /// <summary>A container built from already-mapped resources (see <see cref="Filter"/>).</summary>
    private YotiResourceContainer(
        IReadOnlyList<YotiIdDocument> idDocuments,
        IReadOnlyList<YotiSupplementaryDocument> supplementaryDocuments,
        IReadOnlyList<YotiLivenessCapture> livenessCapture,
        IReadOnlyList<YotiFaceCapture> faceCapture,
        IReadOnlyList<YotiApplicantProfile> applicantProfiles,
        IReadOnlyList<YotiShareCode> shareCodes,
        IReadOnlyList<YotiOtherResource> otherResources)
        : base(default, BuildRawJson(idDocuments, supplementaryDocuments, livenessCapture, faceCapture, applicantProfiles, shareCodes, otherResources))
    {
        IdDocuments = idDocuments;
        SupplementaryDocuments = supplementaryDocuments;
        LivenessCapture = livenessCapture;
        FaceCapture = faceCapture;
        ApplicantProfiles = applicantProfiles;
        ShareCodes = shareCodes;
        OtherResources = otherResources;
    }

    public IReadOnlyList<YotiIdDocument> IdDocuments { get; }

    public IReadOnlyList<YotiSupplementaryDocument> SupplementaryDocuments { get; }

    public IReadOnlyList<YotiLivenessCapture> LivenessCapture { get; }

    public IReadOnlyList<YotiFaceCapture> FaceCapture { get; }

    public IReadOnlyList<YotiApplicantProfile> ApplicantProfiles { get; }

    public IReadOnlyList<YotiShareCode> ShareCodes { get; }

    /// <summary>Resources of unknown collections, each tagged with its <see cref="YotiResource.CollectionName"/>.</summary>
    public IReadOnlyList<YotiOtherResource> OtherResources { get; }

    /// <summary>Liveness captures whose <c>liveness_type</c> is <c>ZOOM</c>.</summary>
    public IReadOnlyList<YotiLivenessCapture> GetZoomLivenessCaptures() => LivenessOfType("ZOOM");

    /// <summary>Liveness captures whose <c>liveness_type</c> is <c>STATIC</c>.</summary>
    public IReadOnlyList<YotiLivenessCapture> GetStaticLivenessCaptures() => LivenessOfType("STATIC");

    /// <summary>Every resource, known collections first (in the order above), then the others.</summary>
    public IReadOnlyList<YotiResource> GetAllResources() =>
        JsonRead.ReadOnly(IdDocuments.Cast<YotiResource>()
            .Concat(SupplementaryDocuments)
            .Concat(LivenessCapture)
            .Concat(FaceCapture)
            .Concat(ApplicantProfiles)
            .Concat(ShareCodes)
            .Concat(OtherResources)
            .ToList());

    /// <summary>The first resource with this id, or null.</summary>
    public YotiResource? FindResource(string resourceId) =>
        GetAllResources().FirstOrDefault(r => string.Equals(r.ResourceId, resourceId, StringComparison.Ordinal));

    /// <summary>
    /// How many resources each non-empty collection holds, e.g. <c>id_documents=1; liveness_capture=1</c>
    /// (a readable CSV cell); empty when there are none.
    /// </summary>
    public override string ToString() =>
        ConsoleText.Escape(string.Join(YotiReadOnlyList<YotiResource>.Separator, GetAllResources()
            .GroupBy(r => r.CollectionName, StringComparer.Ordinal)
            .Select(g => g.Key + "=" + g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture))))!;

    /// <summary>A container holding only the resources whose id is in <paramref name="resourceIds"/>; unknown ids are ignored.</summary>
    internal YotiResourceContainer Filter(IEnumerable<string> resourceIds)
    {
        var ids = new HashSet<string>(resourceIds, StringComparer.Ordinal);
        IReadOnlyList<T> Keep<T>(IReadOnlyList<T> list)
            where T : YotiResource =>
            JsonRead.ReadOnly(list.Where(r => r.ResourceId is not null && ids.Contains(r.ResourceId)).ToList());

        return new YotiResourceContainer(
            Keep(IdDocuments),
            Keep(SupplementaryDocuments),
            Keep(LivenessCapture),
            Keep(FaceCapture),
            Keep(ApplicantProfiles),
            Keep(ShareCodes),
            Keep(OtherResources));
    }

    private IReadOnlyList<YotiLivenessCapture> LivenessOfType(string type) =>
        JsonRead.ReadOnly(LivenessCapture.Where(l => string.Equals(l.LivenessType, type, StringComparison.OrdinalIgnoreCase)).ToList());

    private static IReadOnlyList<YotiOtherResource> ReadOtherResources(JsonElement json, ParseContext ctx)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return JsonRead.ReadOnly<YotiOtherResource>(null);
        }

        List<YotiOtherResource>? list = null;
        foreach (var property in json.EnumerateObject())
        {
            if (Array.IndexOf(KnownKeys, property.Name) >= 0 || property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in property.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    (list ??= new List<YotiOtherResource>()).Add(new YotiOtherResource(item, ctx, property.Name));
                }
            }
        }

        return JsonRead.ReadOnly(list);
    }

    /// <summary>Raw JSON of a filtered container: the kept resources' own JSON under their collection keys.</summary>
    private static string BuildRawJson(params IEnumerable<YotiResource>[] lists)
    {
        var groups = new List<KeyValuePair<string, List<YotiResource>>>();
        foreach (var key in KnownKeys)
        {
            groups.Add(new KeyValuePair<string, List<YotiResource>>(key, new List<YotiResource>()));
        }

        foreach (var resource in lists.SelectMany(l => l))
        {
            var group = groups.FirstOrDefault(g => g.Key == resource.CollectionName);
            if (group.Value is null)
            {
                group = new KeyValuePair<string, List<YotiResource>>(resource.CollectionName, new List<YotiResource>());
                groups.Add(group);
            }

            group.Value.Add(resource);
        }

        var sb = new StringBuilder("{");
        for (int i = 0; i < groups.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(JsonSerializer.Serialize(groups[i].Key)).Append(":[");
            sb.Append(string.Join(",", groups[i].Value.Select(r => r.GetRawJson())));
            sb.Append(']');
        }

        return sb.Append('}').ToString();
    }
}
