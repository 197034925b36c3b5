using System.Collections.Generic;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>An ID document (<c>resources.id_documents[]</c>).</summary>
public sealed class YotiIdDocument : YotiResource
{
    internal YotiIdDocument(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.IdDocumentsKey)
    {
        DocumentType = JsonRead.GetString(json, "document_type");
        IssuingCountry = JsonRead.GetString(json, "issuing_country");
        Pages = JsonRead.GetList(json, "pages", e => new YotiPage(e, ctx));
        DocumentFields = ctx.Wrapper(json, "document_fields");
        DocumentIdPhoto = ctx.Wrapper(json, "document_id_photo");
        ExpandedDocumentFields = ctx.Wrapper(json, "expanded_document_fields");
        Provider = JsonRead.GetString(json, "provider");
    }

    public string? DocumentType { get; }

    public string? IssuingCountry { get; }

    public IReadOnlyList<YotiPage> Pages { get; }

    public YotiMediaWrapper? DocumentFields { get; }

    public YotiMediaWrapper? DocumentIdPhoto { get; }

    public YotiMediaWrapper? ExpandedDocumentFields { get; }

    /// <summary>The Digital ID provider (e.g. <c>DIGILOCKER</c>) when the document came from one.</summary>
    public string? Provider { get; }
}

/// <summary>A supplementary document (<c>resources.supplementary_documents[]</c>).</summary>
public sealed class YotiSupplementaryDocument : YotiResource
{
    internal YotiSupplementaryDocument(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.SupplementaryDocumentsKey)
    {
        DocumentType = JsonRead.GetString(json, "document_type");
        IssuingCountry = JsonRead.GetString(json, "issuing_country");
        Pages = JsonRead.GetList(json, "pages", e => new YotiPage(e, ctx));
        File = ctx.Wrapper(json, "file");
        DocumentFields = ctx.Wrapper(json, "document_fields");
    }

    public string? DocumentType { get; }

    public string? IssuingCountry { get; }

    public IReadOnlyList<YotiPage> Pages { get; }

    public YotiMediaWrapper? File { get; }

    public YotiMediaWrapper? DocumentFields { get; }
}

/// <summary>
/// A liveness capture (<c>resources.liveness_capture[]</c>) of any <c>liveness_type</c>: <c>ZOOM</c>,
/// <c>STATIC</c> or one this version does not know. All fields are read whatever the type; other media
/// (e.g. a <c>video</c>) are reachable through the raw JSON and <see cref="YotiSession.GetAllMedia"/>.
/// </summary>
public sealed class YotiLivenessCapture : YotiResource
{
    internal YotiLivenessCapture(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.LivenessCaptureKey)
    {
        LivenessType = JsonRead.GetString(json, "liveness_type");
        Frames = YotiFrame.List(json, ctx);
        Facemap = ctx.Wrapper(json, "facemap");
        Image = ctx.Wrapper(json, "image");
        CaptureType = JsonRead.GetString(json, "capture_type");
    }

    public string? LivenessType { get; }

    public IReadOnlyList<YotiFrame> Frames { get; }

    public YotiMediaWrapper? Facemap { get; }

    public YotiMediaWrapper? Image { get; }

    /// <summary>STATIC liveness: e.g. <c>PHOTOGRAPH</c>.</summary>
    public string? CaptureType { get; }
}

/// <summary>A face image supplied for FACE_COMPARISON (<c>resources.face_capture[]</c>).</summary>
public sealed class YotiFaceCapture : YotiResource
{
    internal YotiFaceCapture(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.FaceCaptureKey)
    {
        Image = ctx.Wrapper(json, "image");
    }

    public YotiMediaWrapper? Image { get; }
}

/// <summary>Applicant data supplied at session creation (<c>resources.applicant_profiles[]</c>).</summary>
public sealed class YotiApplicantProfile : YotiResource
{
    internal YotiApplicantProfile(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.ApplicantProfilesKey)
    {
        Media = ctx.MediaProperty(json);
    }

    public YotiMedia? Media { get; }
}

/// <summary>A UK right-to-work share-code lookup (<c>resources.share_codes[]</c>).</summary>
public sealed class YotiShareCode : YotiResource
{
    internal YotiShareCode(JsonElement json, ParseContext ctx)
        : base(json, ctx, YotiResourceContainer.ShareCodesKey)
    {
        LookupProfile = ctx.Wrapper(json, "lookup_profile");
        ReturnedProfile = ctx.Wrapper(json, "returned_profile");
        IdPhoto = ctx.Wrapper(json, "id_photo");
        File = ctx.Wrapper(json, "file");
    }

    public YotiMediaWrapper? LookupProfile { get; }

    public YotiMediaWrapper? ReturnedProfile { get; }

    public YotiMediaWrapper? IdPhoto { get; }

    public YotiMediaWrapper? File { get; }
}

/// <summary>
/// A resource from a collection this version does not know (e.g. <c>voice_captures</c>); only the common
/// fields are mapped, the rest is in the raw JSON.
/// </summary>
public sealed class YotiOtherResource : YotiResource
{
    internal YotiOtherResource(JsonElement json, ParseContext ctx, string collectionName)
        : base(json, ctx, collectionName)
    {
    }
}
