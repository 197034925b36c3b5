namespace YotiIdv.Emulator.Routes;

/// <summary>
/// <c>GET /sessions/{sessionId}/configuration</c> (spec 3.5): <c>configurations/&lt;sessionId&gt;.json</c> of the data
/// folder, or one derived from the session (its check types, no required resources) when there is no such file.
/// </summary>
internal sealed class GetSessionConfigurationRoute : EmulatorRoute
{
    public GetSessionConfigurationRoute() : base("GET", "/sessions/{sessionId}/configuration")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.Data.GetConfiguration(context["sessionId"]) is byte[] json ? EmulatorHttpResponse.Json(200, json) : SessionNotFound();
}

/// <summary>
/// <c>GET /sessions/{sessionId}/tracked-devices</c> (spec 3.6): <c>tracked-devices/&lt;sessionId&gt;.json</c>, or
/// <c>[]</c>; 404 <c>TRACKED_DEVICES_NOT_FOUND</c> once deleted.
/// </summary>
internal sealed class GetTrackedDevicesRoute : EmulatorRoute
{
    public GetTrackedDevicesRoute() : base("GET", "/sessions/{sessionId}/tracked-devices")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.Data.GetTrackedDevices(context["sessionId"], out bool sessionFound) is byte[] json ? EmulatorHttpResponse.Json(200, json)
            : sessionFound ? TrackedDevicesNotFound() : SessionNotFound();

    internal static EmulatorHttpResponse TrackedDevicesNotFound() =>
        EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.TrackedDevicesNotFound, "Tracked devices not found");
}

/// <summary><c>DELETE /sessions/{sessionId}/tracked-devices</c> (spec 3.6): 204, then the GET and another DELETE answer 404.</summary>
internal sealed class DeleteTrackedDevicesRoute : EmulatorRoute
{
    public DeleteTrackedDevicesRoute() : base("DELETE", "/sessions/{sessionId}/tracked-devices")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.Data.DeleteTrackedDevices(context["sessionId"], out bool sessionFound) ? EmulatorHttpResponse.NoContent()
            : sessionFound ? GetTrackedDevicesRoute.TrackedDevicesNotFound() : SessionNotFound();
}

/// <summary>
/// <c>GET /supported-documents[?includeNonLatin=true|1]</c> (spec 3.7): <c>supported-documents.json</c> of the data
/// folder; without the flag, documents with <c>is_strictly_latin: false</c> are left out. Public: a signature is optional.
/// </summary>
internal sealed class GetSupportedDocumentsRoute : EmulatorRoute
{
    public GetSupportedDocumentsRoute() : base("GET", "/supported-documents")
    {
    }

    public override bool RequiresSignature => false;

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        EmulatorHttpResponse.Json(200, context.Data.GetSupportedDocuments(context.IsQueryFlagSet("includeNonLatin")));
}
