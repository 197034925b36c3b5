namespace YotiIdv.Emulator.Routes;

/// <summary><c>GET /sessions/{sessionId}</c>: the session JSON, byte for byte (spec 3.1).</summary>
internal sealed class GetSessionRoute : EmulatorRoute
{
    public GetSessionRoute() : base("GET", "/sessions/{sessionId}")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.Data.GetSessionJson(context["sessionId"]) is byte[] json ? EmulatorHttpResponse.Json(200, json) : SessionNotFound();
}

/// <summary>
/// <c>DELETE /sessions/{sessionId}</c> (spec 3.3): 204, remembered until <see cref="YotiIdvEmulator.Reload"/>;
/// 409 <c>SESSION_NOT_COMPLETED</c> while the session is <c>ONGOING</c> (Yoti deletes completed sessions only).
/// </summary>
internal sealed class DeleteSessionRoute : EmulatorRoute
{
    public DeleteSessionRoute() : base("DELETE", "/sessions/{sessionId}")
    {
    }

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) => context.Data.DeleteSession(context["sessionId"]) switch
    {
        DeleteOutcome.Deleted => EmulatorHttpResponse.NoContent(),
        DeleteOutcome.Conflict => EmulatorHttpResponse.Error(409, YotiIdvEmulatorErrorCodes.SessionNotCompleted, "The session cannot be deleted until it is completed"),
        _ => SessionNotFound(),
    };
}
