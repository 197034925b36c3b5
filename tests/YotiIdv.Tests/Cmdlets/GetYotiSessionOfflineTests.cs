using System;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Get-YotiSession behaviour that needs no server: saved files, id validation, no connection.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class GetYotiSessionOfflineTests : IDisposable
{
    private readonly PowerShellHost _host = new PowerShellHost();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void ReadsEverySavedFixtureWithWildcards()
    {
        var result = _host.Run("Get-YotiSession -Path (Join-Path $fixtures '*session*.json')", ("fixtures", TestPaths.Fixtures));
        Assert.Empty(result.Errors);
        YotiSession[] sessions = result.Objects<YotiSession>();
        Assert.Equal(12, sessions.Length);
        Assert.Contains(sessions, s => s.SessionId == "52098976-42d0-4051-a80f-7fc3438e4d9e" && s.State == "COMPLETED");
    }

    [Fact]
    public void RawReturnsTheFileTextAndBadFilesAreErrorsThatLetTheRestThrough()
    {
        string bad = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "yoti-bad-" + Guid.NewGuid() + ".json");
        System.IO.File.WriteAllText(bad, "{\"session_id\": \"x\", \"state\": ");
        try
        {
            var result = _host.Run("Get-YotiSession -LiteralPath $bad, $good, $missing -Raw",
                ("bad", bad), ("good", TestPaths.Fixture("session-expired.json")), ("missing", bad + ".missing"));
            Assert.Equal(2, result.Errors.Length);
            Assert.Equal("YotiInvalidSessionFile,YotiIdv.Commands.GetYotiSessionCommand", result.Errors[0].FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, result.Errors[0].CategoryInfo.Category);
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
            string raw = Assert.Single(result.Objects<string>());
            Assert.Equal(System.IO.File.ReadAllText(TestPaths.Fixture("session-expired.json")), raw);
        }
        finally
        {
            System.IO.File.Delete(bad);
        }
    }

    [Fact]
    public void InvalidIdsAreRefusedBeforeAnyRequestInInputOrder()
    {
        // A connection to a port nobody listens on: a valid id would fail with a connection error, an invalid one never gets that far.
        var result = _host.Run(@"
            Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl 'http://127.0.0.1:9/idverify/v1' -MaxRetries 0 -TimeoutSec 5
            '../etc/passwd', 'abc?x=1', '' | Get-YotiSession
            Disconnect-YotiIdv",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.Signing("test-key-pkcs1.pem")));
        Assert.Equal(3, result.Errors.Length);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("YotiInvalidSessionId,YotiIdv.Commands.GetYotiSessionCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Equal(new object[] { "../etc/passwd", "abc?x=1", "" }, result.Errors.Select(e => e.TargetObject).ToArray());
    }

    [Fact]
    public void WithoutAnyConnectionTheErrorIsTerminatingAndSaysHowToConnect()
    {
        // Statement-terminating: the try/catch sees it, and the ids after the first are never tried.
        var result = _host.Run(@"Disconnect-YotiIdv; $env:YOTI_CLIENT_SDK_ID = $null
            try { '52098976-42d0-4051-a80f-7fc3438e4d9e', 'x' | Get-YotiSession; 'not reached' } catch { $_ }");
        ErrorRecord record = Assert.Single(result.Objects<ErrorRecord>());
        Assert.Equal("YotiNotConnected,YotiIdv.Commands.GetYotiSessionCommand", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-YotiIdv", record.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, o => "not reached".Equals(o.BaseObject));
    }
}

/// <summary>Tests that touch the process-wide connection run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConnectionStateCollection
{
    public const string Name = "Process-wide connection state";
}
