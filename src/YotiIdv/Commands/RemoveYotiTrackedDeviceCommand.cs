using System.Management.Automation;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Remove-YotiTrackedDevice: deletes the device data Yoti tracked for sessions (spec 3.6).</summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Remove, "YotiTrackedDevice", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveYotiTrackedDeviceCommand : YotiSessionInputCmdlet
{
    /// <summary>Delete without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        if (DeleteConfirmation.ShouldDelete(this, Force, "tracked devices of session " + sessionId, "Delete the tracked device data at Yoti"))
        {
            Enqueue(sessionId, (client, token) => client.DeleteTrackedDevicesAsync(sessionId, token),
                _ => WriteVerbose("Deleted the tracked devices of session " + sessionId + "."));
        }
    }
}
