using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// The resolver for every path a command writes to: relative to PowerShell's current location, with ~ and
/// PowerShell drives, file system only (paths read go through YotiCmdlet.ResolveFiles).
/// </summary>
internal static class PathResolver
{
    /// <summary>A path to write to (it may not exist yet); anything but a file-system path is one terminating InvalidOutputPath error.</summary>
    public static string ResolveOutputPath(this PSCmdlet cmdlet, string path, string parameterName)
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
        catch (Exception ex) when (ex is NotSupportedException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ArgumentException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorFactory.InvalidOutputPath, ErrorCategory.InvalidArgument, path));
            throw; // not reached
        }
    }
}
