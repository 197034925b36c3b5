<#
.SYNOPSIS
    Scheduled job: one CSV row per session with the identity profile result.

.DESCRIPTION
    Reads session ids (a CSV file with a session_id, SessionId or Id column, or a
    text file with one id per line), gets each session's identity profile report
    and writes one row per session: the result, trust framework, scheme, whether
    the requirements are met, and the failure reason when there is no report.

    Sessions without a report (ongoing, expired, aborted, no profile) are results,
    not failures. The script exits with 1 when any session could not be retrieved
    (unknown id, authentication, network...), else 0, so a scheduler can alert.

    The connection comes from the YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH (and
    optionally YOTI_IDV_API_URL) environment variables of the scheduled task.

.EXAMPLE
    pwsh -NoProfile -File Scheduled-IdentityProfileReport.ps1 -InputPath ids.csv -OutputPath profiles.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $InputPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    # The module to import: a name, or the path of YotiIdv.psd1.
    [string] $Module = 'YotiIdv'
)

$ErrorActionPreference = 'Stop'
Import-Module $Module

$ids = if ($InputPath -like '*.csv') {
    Import-Csv -Path $InputPath | ForEach-Object {
        @($_.session_id, $_.SessionId, $_.Id) | Where-Object { $_ } | Select-Object -First 1
    }
}
else {
    Get-Content -Path $InputPath | Where-Object { $_.Trim() }
}

# One call for every id: requests run concurrently and errors are collected.
$reports = @($ids | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue -ErrorVariable failures)
$byId = @{}
foreach ($r in $reports) { $byId[$r.SessionId] = $r }
$errorsById = @{}
foreach ($e in $failures) { $errorsById["$($e.TargetObject)"] = $e }

$retrievalFailed = 0
$rows = foreach ($id in $ids) {
    $id = $id.Trim()
    $report = $byId[$id]
    $err = $errorsById[$id]
    $row = [ordered]@{
        SessionId       = $id
        Status          = 'OK'
        Result          = $null
        TrustFramework  = $null
        Scheme          = $null
        RequirementsMet = $null
        FailureReason   = $null
        Message         = $null
    }
    if ($report) {
        $row.Result = $report.Result
        $row.TrustFramework = $report.TrustFramework
        $row.Scheme = $report.Scheme
        $row.RequirementsMet = $report.RequirementsMet
        $row.FailureReason = $report.RequirementsNotMet
    }
    elseif ($err -and $err.TargetObject -is [YotiIdv.Model.YotiIdentityProfileUnavailable]) {
        $why = $err.TargetObject
        $row.Status = $why.Reason
        $row.Result = $why.ProfileResult
        $row.FailureReason = $why.ReasonCode
        $row.Message = $err.ErrorDetails.Message
    }
    else {
        $retrievalFailed++
        $row.Status = 'Error'
        $row.FailureReason = if ($err) { $err.FullyQualifiedErrorId.Split(',')[0] } else { 'NoResult' }
        $row.Message = if ($err) { "$($err.ErrorDetails.Message)" } else { $null }
    }
    [pscustomobject]$row
}

$rows | Export-Csv -Path $OutputPath -NoTypeInformation -Encoding utf8
Write-Verbose "$(@($rows).Count) sessions, $retrievalFailed not retrieved; written to $OutputPath"
exit ([int]($retrievalFailed -gt 0))
