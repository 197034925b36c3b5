<#
.SYNOPSIS
    Builds, tests and demonstrates the YotiIdv module.
.DESCRIPTION
    Run it with the PowerShell that the repository pins as a local dotnet tool:

        dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

    Tasks:
      Build  compiles the solution and lays out a loadable module in out/YotiIdv/<version>/ (with MAML help).
      Test   Build, then every xunit test and every Pester test (against the built module in a child pwsh);
             ends with one line 'Tests: N passed, N failed, N skipped' and exits non-zero when anything failed
             or a runner left no readable results file.
      Demo   Build, then starts the local emulator over the bundled sample sessions and shows Get-YotiSession.
      Mutation  Stryker.NET over src/YotiIdv.Core (-MutationScope Http,Signing,...; default the whole Core), killed by
             the xunit tests; prints the score per folder, reports in out/mutation/<scope>/. Slow: not part of Test.
      Clean  removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Clean', 'Mutation')]
    [string] $Task = 'Build',

    # Mutation only: the src/YotiIdv.Core folders to mutate in one Stryker run ('.' for the files at its root).
    [string[]] $MutationScope,

    # Mutation only: run only these xunit tests (a dotnet test --filter expression, added to the config's filter).
    # Faster, and the score it gives is a lower bound of the full suite's.
    [string] $MutationTestFilter,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleVersion = ([xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
$ModuleDir = Join-Path $OutRoot "YotiIdv/$ModuleVersion"
$TestResults = Join-Path $OutRoot 'TestResults'

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    Write-Host "> $FilePath $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# A child pwsh of the same version: anything that loads the built DLL runs there, so nothing stays locked here.
function Invoke-ChildPwsh {
    param([string[]] $Arguments)
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        & $exe (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments
    } else {
        & $exe -NoProfile -NonInteractive @Arguments
    }
}

function Invoke-Clean {
    if (Test-Path $OutRoot) { Remove-Item -Recurse -Force $OutRoot }
    Get-ChildItem -Path (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests'), (Join-Path $RepoRoot 'build') -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        Remove-Item -Recurse -Force
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'YotiIdv.sln'), '-c', $Configuration, '--nologo', '-v', 'minimal')
    Invoke-Layout
}

# Copies an explicit list of files into out/YotiIdv/<version>/ and fails when one is missing.
function Invoke-Layout {
    $bin = Join-Path $RepoRoot "src/YotiIdv/bin/$Configuration/netstandard2.0"
    if (Test-Path $ModuleDir) { Remove-Item -Recurse -Force $ModuleDir }
    $null = New-Item -ItemType Directory -Force -Path $ModuleDir, (Join-Path $ModuleDir 'dependencies'), (Join-Path $ModuleDir 'en-US')

    foreach ($name in 'YotiIdv.dll', 'YotiIdv.Core.dll') {
        Copy-Item (Join-Path $bin $name) $ModuleDir
    }

    # System.Text.Json and what it needs on .NET Framework; answered by ModuleInitializer on Windows PowerShell 5.1.
    $dependencies = 'System.Text.Json', 'System.Text.Encodings.Web', 'System.Memory', 'System.Buffers',
        'System.Runtime.CompilerServices.Unsafe', 'System.Threading.Tasks.Extensions', 'System.Numerics.Vectors',
        'Microsoft.Bcl.AsyncInterfaces'
    # BouncyCastle: Ed25519 for Test-YotiIdentityProfileReport only; loaded on that path alone (src/YotiIdv.Core/Proof/Ed25519.cs).
    $dependencies += 'BouncyCastle.Cryptography'
    foreach ($name in $dependencies) {
        $file = Join-Path $bin "$name.dll"
        if (-not (Test-Path $file)) { throw "Layout: dependency $name.dll is missing from $bin." }
        Copy-Item $file (Join-Path $ModuleDir 'dependencies')
    }

    Copy-Item (Join-Path $RepoRoot 'src/YotiIdv/YotiIdv.Format.ps1xml') $ModuleDir
    # The licence and the full changelog travel with the module (ReleaseNotes points at CHANGELOG.md).
    foreach ($name in 'LICENSE', 'CHANGELOG.md') {
        $file = Join-Path $RepoRoot $name
        if (-not (Test-Path $file)) { throw "Layout: $name is missing from $RepoRoot." }
        Copy-Item $file $ModuleDir
    }
    $sampleData = Join-Path $RepoRoot 'src/YotiIdv/Emulator/SampleData'
    if (Test-Path $sampleData) {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'Emulator')
        Copy-Item -Recurse $sampleData (Join-Path $ModuleDir 'Emulator/SampleData')
    }

    $manifest = Get-Content -Raw (Join-Path $RepoRoot 'YotiIdv.psd1')
    $manifest = $manifest.Replace('{{ModuleVersion}}', $ModuleVersion).Replace('{{ReleaseNotes}}', (Get-ReleaseNotes).Replace("'", "''"))
    Set-Content -Path (Join-Path $ModuleDir 'YotiIdv.psd1') -Value $manifest -Encoding utf8NoBOM

    $helpConverter = Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1'
    if (Test-Path $helpConverter) {
        & $helpConverter -DocsPath (Join-Path $RepoRoot 'docs') -OutputPath (Join-Path $ModuleDir 'en-US')
    }

    Write-Host "Module laid out in $ModuleDir" -ForegroundColor Green
}

# The newest section of CHANGELOG.md becomes PSData.ReleaseNotes, followed by where the full changelog is.
function Get-ReleaseNotes {
    $changelog = Join-Path $RepoRoot 'CHANGELOG.md'
    if (-not (Test-Path $changelog)) { return 'See CHANGELOG.md.' }
    $sections = (Get-Content -Raw $changelog) -split '(?m)^## '
    if ($sections.Count -lt 2) { return 'See CHANGELOG.md.' }
    return ('## ' + $sections[1]).Trim() + "`n`nThe full changelog is CHANGELOG.md in the module folder (and at the root of the repository)."
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'build/tools.proj'), '--nologo', '-v', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester was not restored to $pester." }
    return $pester
}

function Install-NodeInterop {
    # node: the official Yoti SDK; jose: the independent signer of report proofs (jose + json-canonicalize).
    foreach ($interop in (Join-Path $RepoRoot 'tests/interop/node'), (Join-Path $RepoRoot 'tests/interop/jose')) {
        if ((Test-Path (Join-Path $interop 'package-lock.json')) -and (Get-Command npm -ErrorAction SilentlyContinue)) {
            Push-Location $interop
            try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error') } finally { Pop-Location }
        }
    }
}

# The evidence-report browser tests: a Chromium-family browser (apt-get install chromium as root on Debian/Ubuntu,
# Edge on Windows) and puppeteer-core from tests/browser/package-lock.json. Missing ones make those tests skip, saying what to install.
function Install-ReportBrowser {
    Import-Module (Join-Path $RepoRoot 'tests/browser/BrowserSupport.psm1') -Force
    Install-YotiReportBrowser
}

function Invoke-Test {
    Invoke-Build
    $pester = Get-PesterModulePath
    Install-NodeInterop
    Install-ReportBrowser
    if (Test-Path $TestResults) { Remove-Item -Recurse -Force $TestResults }
    $null = New-Item -ItemType Directory -Force -Path $TestResults

    # xunit
    $trx = Join-Path $TestResults 'xunit.trx'
    & dotnet test (Join-Path $RepoRoot 'tests/YotiIdv.Tests/YotiIdv.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal'
    $xunitExit = $LASTEXITCODE

    # Pester, in a fresh pwsh that imports the built module
    $pesterJson = Join-Path $TestResults 'pester.json'
    Invoke-ChildPwsh @('-File', (Join-Path $RepoRoot 'build/Invoke-PesterTests.ps1'), '-PesterPath', $pester,
        '-ModuleManifest', (Join-Path $ModuleDir 'YotiIdv.psd1'), '-TestPath', (Join-Path $RepoRoot 'tests/Pester'), '-ResultPath', $pesterJson)
    $pesterExit = $LASTEXITCODE

    # Counts come from the results files only; a missing or unreadable one fails the run (build/TestSummary.psm1).
    Import-Module (Join-Path $RepoRoot 'build/TestSummary.psm1') -Force
    $summary = Get-TestSummary @(
        Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $trx -ExitCode $xunitExit
        Get-RunnerOutcome -Name Pester -Format Pester -ResultPath $pesterJson -ExitCode $pesterExit)
    $summary.Details | Write-Host
    Write-Output $summary.Line
    if ($summary.ExitCode -ne 0) { exit $summary.ExitCode }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-ChildPwsh @('-File', (Join-Path $RepoRoot 'build/Demo.ps1'), '-ModuleManifest', (Join-Path $ModuleDir 'YotiIdv.psd1'))
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# Stryker.NET (a local dotnet tool) over src/YotiIdv.Core: one run over the -MutationScope folders (default the whole
# Core), settings in tests/mutation/stryker-config.json, killed by the xunit tests; the score of each folder is printed
# at the end and the HTML/JSON report stays in out/mutation/<scope>/ (gitignored). Under 'nice' where there is one:
# the run takes long and the machine is shared.
function Invoke-Mutation {
    $core = Join-Path $RepoRoot 'src/YotiIdv.Core'
    $folders = @(Get-ChildItem -Directory $core | Where-Object Name -notin 'bin', 'obj' | ForEach-Object Name) + '.'
    $scopes = if ($MutationScope) { @($MutationScope | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim().TrimEnd('/') }) } else { $folders }
    foreach ($scope in $scopes) {
        if ($scope -notin $folders) { throw "Mutation: '$scope' is not a folder of src/YotiIdv.Core (one of: $($folders -join ', '))." }
    }
    $name = if ($MutationScope) { ($scopes -replace '^\.$', 'root') -join '+' } else { 'Core' }
    $output = Join-Path $OutRoot "mutation/$name"
    if (Test-Path $output) { Remove-Item -Recurse -Force $output }
    # The jose verifier of the report-proof tests (the Node SDK interop test is filtered out: it adds no Core line).
    if (-not (Test-Path (Join-Path $RepoRoot 'tests/interop/jose/node_modules'))) { Install-NodeInterop }

    # Stryker's project analysis fails with 'Could not find build environment' on a project never restored (a fresh clone).
    $testProject = Join-Path $RepoRoot 'tests/YotiIdv.Tests/YotiIdv.Tests.csproj'
    Invoke-Native dotnet @('restore', $testProject, '--nologo', '-v', 'quiet')
    $arguments = @('dotnet-stryker', '--config-file', (Join-Path $RepoRoot 'tests/mutation/stryker-config.json'),
        '--test-project', $testProject, '--output', $output, '--skip-version-check')
    if ($MutationTestFilter) {
        $configFilter = (Get-Content -Raw (Join-Path $RepoRoot 'tests/mutation/stryker-config.json') | ConvertFrom-Json).'stryker-config'.'test-case-filter'
        $arguments += '--test-case-filter', "$configFilter&($MutationTestFilter)"
    }
    foreach ($scope in $scopes) { $arguments += '--mutate', $(if ($scope -eq '.') { '*.cs' } else { "$scope/**/*.cs" }) }
    # Stryker's project analysis (Buildalyzer) gives up with 'Could not find build environment' when 'dotnet --info'
    # takes longer than 10 s, which it does on a loaded machine: allow two minutes.
    if (-not $env:DOTNET_INFO_WAIT_TIME) { $env:DOTNET_INFO_WAIT_TIME = '120000' }
    $started = Get-Date
    Push-Location (Join-Path $RepoRoot 'tests/YotiIdv.Tests')
    try {
        $nice = if (-not $IsWindows) { Get-Command nice -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
        if ($nice) { Invoke-Native $nice.Source (@('-n', '15', 'dotnet') + $arguments) } else { Invoke-Native dotnet $arguments }
    } finally { Pop-Location }
    $elapsed = (Get-Date) - $started

    $report = Get-ChildItem -Recurse -Filter mutation-report.json $output | Sort-Object LastWriteTime | Select-Object -Last 1
    if (-not $report) { throw "Mutation: Stryker wrote no mutation-report.json under $output." }
    Import-Module (Join-Path $RepoRoot 'tests/mutation/MutationReport.psm1') -Force
    Get-MutationScore $report.FullName -Folder $scopes | Format-Table -AutoSize | Out-String -Width 120 | Write-Host
    Write-Host "Report: $(Join-Path $report.DirectoryName 'mutation-report.html') ($([Math]::Round($elapsed.TotalMinutes)) min)."
    Write-Host "Undetected mutants: Import-Module ./tests/mutation/MutationReport.psm1; Get-MutationSurvivor '$($report.FullName)'"
}

switch ($Task) {
    'Clean' { Invoke-Clean }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Mutation' { Invoke-Mutation }
}
