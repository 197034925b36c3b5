using System;
using System.Management.Automation;
using System.Security;
using YotiIdv.Infrastructure;
using YotiIdv.Notifications;

namespace YotiIdv.Commands;

/// <summary>
/// ConvertFrom-YotiNotification: checks the Authorization header of a Yoti webhook notification in constant
/// time and reads its body (spec 3.10) into a <see cref="YotiNotification"/>, for receivers that run in
/// someone else's HTTP server (Azure Functions, Pode, a reverse proxy's script).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "YotiNotification", DefaultParameterSetName = AuthenticatedSet)]
[OutputType(typeof(YotiNotification))]
public sealed class ConvertFromYotiNotificationCommand : YotiCmdlet
{
    internal const string UnauthorizedErrorId = "YotiNotificationUnauthorized";
    internal const string InvalidNotificationErrorId = "YotiInvalidNotification";
    private const string AuthenticatedSet = "Authenticated";
    private const string SkipSet = "SkipAuthorization";

    private NotificationAuthenticator? _authenticator;

    /// <summary>The request body: a string, or bytes (UTF-8).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("RawBody", "Content")]
    public object? Body { get; set; }

    /// <summary>The value of the request's Authorization header, as received (null or empty when there was none).</summary>
    [Parameter(ParameterSetName = AuthenticatedSet, Mandatory = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? Authorization { get; set; }

    /// <summary>The auth_token given to Yoti at session creation.</summary>
    [Parameter(ParameterSetName = AuthenticatedSet, Mandatory = true)]
    [SecureStringTransformation]
    public SecureString? AuthToken { get; set; }

    /// <summary>The auth_type given to Yoti at session creation: Basic or Bearer.</summary>
    [Parameter(ParameterSetName = AuthenticatedSet, Mandatory = true)]
    public YotiNotificationAuthType AuthType { get; set; }

    /// <summary>Reads the body without checking a header (it was checked already, e.g. by an API gateway).</summary>
    [Parameter(ParameterSetName = SkipSet, Mandatory = true)]
    public SwitchParameter SkipAuthorization { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == AuthenticatedSet)
        {
            try
            {
                _authenticator = new NotificationAuthenticator(AuthToken!, AuthType);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "YotiInvalidNotificationToken", ErrorCategory.InvalidArgument, null));
            }
        }
    }

    protected override void ProcessRecord()
    {
        if (_authenticator != null && !_authenticator.IsAuthorized(Authorization))
        {
            // Neither the header nor the token appears in the record.
            const string Message = "The notification was refused: its Authorization header does not carry the configured "
                + "token (or there was none). A sender that does not know the token is not Yoti.";
            WriteError(new ErrorRecord(new SecurityException(Message), UnauthorizedErrorId, ErrorCategory.SecurityError, null)
            {
                ErrorDetails = new ErrorDetails(Message)
                {
                    RecommendedAction = "Answer 401. Check that -AuthToken and -AuthType are the auth_token and auth_type of the session's notifications configuration.",
                },
            });
            return;
        }

        object? body = Body is PSObject wrapped ? wrapped.BaseObject : Body;
        try
        {
            YotiNotification notification = body switch
            {
                byte[] bytes => NotificationParser.Parse(bytes, DateTimeOffset.UtcNow),
                string text => NotificationParser.Parse(text, DateTimeOffset.UtcNow),
                _ => throw new YotiInvalidDataException($"The body must be a string or bytes, not {body?.GetType().FullName ?? "null"}."),
            };
            WriteVerbose($"Notification {notification.Topic} for session {notification.SessionId}.");
            WriteObject(notification);
        }
        catch (YotiInvalidDataException ex)
        {
            WriteError(new ErrorRecord(ex, InvalidNotificationErrorId, ErrorCategory.InvalidData, body)
            {
                ErrorDetails = new ErrorDetails("The body is not a Yoti notification: " + ex.Message)
                {
                    RecommendedAction = "Answer 400. A notification is a JSON object with a session_id and a topic.",
                },
            });
        }
    }
}
