using System;
using System.Management.Automation;
using YotiIdv.Http;
using YotiIdv.Model;

namespace YotiIdv.Infrastructure;

/// <summary>
/// A cmdlet that works on sessions given as objects (not fetched again) or as ids (fetched first): the two
/// parameter sets, their binding and the per-input queueing live here; the cmdlet says what to do with a session.
/// </summary>
/// <remarks>
/// Derived cmdlets make BySession their default set: the binder tries the default set first, and with ById as
/// default a piped YotiSession would bind its SessionId property by name and be fetched again. Strings and CSV
/// rows do not convert to YotiSession, so they still bind -SessionId.
/// </remarks>
public abstract class YotiSessionInputCmdlet : YotiApiCmdlet
{
    protected const string ByIdSet = "ById";
    protected const string BySessionSet = "BySession";

    /// <summary>One or more session ids (UUIDs); each session is fetched first.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string[] SessionId { get; set; } = Array.Empty<string>();

    /// <summary>Session objects from Get-YotiSession; they are not fetched again.</summary>
    [Parameter(ParameterSetName = BySessionSet, Mandatory = true, ValueFromPipeline = true)]
    public YotiSession[] Session { get; set; } = Array.Empty<YotiSession>();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!MyInvocation.ExpectingInput)
        {
            SetProgressTotal(ParameterSetName == BySessionSet ? Session.Length : SessionId.Length);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySessionSet)
        {
            foreach (YotiSession session in Session ?? Array.Empty<YotiSession>())
            {
                if (session != null && ValidateId(session.SessionId, ErrorFactory.InvalidSessionId, "Session id") is string id)
                {
                    QueueSession(id, session);
                }
            }

            return;
        }

        foreach (string input in SessionId ?? Array.Empty<string>())
        {
            if (ValidateId(input, ErrorFactory.InvalidSessionId, "Session id") is string id)
            {
                QueueSession(id, null);
            }
        }
    }

    /// <summary>
    /// Queues the work for one session with one of the Enqueue overloads: <paramref name="piped"/> is the session
    /// object when one was piped, else null and the session must be fetched (<see cref="YotiApiClient.GetSessionAsync"/>).
    /// </summary>
    protected abstract void QueueSession(string sessionId, YotiSession? piped);
}
