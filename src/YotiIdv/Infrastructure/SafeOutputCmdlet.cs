using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// The choke point for text bound for a person: every error, warning, verbose, debug and progress record a
/// YotiIdv cmdlet writes passes here, and control characters in it (from a server, a file or a user's input)
/// become visible escapes (<see cref="ConsoleText"/>). Exceptions and TargetObject are kept as they are, for
/// scripts; what the error view shows (ErrorDetails, the category's target name) is escaped.
/// </summary>
/// <remarks>
/// The methods hide Cmdlet's (which are not virtual), so every call in a derived cmdlet binds here. Code that
/// writes through a plain <see cref="Cmdlet"/> reference would bypass them: helpers take this type instead.
/// </remarks>
public abstract class SafeOutputCmdlet : PSCmdlet
{
    public new void WriteError(ErrorRecord errorRecord) => base.WriteError(MakeSafe(errorRecord));

    public new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(MakeSafe(errorRecord));

    public new void WriteWarning(string text) => base.WriteWarning(ConsoleText.Escape(text));

    public new void WriteVerbose(string text) => base.WriteVerbose(ConsoleText.Escape(text));

    public new void WriteDebug(string text) => base.WriteDebug(ConsoleText.Escape(text));

    public new void WriteProgress(ProgressRecord progressRecord)
    {
        progressRecord.Activity = ConsoleText.Escape(progressRecord.Activity);
        progressRecord.StatusDescription = ConsoleText.Escape(progressRecord.StatusDescription);
        progressRecord.CurrentOperation = ConsoleText.Escape(progressRecord.CurrentOperation);
        base.WriteProgress(progressRecord);
    }

    /// <summary>The record with its displayed text escaped (ErrorDetails, recommended action, target name).</summary>
    internal static ErrorRecord MakeSafe(ErrorRecord record)
    {
        if (record is null)
        {
            return record!;
        }

        ErrorDetails? details = record.ErrorDetails;
        string? message = details?.Message;
        if (string.IsNullOrEmpty(message))
        {
            // The error view shows the exception's message when there are no details: give it escaped details.
            message = record.Exception?.Message;
            if (ConsoleText.HasUnsafe(message))
            {
                record.ErrorDetails = new ErrorDetails(ConsoleText.Escape(message));
            }
        }
        else if (ConsoleText.HasUnsafe(message) || ConsoleText.HasUnsafe(details!.RecommendedAction))
        {
            record.ErrorDetails = new ErrorDetails(ConsoleText.Escape(message))
            {
                RecommendedAction = ConsoleText.Escape(details!.RecommendedAction),
            };
        }

        string? target = record.CategoryInfo.TargetName;
        if (ConsoleText.HasUnsafe(target))
        {
            record.CategoryInfo.TargetName = ConsoleText.Escape(target);
        }

        return record;
    }
}
