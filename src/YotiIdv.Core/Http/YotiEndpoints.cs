using System;

namespace YotiIdv.Http;

/// <summary>
/// Every endpoint the module calls, one small method each (spec section 3). Ids are validated here, so a bad
/// id never reaches the wire. To add an endpoint: a method here naming method, path, resource and query; then
/// a typed call on <see cref="YotiApiClient"/> (or a reader of your own) that sends it with SendAsync.
/// </summary>
public static partial class YotiEndpoints
{
    /// <summary>GET /sessions/{sessionId}: the session's results.</summary>
    public static YotiRequest Session(string sessionId)
    {
        string id = YotiRequest.Id(sessionId);
        return YotiRequest.Get("/sessions/" + id, YotiResource.Session, id);
    }

    /// <summary>GET /sessions/{sessionId}/media/{mediaId}/content: one media item (204 when it has no content).</summary>
    public static YotiRequest MediaContent(string sessionId, string mediaId)
    {
        string session = YotiRequest.Id(sessionId);
        string media = YotiRequest.Id(mediaId);
        return YotiRequest.Get("/sessions/" + session + "/media/" + media + "/content", YotiResource.Media, session, media);
    }

    /// <summary>
    /// GET of a report's key set (JWKS) at an absolute URL, unsigned: key sets are public. Only for URLs that
    /// Proof.KeyOrigin allows (the connection's API origin or a trusted key origin).
    /// </summary>
    public static YotiRequest KeySet(Uri url) => YotiRequest.PublicGet(url ?? throw new ArgumentNullException(nameof(url)), YotiResource.KeySet);
}
