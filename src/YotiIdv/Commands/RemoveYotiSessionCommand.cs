using System.Management.Automation;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>
/// Remove-YotiSession: deletes sessions with their resources and media at Yoti (spec 3.3), for data-protection
/// requests and "archive, verify, then delete" jobs. Takes ids, piped sessions, or any object with a SessionId.
/// </summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Remove, "YotiSession", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveYotiSessionCommand : YotiSessionInputCmdlet
{
    /// <summary>Delete without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        if (DeleteConfirmation.ShouldDelete(this, Force, "session " + sessionId, "Delete the session, its resources and media at Yoti"))
        {
            Enqueue(sessionId, (client, token) => client.DeleteSessionAsync(sessionId, token),
                _ => WriteVerbose("Deleted session " + sessionId + "."));
        }
    }
}
