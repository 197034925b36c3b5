<#
.SYNOPSIS
    Regenerates docs/images/evidence-report.png, the README's screenshot of an evidence report made from the
    emulator's sample data (the seed session), with the same browser and puppeteer-core as the browser tests.
.DESCRIPTION
    Run after a build: dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./build/New-EvidenceReportScreenshot.ps1
#>
param([string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
$repoRoot = Split-Path -Parent $PSScriptRoot
if (-not $ModuleManifest) {
    $ModuleManifest = (Get-ChildItem (Join-Path $repoRoot 'out/YotiIdv/*/YotiIdv.psd1') | Sort-Object { [version]$_.Directory.Name } -Descending | Select-Object -First 1).FullName
}
Import-Module $ModuleManifest
Import-Module (Join-Path $repoRoot 'tests/browser/BrowserSupport.psm1')
Install-YotiReportBrowser
$browser = Find-YotiReportBrowser
if (-not $browser -or -not (Test-YotiReportPuppeteer)) { throw "No browser or puppeteer-core: install $(Get-YotiReportBrowserHint) and Node.js." }

$work = Join-Path $repoRoot 'out/evidence-report-screenshot'
$emulator = Start-YotiIdvEmulator -Connect
try {
    $report = Export-YotiEvidenceReport -SessionId 52098976-42d0-4051-a80f-7fc3438e4d9e -Destination $work -Force
} finally {
    Stop-YotiIdvEmulator -Emulator $emulator
}
$target = Join-Path $repoRoot 'docs/images/evidence-report.png'
$job = @{ name = 'readme'; file = $report.FullName; checkTypes = @(); desktopScreenshot = $target }
$result = Invoke-YotiReportBrowserCheck -Browser $browser -Jobs @($job) -WorkFolder $work
if ($result.problems.Count -gt 0) { throw "The browser could not render the report: $($result.problems -join '; ')" }
Write-Host "Wrote $target"
