using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// The one resolver for every path a command reads or writes: relative to PowerShell's current location, with
/// ~ and PowerShell drives, file system only (as the web cmdlets send every path through one resolver).
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

    /// <summary>
    /// Existing file-system items for a -Path (wildcards) or -LiteralPath; a path that matches nothing, or is not
    /// in the file system, is a non-terminating <paramref name="notFoundErrorId"/> error and contributes nothing.
    /// </summary>
    public static List<string> ResolveInputPaths(this PSCmdlet cmdlet, string path, bool literal, string notFoundErrorId)
    {
        var items = new List<string>();
        try
        {
            if (literal)
            {
                string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file system path.");
                }

                items.Add(resolved);
            }
            else
            {
                var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file system path.");
                }

                items.AddRange(resolved);
                if (items.Count == 0)
                {
                    throw new ItemNotFoundException($"'{path}' matches no file.");
                }
            }
        }
        catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
        {
            cmdlet.WriteError(new ErrorRecord(ex, notFoundErrorId, ErrorCategory.ObjectNotFound, path));
        }

        return items;
    }
}
