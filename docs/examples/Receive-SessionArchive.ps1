<#
.SYNOPSIS
    On-premises job: listens for Yoti's notifications with Receive-YotiNotification and archives each session
    Yoti announces as completed with Save-YotiSession; writes a CSV log and exits 0 (every announced session
    archived whole), 1 (some were not: the log and -RetryPath say which) or 2 (the job could not run at all:
    no token, no connection, the prefix cannot be bound, an unusable spool or destination).

.DESCRIPTION
    Run it as a service, or as a scheduled task that listens for -Timeout seconds and is started again (a
    55-minute run every hour). TLS is terminated in front of it (IIS, nginx, a cloud gateway) and forwarded to
    -Prefix; Yoti's notification names only the session, so the session and its media are fetched here.

    Nothing acknowledged is lost: each notification is stored in -SpoolPath before Yoti gets 200, and is
    removed only after its session has been archived (or logged as failed). A run that is killed resumes with
    what the spool holds. Each session is archived inside its own ForEach-Object step: Save-YotiSession works
    on several sessions at once when they are piped straight to it, so "the pipeline returned" would not yet
    mean "archived".

    Sessions that could not be archived whole are logged (Status Incomplete or Error) and their ids appended to
    -RetryPath, the -InputPath of Scheduled-SessionArchive.ps1, which archives them later.

    Secrets come from the environment of the task, never the command line: YOTI_NOTIFICATION_AUTH_TOKEN (the
    auth_token given to Yoti at session creation) and YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH (and optionally
    YOTI_IDV_API_URL) for the API.

.EXAMPLE
    pwsh -NoProfile -File Receive-SessionArchive.ps1 -Prefix http://127.0.0.1:8080/yoti/ -SpoolPath /var/spool/yoti -Destination /srv/yoti-archive -LogPath notifications.csv -RetryPath retry.txt -Timeout 3300
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Prefix,
    [Parameter(Mandatory)] [string] $SpoolPath,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $LogPath,
    [string] $RetryPath,
    [ValidateSet('Basic', 'Bearer')] [string] $AuthType = 'Basic',
    # Seconds to listen (0: until stopped); -Count stops after that many notifications of any topic.
    [int] $Timeout = 0,
    [int] $Count = 0,
    # The module to import: a name, or the path of YotiIdv.psd1.
    [string] $Module = 'YotiIdv'
)

$ErrorActionPreference = 'Stop'
$rows = [Collections.Generic.List[object]]::new()
try {
    Import-Module $Module
    if (-not $env:YOTI_NOTIFICATION_AUTH_TOKEN) { throw 'Set YOTI_NOTIFICATION_AUTH_TOKEN to the auth_token given to Yoti.' }
    # Not connected: exit 2 now, rather than one error per notification later.
    if (-not (Get-YotiIdvConnection)) { throw 'Not connected: set YOTI_CLIENT_SDK_ID and YOTI_KEY_FILE_PATH (or run Connect-YotiIdv).' }
    $listen = @{ Prefix = $Prefix; AuthToken = $env:YOTI_NOTIFICATION_AUTH_TOKEN; AuthType = $AuthType; SpoolPath = $SpoolPath }
    if ($Timeout -gt 0) { $listen.Timeout = $Timeout }
    if ($Count -gt 0) { $listen.Count = $Count }

    Receive-YotiNotification @listen | Where-Object Topic -eq session_completion | ForEach-Object {
        $notification = $_
        $result = $notification | Save-YotiSession -Destination $Destination -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
        $row = [pscustomobject]@{
            ReceivedAt = $notification.ReceivedAt; SessionId = $notification.SessionId; Status = 'Archived'
            MediaSaved = $result.MediaSaved; Path = $result.Path; Message = $null
        }
        if (-not $result -or -not $result.Complete) {
            $row.Status = if ($result) { 'Incomplete' } else { 'Error' }
            $row.Message = @($failed | ForEach-Object { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.ErrorDetails.Message)" }) -join '; '
            if ($RetryPath) { Add-Content -LiteralPath $RetryPath -Value $notification.SessionId }
        }
        $rows.Add($row)
        Write-Verbose "$($row.Status): $($row.SessionId)"
    }
}
catch {
    # No token, not connected, the prefix cannot be bound, the spool or destination is unusable.
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    if ($rows.Count) { $rows | Export-Csv -Path $LogPath -NoTypeInformation -Encoding utf8 -Append }
    exit 2
}

if ($rows.Count) { $rows | Export-Csv -Path $LogPath -NoTypeInformation -Encoding utf8 -Append }
$notArchived = @($rows | Where-Object Status -ne 'Archived').Count
Write-Verbose "$($rows.Count) sessions announced as completed, $notArchived not archived whole; log: $LogPath"
exit ([int]($notArchived -gt 0))
