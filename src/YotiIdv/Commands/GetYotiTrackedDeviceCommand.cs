using System.Collections.Generic;
using System.Management.Automation;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiTrackedDevice: the device events of each session (spec 3.6), one flat object per event.</summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Get, "YotiTrackedDevice", DefaultParameterSetName = BySessionSet)]
[OutputType(typeof(YotiTrackedDeviceEvent))]
public sealed class GetYotiTrackedDeviceCommand : YotiSessionInputCmdlet
{
    protected override void QueueSession(string sessionId, YotiSession? piped) =>
        Enqueue(sessionId, (client, token) => client.GetTrackedDevicesAsync(sessionId, token), WriteEvents);

    private void WriteEvents(IReadOnlyList<YotiTrackedDeviceEvent> events)
    {
        foreach (YotiTrackedDeviceEvent item in events)
        {
            WriteObject(item);
        }
    }
}
