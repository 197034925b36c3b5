using System;
using System.Management.Automation;
using YotiIdv.Emulator;
using YotiIdv.Infrastructure;

namespace YotiIdv.Commands;

/// <summary>Stop-YotiIdvEmulator: stops emulators started by Start-YotiIdvEmulator (all of them by default).</summary>
[Cmdlet(VerbsLifecycle.Stop, "YotiIdvEmulator")]
[OutputType(typeof(void))]
public sealed class StopYotiIdvEmulatorCommand : SafeOutputCmdlet
{
    private bool _anyGiven;

    /// <summary>The emulators to stop; none means every emulator started in this session.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public YotiIdvEmulator[]? Emulator { get; set; }

    protected override void ProcessRecord()
    {
        if (Emulator is null)
        {
            return;
        }

        _anyGiven = true;
        EmulatorRegistry.Take(Emulator);
        foreach (YotiIdvEmulator emulator in Emulator)
        {
            StopOne(emulator);
        }
    }

    protected override void EndProcessing()
    {
        if (!_anyGiven)
        {
            foreach (YotiIdvEmulator emulator in EmulatorRegistry.Take(null))
            {
                StopOne(emulator);
            }
        }
    }

    private void StopOne(YotiIdvEmulator emulator)
    {
        Uri baseUri = emulator.BaseUri;
        emulator.Stop();
        WriteVerbose($"Stopped the emulator at {baseUri}.");

        // A connection to a stopped emulator can only fail; forget it.
        if (ConnectionStore.Current is { } current && current.ApiUrl.AbsoluteUri.TrimEnd('/') == baseUri.AbsoluteUri.TrimEnd('/'))
        {
            ConnectionStore.Clear();
            WriteVerbose("Disconnected from the stopped emulator.");
        }
    }
}
