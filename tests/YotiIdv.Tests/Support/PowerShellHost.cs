using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace YotiIdv.Tests.Support;

/// <summary>Runs script in an in-process PowerShell that has imported the YotiIdv assembly under test.</summary>
public sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost()
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { typeof(YotiIdv.Commands.GetYotiSessionCommand).Assembly.Location });
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    public Result Run(string script, params (string Name, object? Value)[] variables)
    {
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables)
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript(script);
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            return new Result(new Collection<PSObject>(), shell.Streams.Error.ToArray(), shell.Streams.Verbose.Select(v => v.Message).ToArray(), ex.ErrorRecord);
        }

        return new Result(output, shell.Streams.Error.ToArray(), shell.Streams.Verbose.Select(v => v.Message).ToArray(), null);
    }

    /// <summary>A shell on this host's runspace, for tests that drive BeginInvoke/Stop themselves.</summary>
    public PowerShell CreateShell()
    {
        PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        return shell;
    }

    public void Dispose() => _runspace.Dispose();

    public sealed record Result(Collection<PSObject> Output, ErrorRecord[] Errors, string[] Verbose, ErrorRecord? Terminating)
    {
        public T[] Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToArray();
    }
}
