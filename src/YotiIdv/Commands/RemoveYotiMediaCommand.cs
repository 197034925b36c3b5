using System;
using System.Management.Automation;
using YotiIdv.Infrastructure;

namespace YotiIdv.Commands;

/// <summary>
/// Remove-YotiMedia: deletes media items of a session at Yoti (spec 3.4). Takes -SessionId and -MediaId, or piped
/// media references (anything with SessionId and MediaId: Get-YotiSession's media, Get-YotiMedia's results, CSV rows).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "YotiMedia", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveYotiMediaCommand : YotiApiCmdlet
{
    /// <summary>The session the media belongs to.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "session_id")]
    [AllowEmptyString]
    public string SessionId { get; set; } = string.Empty;

    /// <summary>One or more media ids of the session.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("media_id")]
    [AllowEmptyString]
    public string[] MediaId { get; set; } = Array.Empty<string>();

    /// <summary>Delete without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!MyInvocation.ExpectingInput)
        {
            SetProgressTotal(MediaId.Length);
        }
    }

    protected override void ProcessRecord()
    {
        string? sessionId = ValidateId(SessionId, ErrorFactory.InvalidSessionId, "Session id");
        foreach (string input in MediaId ?? Array.Empty<string>())
        {
            if (sessionId is null || ValidateId(input, ErrorFactory.InvalidMediaId, "Media id") is not string mediaId)
            {
                continue;
            }

            if (DeleteConfirmation.ShouldDelete(this, Force, "media " + mediaId + " of session " + sessionId, "Delete the media content at Yoti"))
            {
                Enqueue(mediaId, (client, token) => client.DeleteMediaContentAsync(sessionId, mediaId, token),
                    _ => WriteVerbose("Deleted media " + mediaId + " of session " + sessionId + "."));
            }
        }
    }
}
