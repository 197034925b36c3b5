namespace YotiIdv.Http;

/// <summary>The endpoints beyond retrieval (spec 3.3-3.7): deletes, configuration, tracked devices, supported documents.</summary>
public static partial class YotiEndpoints
{
    /// <summary>DELETE /sessions/{sessionId}: the session, its resources and media (204; 409 while it is not completed).</summary>
    public static YotiRequest DeleteSession(string sessionId)
    {
        string id = YotiRequest.Id(sessionId);
        return YotiRequest.Delete("/sessions/" + id, YotiResource.Session, id);
    }

    /// <summary>DELETE /sessions/{sessionId}/media/{mediaId}/content (204; 409 while the media is locked).</summary>
    public static YotiRequest DeleteMediaContent(string sessionId, string mediaId)
    {
        string session = YotiRequest.Id(sessionId);
        string media = YotiRequest.Id(mediaId);
        return YotiRequest.Delete("/sessions/" + session + "/media/" + media + "/content", YotiResource.Media, session, media);
    }

    /// <summary>GET /sessions/{sessionId}/configuration: what the session was asked to capture.</summary>
    public static YotiRequest SessionConfiguration(string sessionId)
    {
        string id = YotiRequest.Id(sessionId);
        return YotiRequest.Get("/sessions/" + id + "/configuration", YotiResource.Configuration, id);
    }

    /// <summary>GET /sessions/{sessionId}/tracked-devices: the device events (a JSON array).</summary>
    public static YotiRequest TrackedDevices(string sessionId)
    {
        string id = YotiRequest.Id(sessionId);
        return YotiRequest.Get("/sessions/" + id + "/tracked-devices", YotiResource.TrackedDevices, id);
    }

    /// <summary>DELETE /sessions/{sessionId}/tracked-devices (204).</summary>
    public static YotiRequest DeleteTrackedDevices(string sessionId)
    {
        string id = YotiRequest.Id(sessionId);
        return YotiRequest.Delete("/sessions/" + id + "/tracked-devices", YotiResource.TrackedDevices, id);
    }

    /// <summary>GET /supported-documents; <c>includeNonLatin=true</c> (a signed query parameter) adds non-Latin documents.</summary>
    public static YotiRequest SupportedDocuments(bool includeNonLatin)
    {
        YotiRequest request = YotiRequest.Get("/supported-documents", YotiResource.SupportedDocuments);
        return includeNonLatin ? request.WithQuery("includeNonLatin", "true") : request;
    }
}
