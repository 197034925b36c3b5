using System;
using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>Resolves an output parameter (-OutFile, -Destination) to a file-system path, or stops the command with YotiInvalidOutputPath.</summary>
internal static class OutputPath
{
    public static string Resolve(PSCmdlet cmdlet, string path, string parameterName)
    {
        try
        {
            string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.Name != "FileSystem")
            {
                throw new NotSupportedException($"-{parameterName} '{path}' is not a file system path.");
            }

            return resolved;
        }
        catch (Exception ex) when (ex is NotSupportedException || ex is ProviderNotFoundException || ex is DriveNotFoundException || ex is ArgumentException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidOutputPath, ErrorCategory.InvalidArgument, path));
            throw; // not reached: ThrowTerminatingError throws
        }
    }
}
