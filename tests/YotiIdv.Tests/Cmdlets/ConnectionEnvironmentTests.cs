using System;
using System.Linq;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Without Connect-YotiIdv the commands use the variables the official SDKs read, over real HTTP.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class ConnectionEnvironmentTests : ConnectedCmdletTests, IDisposable
{
    private static readonly string[] Variables = { "YOTI_CLIENT_SDK_ID", "YOTI_KEY_FILE_PATH", "YOTI_IDV_API_URL", "YOTI_DOC_SCAN_API_URL" };
    private readonly string?[] _saved = Variables.Select(Environment.GetEnvironmentVariable).ToArray();

    public ConnectionEnvironmentTests()
        : base("GetYotiSessionCommand")
    {
        _host.Run("Disconnect-YotiIdv");
        Environment.SetEnvironmentVariable("YOTI_CLIENT_SDK_ID", TestPaths.TestSdkId);
        Environment.SetEnvironmentVariable("YOTI_KEY_FILE_PATH", TestPaths.PrivateKeyPath);
    }

    [Fact]
    public void TheLegacyDocScanUrlIsUsedWhenTheIdvUrlIsNotSet()
    {
        Environment.SetEnvironmentVariable("YOTI_IDV_API_URL", null);
        Environment.SetEnvironmentVariable("YOTI_DOC_SCAN_API_URL", _emulator.BaseUri.AbsoluteUri);
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Equal(TestPaths.SeedSessionId, Assert.Single(result.Objects<YotiSession>()).SessionId);
        Assert.Equal(1, _emulator.Stats.RequestsReceived);
    }

    [Fact]
    public void TheIdvUrlWinsOverTheDocScanUrl()
    {
        Environment.SetEnvironmentVariable("YOTI_IDV_API_URL", _emulator.BaseUri.AbsoluteUri);
        Environment.SetEnvironmentVariable("YOTI_DOC_SCAN_API_URL", "http://127.0.0.1:9/idverify/v1");
        var result = _host.Run("Get-YotiSession $id", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        Assert.Single(result.Objects<YotiSession>());
        Assert.Equal(1, _emulator.Stats.RequestsReceived);
    }

    // Re-implemented so that the variables are restored before the base tears the emulator down.
    void IDisposable.Dispose()
    {
        for (int i = 0; i < Variables.Length; i++)
        {
            Environment.SetEnvironmentVariable(Variables[i], _saved[i]);
        }

        base.Dispose();
    }
}
