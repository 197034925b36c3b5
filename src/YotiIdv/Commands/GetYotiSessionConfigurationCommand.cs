using System.Management.Automation;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiSessionConfiguration: what each session was asked to capture and check (spec 3.5), typed.</summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Get, "YotiSessionConfiguration", DefaultParameterSetName = BySessionSet)]
[OutputType(typeof(YotiSessionConfiguration))]
public sealed class GetYotiSessionConfigurationCommand : YotiSessionInputCmdlet
{
    // A piped session gives only its id: the configuration is a separate endpoint.
    protected override void QueueSession(string sessionId, YotiSession? piped) =>
        Enqueue(sessionId, (client, token) => client.GetSessionConfigurationAsync(sessionId, token), WriteObject);
}
