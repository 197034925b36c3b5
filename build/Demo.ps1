<#
.SYNOPSIS
    The README's demo: the built module against its own local Yoti IDV API emulator. No credentials needed.
#>
param([Parameter(Mandatory)] [string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
# Tables are laid out for 120 columns, also when the output is redirected.
function Show { param([Parameter(ValueFromPipeline)] $InputObject) end { $input | Out-String -Width 120 | Write-Host } }
Import-Module $ModuleManifest

# Starts a signature-verifying emulator over the sample sessions bundled with the module (TEST-ONLY keys)
# and connects this PowerShell session to it.
$emulator = Start-YotiIdvEmulator -Connect
try {
    Write-Host "`nYoti IDV API emulator listening at $($emulator.BaseUri)" -ForegroundColor Cyan
    Get-YotiIdvConnection | Format-List SdkId, ApiUrl, KeySource | Show

    # The ids an admin would have in a CSV: here, those of the bundled sample sessions.
    $ids = Get-YotiSession -Path (Join-Path $emulator.DataPath 'sessions/*.json') | ForEach-Object SessionId

    Write-Host "Get-YotiSession over $($ids.Count) session ids (signed requests to the emulator):" -ForegroundColor Cyan
    $sessions = $ids | Get-YotiSession -Verbose:$false
    $sessions | Format-Table | Show

    Write-Host 'The seed page example session, in detail:' -ForegroundColor Cyan
    $seed = Get-YotiSession -SessionId 52098976-42d0-4051-a80f-7fc3438e4d9e
    $seed | Format-List | Show

    Write-Host 'Its checks:' -ForegroundColor Cyan
    $seed.Checks | Format-Table | Show

    Write-Host 'Every failed sub-check of every session, one row each (Get-YotiCheckBreakdown -Result FAIL):' -ForegroundColor Cyan
    $sessions | Get-YotiCheckBreakdown -Result FAIL | Format-Table | Show

    Write-Host 'The identity profile reports (Get-YotiIdentityProfileReport), with the reason when there is none:' -ForegroundColor Cyan
    $sessions | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue -ErrorVariable noReport | Format-Table | Show
    $noReport | ForEach-Object { Write-Host ("  {0}: {1}" -f $_.TargetObject, $_.FullyQualifiedErrorId.Split(',')[0]) }

    $evidence = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    Write-Host "`nEvery piece of evidence of the seed session, saved to $evidence (Get-YotiMedia -All):" -ForegroundColor Cyan
    $seed | Get-YotiMedia -All -Destination $evidence -PassThru -ErrorAction SilentlyContinue -ErrorVariable noMedia | Format-Table | Show
    $noMedia | ForEach-Object { Write-Host ("  {0}" -f $_.ErrorDetails.Message) }
    Remove-Item -Recurse -Force $evidence

    $archive = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-demo-archive-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    Write-Host "`nEvery sample session kept as a verifiable set of files in $archive (Save-YotiSession):" -ForegroundColor Cyan
    $saved = $sessions | Save-YotiSession -Destination $archive -ThrottleLimit 16 -WarningAction SilentlyContinue
    $saved | Format-Table | Show
    Write-Host 'The manifest of the seed session (shortened to its first two media items):' -ForegroundColor Cyan
    $manifest = Get-Content -Raw (Join-Path $archive '52098976-42d0-4051-a80f-7fc3438e4d9e/manifest.json') | ConvertFrom-Json
    $manifest.media = @($manifest.media | Select-Object -First 2)
    $manifest | ConvertTo-Json -Depth 5 | Write-Host
    Write-Host "`nChecked offline (Test-YotiSessionArchive); a second run downloads nothing:" -ForegroundColor Cyan
    Get-ChildItem $archive -Directory | Test-YotiSessionArchive | Select-Object -First 4 | Format-Table | Show
    $again = $sessions | Save-YotiSession -Destination $archive -WarningAction SilentlyContinue
    Write-Host ("  second run: {0} sessions, {1} media downloaded, {2} archives rewritten" -f @($again).Count, ($again | Measure-Object Downloaded -Sum).Sum, @($again | Where-Object Written).Count)
    Remove-Item -Recurse -Force $archive

    Write-Host 'A wrong id is an error record; the pipeline goes on:' -ForegroundColor Cyan
    '00000000-0000-4000-8000-000000000000', '52098976-42d0-4051-a80f-7fc3438e4d9e' |
        Get-YotiSession -ErrorAction SilentlyContinue -ErrorVariable failures | Format-Table | Show
    $failures | ForEach-Object { Write-Host ("  {0} [{1}]: {2}" -f $_.FullyQualifiedErrorId, $_.CategoryInfo.Category, $_.ErrorDetails.Message) }

    # Last: the page an investigator opens (Export-YotiEvidenceReport), written where the build puts its output.
    $reports = Join-Path (Split-Path -Parent $PSScriptRoot) 'out/demo-reports'
    Write-Host "`nThe seed session's evidence report, one self-contained HTML page (Export-YotiEvidenceReport):" -ForegroundColor Cyan
    $report = $seed | Export-YotiEvidenceReport -Destination $reports -Force
    Write-Host "  $($report.FullName) ($([math]::Round($report.Length / 1KB)) KB): open it in any browser." -ForegroundColor Green
}
finally {
    Stop-YotiIdvEmulator -Emulator $emulator
}
