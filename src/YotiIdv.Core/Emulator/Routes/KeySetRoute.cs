namespace YotiIdv.Emulator.Routes;

/// <summary>
/// <c>GET /keys/{kid}</c>: the public key set of the TEST-ONLY report signing key (see <see cref="EmulatorReportSigner"/>),
/// unauthenticated as Yoti serves it; 404 for another key id or when the data folder has no signing key.
/// </summary>
internal sealed class KeySetRoute : EmulatorRoute
{
    public KeySetRoute() : base("GET", "/keys/{kid}")
    {
    }

    public override bool RequiresSignature => false;

    public override EmulatorHttpResponse Handle(EmulatorRouteContext context) =>
        context.ReportSigner?.ServeKeySet("GET", "/keys/" + context["kid"])
            ?? EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.NotFound, "No such key set.");
}
