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
            return new EmulatorHttpResponse(200, file, item.ContentType);
        }

        byte[]? content = item?.ReadContent();
        if (content != null)
        {
            return new EmulatorHttpResponse(200, content, item!.ContentType);
        }

        return sessionFound ? MediaNotFound() : SessionNotFound();
    }
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
