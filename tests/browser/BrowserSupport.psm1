# TEST-ONLY helpers for the evidence-report browser tests: find (or, as root on Debian/Ubuntu, install) a
# Chromium-family browser, install puppeteer-core from this folder's lock file, and run check-reports.js.
# Used by build.ps1 (Test setup), tests/Pester/Export-YotiEvidenceReport.Tests.ps1 and build/New-EvidenceReportScreenshot.ps1.
Set-StrictMode -Version 3.0

$script:BrowserFolder = $PSScriptRoot

# The browser to drive: $env:YOTIIDV_BROWSER, else Chromium/Chrome/Edge where the OS puts them. $null when none.
function Find-YotiReportBrowser {
    [OutputType([string])]
    param()
    $candidates = [System.Collections.Generic.List[string]]::new()
    if ($env:YOTIIDV_BROWSER) { $candidates.Add($env:YOTIIDV_BROWSER) }
    if ($IsWindows -or $env:OS -eq 'Windows_NT') {
        foreach ($root in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, $env:LOCALAPPDATA) | Where-Object { $_ }) {
            $candidates.Add((Join-Path $root 'Microsoft\Edge\Application\msedge.exe'))
            $candidates.Add((Join-Path $root 'Google\Chrome\Application\chrome.exe'))
        }
    } elseif ($IsMacOS) {
        $candidates.Add('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
        $candidates.Add('/Applications/Chromium.app/Contents/MacOS/Chromium')
        $candidates.Add('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')
    } else {
        foreach ($name in 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge') {
            $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            if ($command) { $candidates.Add($command.Source) }
        }
    }
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) { return $candidate }
    }
    return $null
}

# What to install when no browser is found, for the skip message.
function Get-YotiReportBrowserHint {
    if ($IsWindows -or $env:OS -eq 'Windows_NT') { return 'Microsoft Edge (or set YOTIIDV_BROWSER to chrome.exe/msedge.exe)' }
    if ($IsMacOS) { return 'Google Chrome or Chromium in /Applications (or set YOTIIDV_BROWSER)' }
    return "the 'chromium' package (as root: apt-get install chromium), or set YOTIIDV_BROWSER"
}

# True when node and puppeteer-core (from package-lock.json) are ready in tests/browser.
function Test-YotiReportPuppeteer {
    (Get-Command node -ErrorAction SilentlyContinue) -and (Test-Path (Join-Path $script:BrowserFolder 'node_modules/puppeteer-core/package.json'))
}

# The Test setup: a browser (installed with apt-get as root on Debian/Ubuntu when missing) and puppeteer-core.
# Never throws for a missing browser or Node.js: the browser tests then skip, saying what to install.
function Install-YotiReportBrowser {
    [CmdletBinding()]
    param()
    $browser = Find-YotiReportBrowser
    $isRoot = -not ($IsWindows -or $env:OS -eq 'Windows_NT') -and ((& id -u 2>$null) -eq '0')
    if (-not $browser -and $isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host 'Browser tests: installing chromium with apt-get (once per machine)' -ForegroundColor DarkGray
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq 2>&1 | Out-Null
        & apt-get install -y -qq chromium 2>&1 | Select-Object -Last 3 | ForEach-Object { Write-Host "  $_" -ForegroundColor DarkGray }
        $browser = Find-YotiReportBrowser
    }
    if (-not $browser) {
        Write-Warning "Browser tests will be skipped: no Chromium, Chrome or Edge found. Install $(Get-YotiReportBrowserHint)."
        return
    }
    $npm = Get-Command npm -ErrorAction SilentlyContinue
    if (-not $npm) {
        Write-Warning 'Browser tests will be skipped: Node.js (node and npm, 18 or later) is not installed.'
        return
    }
    # -AsHashtable: the lock file's root package has an empty name, which objects cannot hold.
    $lock = Get-Content -Raw (Join-Path $script:BrowserFolder 'package-lock.json') | ConvertFrom-Json -AsHashtable
    $wanted = $lock['packages']['node_modules/puppeteer-core']['version']
    $installed = Join-Path $script:BrowserFolder 'node_modules/puppeteer-core/package.json'
    if (-not (Test-Path $installed) -or (Get-Content -Raw $installed | ConvertFrom-Json).version -ne $wanted) {
        Push-Location $script:BrowserFolder
        try {
            # PUPPETEER_SKIP_DOWNLOAD: puppeteer-core downloads nothing anyway; this makes sure of it.
            $env:PUPPETEER_SKIP_DOWNLOAD = '1'
            & $npm.Source ci --no-audit --no-fund --loglevel=error
            if ($LASTEXITCODE -ne 0) { throw "npm ci failed in $script:BrowserFolder." }
        } finally { Pop-Location }
    }
    Write-Host "Browser tests: $browser" -ForegroundColor DarkGray
}

# Opens every report of $Jobs (hashtables: name, file, checkTypes, screenshot, desktopScreenshot) in one browser
# launch and returns one result object per report (see check-reports.js).
function Invoke-YotiReportBrowserCheck {
    param(
        [Parameter(Mandatory)] [string] $Browser,
        [Parameter(Mandatory)] [object[]] $Jobs,
        [Parameter(Mandatory)] [string] $WorkFolder
    )
    $null = New-Item -ItemType Directory -Force -Path $WorkFolder
    $jobFile = Join-Path $WorkFolder 'browser-jobs.json'
    $resultFile = Join-Path $WorkFolder 'browser-results.json'
    ConvertTo-Json -InputObject @($Jobs) -Depth 5 | Set-Content -LiteralPath $jobFile -Encoding utf8NoBOM
    $output = & node (Join-Path $script:BrowserFolder 'check-reports.js') --browser $Browser --jobs $jobFile --out $resultFile 2>&1
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $resultFile)) { throw "check-reports.js failed ($LASTEXITCODE): $($output -join "`n")" }
    (Get-Content -Raw $resultFile | ConvertFrom-Json).results
}

Export-ModuleMember -Function Find-YotiReportBrowser, Get-YotiReportBrowserHint, Test-YotiReportPuppeteer, Install-YotiReportBrowser, Invoke-YotiReportBrowserCheck
