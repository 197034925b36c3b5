using System.Linq;
using System.Management.Automation;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Get-YotiSessionConfiguration, Get-YotiTrackedDevice and Get-YotiSupportedDocument over the emulator.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class LifecycleReadCommandsApiTests : ConnectedCmdletTests
{
    private const string Done = TestPaths.DoneSessionId;
    private const string Unknown = "00000000-0000-4000-8000-000000000000";

    public LifecycleReadCommandsApiTests()
        : base("GetYotiSessionConfigurationCommand")
    {
    }

    [Fact]
    public void Configuration_OfEverySession_InInputOrder_UnknownIdsAreErrors()
    {
        var result = _host.Run("$ids + $u | Get-YotiSessionConfiguration; Get-YotiSession $d | Get-YotiSessionConfiguration",
            ("ids", _emulator.SessionIds.ToArray()), ("u", Unknown), ("d", Done));

        YotiSessionConfiguration[] configurations = result.Objects<YotiSessionConfiguration>();
        Assert.Equal(_emulator.SessionIds.Concat(new[] { Done }), configurations.Select(c => c.SessionId));
        YotiSessionConfiguration done = configurations.Last();
        Assert.Equal(4, done.RequiredResources.Count);
        Assert.Equal("PROOF_OF_ADDRESS", done.Capture.SupplementaryDocuments[0].Objective);
        SingleError(result, "YotiSessionNotFound", ErrorCategory.ObjectNotFound, Unknown);
    }

    [Fact]
    public void Configuration_WithUnknownValues_FromTheServer_IsKept()
    {
        _emulator.SetConfiguration(Done, "{\"session_id\":\"" + Done + "\",\"capture\":{\"required_resources\":[{\"type\":\"HOLOGRAM\",\"id\":\"h\"}]},\"new_field\":{}}");
        var result = _host.Run("Get-YotiSessionConfiguration $d", ("d", Done));

        YotiSessionConfiguration configuration = Assert.Single(result.Objects<YotiSessionConfiguration>());
        Assert.False(Assert.Single(configuration.RequiredResources).IsKnownType);
        Assert.Contains("new_field", configuration.GetRawJson(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void TrackedDevices_AreFlatRows_AndANonArrayIsAnInvalidResponse()
    {
        _emulator.SetTrackedDevices(TestPaths.SeedSessionId, "[{\"event\":\"SOMETHING_NEW\",\"device\":{\"os_name\":\"Android\"}}]");
        var result = _host.Run("Get-YotiTrackedDevice -SessionId $d, $s | Select-Object SessionId, Event, OsName, IpAddress",
            ("d", Done), ("s", TestPaths.SeedSessionId));

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Output.Count);
        Assert.Equal("SOMETHING_NEW", result.Output[4].Properties["Event"].Value);
        Assert.Equal("Android", result.Output[4].Properties["OsName"].Value);
        Assert.Equal(Done, result.Output[0].Properties["SessionId"].Value);

        _emulator.AddFault(new YotiIdv.Emulator.YotiIdvFault(YotiIdv.Emulator.YotiIdvFaultKind.MalformedBody) { Body = "{\"event\":\"X\"}", PathPattern = "*/tracked-devices" });
        var invalid = _host.Run("Get-YotiTrackedDevice $d", ("d", Done));
        Assert.Equal("YotiInvalidResponse,YotiIdv.Commands.GetYotiTrackedDeviceCommand", Assert.Single(invalid.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void SupportedDocuments_IncludeNonLatin_ReachesTheServerAsASignedQueryParameter()
    {
        var latin = _host.Run("Get-YotiSupportedDocument");
        var all = _host.Run("Get-YotiSupportedDocument -IncludeNonLatin");
        var filtered = _host.Run("Get-YotiSupportedDocument -IncludeNonLatin -Country J* -DocumentType DRIVING_LICENCE");

        Assert.Equal(6, latin.Objects<YotiSupportedDocument>().Length);
        Assert.All(latin.Objects<YotiSupportedDocument>(), d => Assert.True(d.IsStrictlyLatin));
        Assert.Equal(8, all.Objects<YotiSupportedDocument>().Length);
        Assert.Equal("JPN DRIVING_LICENCE", Assert.Single(filtered.Objects<YotiSupportedDocument>()).ToString());

        var log = _emulator.RequestLog.Where(r => r.Path == "/supported-documents").ToArray();
        Assert.Equal(3, log.Length);
        Assert.All(log, r => Assert.True(r.Signed));
        Assert.Empty(log[0].Parameters);
        Assert.Equal("true", log[1].Parameters["includeNonLatin"]);
        Assert.Equal("true", log[2].Parameters["includeNonLatin"]);
    }
}
