using System.Management.Automation;
using YotiIdv.Infrastructure;

namespace YotiIdv.Commands;

/// <summary>Disconnect-YotiIdv: forgets the connection set by Connect-YotiIdv.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "YotiIdv")]
[OutputType(typeof(void))]
public sealed class DisconnectYotiIdvCommand : SafeOutputCmdlet
{
    protected override void EndProcessing()
    {
        if (ConnectionStore.Clear() is { } old)
        {
            WriteVerbose($"Disconnected from {old.ApiUrl} (SDK id {old.SdkId}).");
        }
        else
        {
            WriteVerbose("There was no connection to forget.");
        }
    }
}
