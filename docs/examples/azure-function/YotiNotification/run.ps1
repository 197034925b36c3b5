# Azure Functions (PowerShell) HTTP trigger: receives Yoti's notifications, checks the Authorization header with
# ConvertFrom-YotiNotification and archives each completed session with Save-YotiSession.
#   401  the header does not carry the auth_token (nothing is read or stored)
#   400  the body is not a Yoti notification
#   200  acknowledged: a session_completion's session is archived whole first; other topics need nothing
#   500  the archive could not be completed: Yoti sees a failure (never a 2xx for what was not stored)
# App settings (environment): YOTI_NOTIFICATION_AUTH_TOKEN, YOTI_NOTIFICATION_AUTH_TYPE (Basic or Bearer),
# YOTI_ARCHIVE_PATH (a mounted Azure Files share), YOTI_CLIENT_SDK_ID and YOTI_KEY_FILE_PATH (read by the module
# itself: see ../README.md). The module is in the app's Modules/ folder. Nothing here prints the token.
using namespace System.Net
param($Request, $TriggerMetadata)

function Send-Answer([HttpStatusCode] $Status, [string] $Message) {
    Push-OutputBinding -Name Response -Value ([HttpResponseContext]@{
            StatusCode = $Status
            Headers    = @{ 'Content-Type' = 'application/json' }
            Body       = (@{ status = [int]$Status; message = $Message } | ConvertTo-Json -Compress)
        })
}

# Header names arrive lower-case from the Functions host; RawBody is the body as sent (Body may be parsed JSON).
$authorization = "$(@($Request.Headers.Keys | Where-Object { $_ -eq 'Authorization' } | ForEach-Object { $Request.Headers[$_] }) | Select-Object -First 1)"
$body = if ($null -ne $Request.RawBody) { [string]$Request.RawBody } else { [string]$Request.Body }
$authType = if ($env:YOTI_NOTIFICATION_AUTH_TYPE) { $env:YOTI_NOTIFICATION_AUTH_TYPE } else { 'Basic' }

$notification = ConvertFrom-YotiNotification -Body $body -Authorization $authorization -AuthToken $env:YOTI_NOTIFICATION_AUTH_TOKEN `
    -AuthType $authType -ErrorAction SilentlyContinue -ErrorVariable refused
if (-not $notification) {
    $unauthorized = @($refused | Where-Object { $_.FullyQualifiedErrorId -like 'YotiNotificationUnauthorized*' }).Count -gt 0
    if ($unauthorized) {
        Write-Warning 'Refused a notification without the right Authorization header.'
        Send-Answer Unauthorized 'Unauthorized.'
    }
    else {
        Write-Warning "Refused a body that is not a Yoti notification: $(@($refused)[0].ErrorDetails.Message)"
        Send-Answer BadRequest 'Not a Yoti notification.'
    }
    return
}

Write-Information "Notification $($notification.Topic) for session $($notification.SessionId)."
if ($notification.Topic -ne 'session_completion') {
    Send-Answer OK 'Acknowledged.'
    return
}

$result = $notification | Save-YotiSession -Destination $env:YOTI_ARCHIVE_PATH -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
if ($result -and $result.Complete) {
    Write-Information "Archived session $($result.SessionId): $($result.MediaSaved) media, $($result.Bytes) bytes."
    Send-Answer OK 'Archived.'
}
else {
    # Yoti's retry (or the nightly Scheduled-SessionArchive.ps1) gets another chance; what was saved stays.
    Write-Warning "Session $($notification.SessionId) not archived whole: $(@($failed | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -join ', ')"
    Send-Answer InternalServerError 'The session could not be archived; try again later.'
}
