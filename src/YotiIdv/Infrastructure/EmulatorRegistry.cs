using System.Collections.Generic;
using YotiIdv.Emulator;

namespace YotiIdv.Infrastructure;

/// <summary>Emulators started by Start-YotiIdvEmulator in this process, so Stop-YotiIdvEmulator and module removal can stop them.</summary>
internal static class EmulatorRegistry
{
    private static readonly List<YotiIdvEmulator> Running = new List<YotiIdvEmulator>();

    public static void Add(YotiIdvEmulator emulator)
    {
        lock (Running)
        {
            Running.Add(emulator);
        }
    }

    /// <summary>Removes and returns the given emulators, or all of them when <paramref name="which"/> is null.</summary>
    public static List<YotiIdvEmulator> Take(IEnumerable<YotiIdvEmulator>? which)
    {
        lock (Running)
        {
            var taken = which is null ? new List<YotiIdvEmulator>(Running) : new List<YotiIdvEmulator>(which);
            foreach (YotiIdvEmulator emulator in taken)
            {
                Running.Remove(emulator);
            }

            return taken;
        }
    }

    public static void StopAll()
    {
        foreach (YotiIdvEmulator emulator in Take(null))
        {
            emulator.Stop();
        }
    }
}
