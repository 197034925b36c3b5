using System.Linq;
using System.Management.Automation;
using System.Text;
using YotiIdv.Emulator;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>
/// Connect-YotiIdv -Proxy over a real forward proxy on loopback: requests go through it, arrive signed and verified,
/// and the proxy password appears in no stream.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class ConnectProxyTests : ConnectedCmdletTests
{
    private const string User = "proxy-user";
    private const string Password = "Pr0xy-S3cret-Value";

    public ConnectProxyTests()
        : base("ConnectYotiIdvCommand")
    {
    }

    private (PSObject[] Output, string AllStreams, ErrorRecord[] Errors) RunAllStreams(string script, params (string Name, object? Value)[] variables)
    {
        using PowerShell shell = _host.CreateShell();
        foreach (var (name, value) in variables)
        {
            shell.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'\n" + script);
        PSObject[] output;
        try
        {
            output = shell.Invoke().ToArray();
        }
        catch (RuntimeException ex)
        {
            output = new[] { new PSObject(ex.ErrorRecord) };
        }

        var text = new StringBuilder();
        foreach (PSObject o in output)
        {
            text.AppendLine(o?.ToString());
        }

        foreach (ErrorRecord e in shell.Streams.Error)
        {
            text.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString());
        }

        shell.Streams.Verbose.ToList().ForEach(v => text.AppendLine(v.Message));
        shell.Streams.Debug.ToList().ForEach(v => text.AppendLine(v.Message));
        shell.Streams.Warning.ToList().ForEach(v => text.AppendLine(v.Message));
        shell.Streams.Information.ToList().ForEach(v => text.AppendLine(v.MessageData?.ToString()));
        return (output, text.ToString(), shell.Streams.Error.ToArray());
    }

    private static string ConnectScript(string credentialArguments) => @"
        $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -Proxy $proxy " + credentialArguments + @" -MaxRetries 1 -TimeoutSec 10 -PassThru
        $c; $c.Proxy
        Get-YotiSession -SessionId $s
        Get-YotiSupportedDocument -IncludeNonLatin | Select-Object -First 1";

    [Fact]
    public void RequestsGoThroughTheProxy_SignedAndVerified_AndThePasswordIsInNoStream()
    {
        using var proxy = new LoopbackForwardProxy(User, Password);
        var credential = new PSCredential(User, new System.Net.NetworkCredential(string.Empty, Password).SecurePassword);

        var (output, allStreams, errors) = RunAllStreams(ConnectScript("-ProxyCredential $credential"),
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("proxy", proxy.Uri),
            ("credential", credential), ("s", TestPaths.SeedSessionId));

        Assert.Empty(errors);
        Assert.Contains(output, o => o.BaseObject is YotiSession session && session.SessionId == TestPaths.SeedSessionId);
        Assert.Contains(output, o => o.BaseObject is YotiSupportedDocument);
        Assert.Equal(2, proxy.Forwarded.Count);
        Assert.All(proxy.Forwarded, line => Assert.Contains(_emulator.BaseUri.Authority, line, System.StringComparison.Ordinal));
        Assert.True(proxy.Challenged >= 1, "the client answers the proxy's 407 challenge with the credential");
        YotiIdvEmulatorRequest[] arrived = _emulator.RequestLog.ToArray();
        Assert.Equal(2, arrived.Length);
        Assert.All(arrived, r => Assert.True(r.Signed));
        Assert.All(arrived, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal("true", arrived[1].Parameters["includeNonLatin"]);
        Assert.Contains(User, allStreams, System.StringComparison.Ordinal); // the user name is shown ...
        Assert.DoesNotContain(Password, allStreams, System.StringComparison.Ordinal); // ... the password never
    }

    [Fact]
    public void AWrongProxyPassword_IsAnErrorThatDoesNotShowIt_AndNothingReachesTheServer()
    {
        using var proxy = new LoopbackForwardProxy(User, "the-right-one");
        var credential = new PSCredential(User, new System.Net.NetworkCredential(string.Empty, Password).SecurePassword);

        var (_, allStreams, errors) = RunAllStreams(ConnectScript("-ProxyCredential $credential"),
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("proxy", proxy.Uri),
            ("credential", credential), ("s", TestPaths.SeedSessionId));

        Assert.NotEmpty(errors);
        Assert.Empty(proxy.Forwarded);
        Assert.Empty(_emulator.RequestLog);
        Assert.DoesNotContain(Password, allStreams, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ProxyParameters_AreCheckedAsInvokeRestMethodChecksThem()
    {
        var credential = new PSCredential(User, new System.Net.NetworkCredential(string.Empty, Password).SecurePassword);
        var withoutProxy = _host.Run("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -ProxyCredential $credential",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("credential", credential));
        var both = _host.Run("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -Proxy http://127.0.0.1:9 -ProxyCredential $credential -ProxyUseDefaultCredentials",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("credential", credential));

        Assert.Equal("YotiInvalidParameterCombination,YotiIdv.Commands.ConnectYotiIdvCommand", Assert.Single(withoutProxy.Errors).FullyQualifiedErrorId);
        Assert.Equal("YotiInvalidParameterCombination,YotiIdv.Commands.ConnectYotiIdvCommand", Assert.Single(both.Errors).FullyQualifiedErrorId);
    }
}
