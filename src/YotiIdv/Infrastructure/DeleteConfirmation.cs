using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// The one confirmation rule of the Remove- commands (ConfirmImpact High): -WhatIf says what would be deleted and
/// sends nothing; -Force skips the prompt unless -Confirm is given explicitly; otherwise ShouldProcess asks (a host
/// that cannot ask ends the command before anything is sent).
/// </summary>
internal static class DeleteConfirmation
{
    public static bool ShouldDelete(PSCmdlet cmdlet, bool force, string target, string action)
    {
        if (force && !cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm") && !IsWhatIf(cmdlet))
        {
            return true;
        }

        return cmdlet.ShouldProcess(target, action);
    }

    private static bool IsWhatIf(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound)
            ? LanguagePrimitives.IsTrue(bound)
            : LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
}
