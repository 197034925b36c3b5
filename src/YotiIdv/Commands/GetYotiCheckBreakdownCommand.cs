using System;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Completers;
using YotiIdv.Infrastructure;
using YotiIdv.Model;

namespace YotiIdv.Commands;

/// <summary>Get-YotiCheckBreakdown: one flat row per check sub-result, for filtering and Export-Csv.</summary>
// BySession is the default set on purpose: PowerShell binds pipeline input to the default set first, so a
// piped YotiSession must bind there (by value) before ById could take its SessionId property by name.
[Cmdlet(VerbsCommon.Get, "YotiCheckBreakdown", DefaultParameterSetName = BySessionSet)]
[OutputType(typeof(YotiCheckBreakdownRow))]
public sealed class GetYotiCheckBreakdownCommand : YotiApiCmdlet
{
    private const string ByIdSet = "ById";
    private const string BySessionSet = "BySession";

    private WildcardPattern[]? _subCheckPatterns;

    /// <summary>One or more session ids (UUIDs); the sessions are fetched.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string[] SessionId { get; set; } = Array.Empty<string>();

    /// <summary>Session objects from Get-YotiSession; they are not fetched again.</summary>
    [Parameter(ParameterSetName = BySessionSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiSession[] Session { get; set; } = Array.Empty<YotiSession>();

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
        if (ParameterSetName == ByIdSet && !MyInvocation.ExpectingInput)
        {
            SetProgressTotal(SessionId.Length);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySessionSet)
        {
            foreach (YotiSession session in Session ?? Array.Empty<YotiSession>())
            {
                WriteRows(session);
            }

            return;
        }

        foreach (string input in SessionId ?? Array.Empty<string>())
        {
            if (ValidateId(input, ErrorFactory.InvalidSessionId, "Session id") is string id)
            {
                Enqueue(id, (client, token) => client.GetSessionAsync(id, token), WriteRows);
            }
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
