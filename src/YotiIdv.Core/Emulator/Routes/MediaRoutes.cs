using System;
using System.IO;

namespace YotiIdv.Emulator.Routes;

/// <summary><c>GET /sessions/{sessionId}/media/{mediaId}/content</c> (spec 3.2): 200 streamed from its file, or 204.</summary>
internal sealed class GetMediaContentRoute : EmulatorRoute
{
    public GetMediaContentRoute() : base("GET", "/sessions/{sessionId}/media/{mediaId}/content")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context)
    {
        MediaItem? item = context.Data.GetMedia(context["sessionId"], context["mediaId"], out bool sessionFound);
        if (item?.IsNoContent == true)
        {
            return EmulatorHttpResponse.NoContent();
        }

        if (item?.FilePath is string file && File.Exists(file))
        {
            // A sample identity profile report is served signed for this emulator's origin (spec 5.5).
            return SignedReport(item, context.ReportSigner, context.BaseUri) is byte[] signed
                ? new EmulatorHttpResponse(200, signed, item.ContentType)
                : new EmulatorHttpResponse(200, file, item.ContentType);
        }

        byte[]? content = item?.ReadContent();
        if (content != null)
        {
            return new EmulatorHttpResponse(200, content, item!.ContentType);
        }

        return sessionFound ? MediaNotFound() : SessionNotFound();
    }

    /// <summary>A data-folder report (JSON with a proof object) signed for the emulator at <paramref name="baseUri"/>; null for other media.</summary>
    internal static byte[]? SignedReport(MediaItem item, EmulatorReportSigner? signer, Uri baseUri) =>
        signer != null && item.FilePath is string file && item.ContentType == EmulatorHttpResponse.JsonContentType
            ? signer.TrySign(File.ReadAllBytes(file), baseUri)
            : null;
}

/// <summary><c>DELETE /sessions/{sessionId}/media/{mediaId}/content</c> (spec 3.4): 204; later downloads answer 404.</summary>
internal sealed class DeleteMediaContentRoute : EmulatorRoute
{
    public DeleteMediaContentRoute() : base("DELETE", "/sessions/{sessionId}/media/{mediaId}/content")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.Data.DeleteMedia(context["sessionId"], context["mediaId"], out bool sessionFound) ? EmulatorHttpResponse.NoContent()
            : sessionFound ? MediaNotFound() : SessionNotFound();
}
