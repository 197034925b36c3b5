using System;
using System.Diagnostics;
using System.IO;

namespace YotiIdv.Tests.Support;

/// <summary>Runs node scripts of tests/interop/* (installing their node_modules with npm ci when missing).</summary>
internal static class NodeProcess
{
    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> unless node_modules/<paramref name="package"/> is there.</summary>
    public static void EnsureNodeModules(string folder, string package)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", package)))
        {
            return;
        }

        string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        Result install = Run(npm, folder, "ci", "--no-audit", "--no-fund");
        Assert.True(install.ExitCode == 0, "npm ci failed in " + folder + ":\n" + install.Output + "\n" + install.Error);
    }

    public static Result Run(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' is not on PATH: install Node.js (18 or later) to run the interop tests.", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{fileName}' did not finish within 2 minutes.");
            }

            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    public sealed class Result
    {
        public Result(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }
    }
}
