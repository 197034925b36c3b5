using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using YotiIdv.Completers;
using YotiIdv.Http;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiCheckBreakdown: one flat row per check sub-result, for filtering and Export-Csv.</summary>
// BySession is the default set on purpose; see YotiSessionInputCmdlet.
[Cmdlet(VerbsCommon.Get, "YotiCheckBreakdown", DefaultParameterSetName = BySessionSet)]
[OutputType(typeof(YotiCheckBreakdownRow))]
public sealed class GetYotiCheckBreakdownCommand : YotiSessionInputCmdlet
{
    private WildcardPattern[]? _subCheckPatterns;

    /// <summary>Only rows of checks of these types.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CheckTypeCompleter))]
    public string[]? CheckType { get; set; }

    /// <summary>Only rows with these results (PASS, FAIL, …).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(BreakdownResultCompleter))]
    public string[]? Result { get; set; }

    /// <summary>Only rows whose sub-check matches one of these names; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? SubCheck { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _subCheckPatterns = SubCheck?.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        WarnUnknown(nameof(CheckType), CheckType, YotiCheckTypes.All);
        WarnUnknown(nameof(Result), Result, YotiBreakdownResults.All);
    }

    /// <summary>
    /// A filter value Yoti has not documented still filters (Yoti adds values), but a typo would silently
    /// return nothing, which reads as "no failures": say so, naming the known values.
    /// </summary>
    private void WarnUnknown(string parameter, string[]? values, System.Collections.Generic.IReadOnlyList<string> known)
    {
        foreach (string value in values ?? Array.Empty<string>())
        {
            if (!known.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                WriteWarning($"-{parameter} '{value}' is none of the values Yoti documents ({string.Join(", ", known)}); "
                    + "only rows with exactly this value are returned.");
            }
        }
    }

    protected override void QueueSession(string sessionId, YotiSession? piped)
    {
        // A piped session needs no request, so offline sessions (Get-YotiSession -Path) need no connection.
        if (piped != null)
        {
            Enqueue(sessionId, _ => Task.FromResult(piped), WriteRows);
        }
        else
        {
            Enqueue(sessionId, (client, token) => client.GetSessionAsync(sessionId, token), WriteRows);
        }
    }

    private void WriteRows(YotiSession? session)
    {
        if (session is null)
        {
            return;
        }

        foreach (YotiCheckBreakdownRow row in YotiCheckBreakdownRow.FromSession(session))
        {
            if (Matches(CheckType, row.CheckType) && Matches(Result, row.Result) && MatchesSubCheck(row.SubCheck))
            {
                WriteObject(row);
            }
        }
    }

    private static bool Matches(string[]? wanted, string? value) =>
        wanted is null || wanted.Any(w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase));

    private bool MatchesSubCheck(string? value) =>
        _subCheckPatterns is null || _subCheckPatterns.Any(p => p.IsMatch(value ?? string.Empty));
}
