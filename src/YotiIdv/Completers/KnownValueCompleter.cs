using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace YotiIdv.Completers;

/// <summary>
/// Completes a parameter from a fixed list of documented Yoti values (the parameters still accept
/// any value, since Yoti adds new ones). Matching is by prefix, case-insensitive.
/// </summary>
public abstract class KnownValueCompleter : IArgumentCompleter
{
    private readonly IReadOnlyList<string> _values;

    private protected KnownValueCompleter(IReadOnlyList<string> values)
    {
        _values = values;
    }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return _values
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }
}
