using System.Management.Automation;
using YotiIdv.Http;
using YotiIdv.Infrastructure;

namespace YotiIdv.Commands;

/// <summary>Get-YotiIdvConnection: the connection the other commands will use, if any.</summary>
[Cmdlet(VerbsCommon.Get, "YotiIdvConnection")]
[OutputType(typeof(YotiConnection))]
public sealed class GetYotiIdvConnectionCommand : SafeOutputCmdlet
{
    protected override void EndProcessing()
    {
        YotiConnection? connection = ConnectionStore.Current;
        if (connection is null)
        {
            try
            {
                connection = ConnectionStore.FromEnvironment(path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            }
            catch (System.Exception ex)
            {
                WriteVerbose("The environment variables describe no usable connection: " + ex.Message);
            }
        }

        if (connection != null)
        {
            WriteObject(connection);
        }
    }
}
