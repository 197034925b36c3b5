<#
.SYNOPSIS
    Scheduled job: archives the day's completed sessions with Save-YotiSession, writes a CSV log, and exits
    0 (every completed session archived whole), 1 (some were not: the log says which and why) or 2 (the job
    could not run at all: no connection, unreadable key, unusable destination).

.DESCRIPTION
    Yoti deletes media after resources_ttl (7 days by default): run this every day, well inside that time.
    The day's session ids come from -InputPath (a CSV file with a session_id, SessionId or Id column, or a
    text file with one id per line), as your application or webhook handler records them. Each session is
    read; the COMPLETED ones are archived under -Destination (one folder per session, see
    docs/archive-format.md); the others (ONGOING, EXPIRED ...) are logged as skipped, to be archived by a
    later run. Running it again over the same ids is cheap: what is archived already is neither downloaded
    nor written again, and what is missing is fetched.

    The log has one row per input id: SessionId, Status (Archived, Incomplete, Skipped or Error), State,
    MediaSaved, MediaUnavailable, MediaMissing, Bytes, Path and Message. Media Yoti has no content for (204)
    or no longer has (404) are listed in each manifest and counted in MediaUnavailable; they do not fail the
    job.

    The connection comes from the YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH (and optionally YOTI_IDV_API_URL)
    environment variables of the scheduled task, so the script holds no secret.

.EXAMPLE
    pwsh -NoProfile -File Scheduled-SessionArchive.ps1 -InputPath today.txt -Destination /srv/yoti-archive -LogPath archive-log.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $InputPath,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $LogPath,
    [int] $ThrottleLimit = 16,
    # The module to import: a name, or the path of YotiIdv.psd1.
    [string] $Module = 'YotiIdv'
)

$ErrorActionPreference = 'Stop'
try {
    Import-Module $Module
    $ids = @(if ($InputPath -like '*.csv') {
            Import-Csv -Path $InputPath | ForEach-Object { @($_.session_id, $_.SessionId, $_.Id) | Where-Object { $_ } | Select-Object -First 1 }
        }
        else {
            Get-Content -Path $InputPath | Where-Object { $_.Trim() }
        }) | ForEach-Object { $_.Trim() }

    # Read every session first (concurrently); only the completed ones are archived.
    $sessions = @($ids | Get-YotiSession -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable readFailures)
    $completed = @($sessions | Where-Object State -eq 'COMPLETED')
    $results = @($completed | Save-YotiSession -Destination $Destination -ThrottleLimit $ThrottleLimit `
            -ErrorAction SilentlyContinue -ErrorVariable saveFailures -WarningAction SilentlyContinue)
}
catch {
    # Not connected, an unusable key, a destination that is a file ...: nothing could be archived.
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 2
}

$byId = @{}; foreach ($s in $sessions) { $byId[$s.SessionId] = $s }
$resultById = @{}; foreach ($r in $results) { $resultById[$r.SessionId] = $r }
$errorById = @{}; foreach ($e in @($readFailures) + @($saveFailures)) { $errorById["$($e.TargetObject)"] = $e }

$notArchived = 0
$rows = foreach ($id in $ids) {
    $session = $byId[$id]; $result = $resultById[$id]; $err = $errorById[$id]
    $row = [ordered]@{
        SessionId = $id; Status = 'Archived'; State = $session.State; MediaSaved = $null; MediaUnavailable = $null
        MediaMissing = $null; Bytes = $null; Path = $null; Message = $null
    }
    if ($result) {
        $row.MediaSaved = $result.MediaSaved; $row.MediaUnavailable = $result.MediaUnavailable
        $row.MediaMissing = $result.MediaMissing; $row.Bytes = $result.Bytes; $row.Path = $result.Path
        if (-not $result.Complete) { $row.Status = 'Incomplete'; $notArchived++ }
    }
    elseif ($session -and $session.State -ne 'COMPLETED') {
        $row.Status = 'Skipped'
        $row.Message = "State $($session.State): archived once it is COMPLETED."
    }
    else {
        $row.Status = 'Error'; $notArchived++
    }
    if ($err) { $row.Message = "$($err.FullyQualifiedErrorId.Split(',')[0]): $($err.ErrorDetails.Message)" }
    [pscustomobject]$row
}

$rows | Export-Csv -Path $LogPath -NoTypeInformation -Encoding utf8
Write-Verbose "$(@($rows).Count) sessions, $(@($results).Count) archived, $notArchived not archived whole; log: $LogPath"
exit ([int]($notArchived -gt 0))
