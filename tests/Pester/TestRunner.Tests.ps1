# The test of the test runner: tiny suites that pass, skip, fail and then end the process with exit code 0,
# and crash, run through build/Invoke-PesterTests.ps1 in a child pwsh (as build.ps1 -Task Test does), and tiny
# TRX files; build/TestSummary.psm1 must give the right 'Tests:' line and exit code for each.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repo = Get-YotiIdvRepoRoot
    Import-Module (Join-Path $repo 'build/TestSummary.psm1') -Force
    $script:pester = Join-Path (Get-Module Pester).ModuleBase 'Pester.psd1'
    $script:runner = Join-Path $repo 'build/Invoke-PesterTests.ps1'

    # Runs one tiny suite as build.ps1 does; returns the runner's outcome.
    function Invoke-TinySuite([string] $Name, [string] $Code) {
        $folder = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force $folder
        Set-Content (Join-Path $folder "$Name.Tests.ps1") $Code
        $json = Join-Path $folder 'pester.json'
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
        $null = & $exe @prefix -NoProfile -NonInteractive -File $script:runner -PesterPath $script:pester `
            -ModuleManifest (Get-YotiIdvTestManifest) -TestPath $folder -ResultPath $json 2>&1
        Get-RunnerOutcome -Name Pester -Format Pester -ResultPath $json -ExitCode $LASTEXITCODE
    }

    function New-Trx([string] $Name, [string] $Counters) {
        $path = Join-Path $TestDrive "$Name.trx"
        Set-Content $path "<?xml version=`"1.0`" encoding=`"utf-8`"?><TestRun xmlns=`"http://microsoft.com/schemas/VisualStudio/TeamTest/2010`"><ResultSummary outcome=`"Completed`"><Counters $Counters /></ResultSummary></TestRun>"
        $path
    }

    $script:goodTrx = New-Trx 'good' 'total="3" executed="2" passed="2" failed="0" error="0" timeout="0" aborted="0" notExecuted="1"'
    $script:xunit = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $script:goodTrx -ExitCode 0

    $script:skips = Invoke-TinySuite 'skips' @'
Describe 'tiny' {
    It 'passes' { 1 | Should -Be 1 }
    It 'passes too' { 'a' | Should -Be 'a' }
    It 'is skipped' -Skip { throw 'never runs' }
}
'@
    # A failing assertion (Should.ErrorAction is Continue, as in the real run), then the process ends with 0.
    $script:exitsEarly = Invoke-TinySuite 'exitsearly' @'
Describe 'tiny' {
    It 'passes' { 1 | Should -Be 1 }
    It 'fails, then exits 0' { 1 | Should -Be 2; [Environment]::Exit(0) }
    It 'is never reached' { 1 | Should -Be 1 }
}
'@
    # A plain failing assertion: the summary must name the test and say why, just above the last line.
    $script:fails = Invoke-TinySuite 'fails' @'
Describe 'tiny' {
    It 'passes' { 1 | Should -Be 1 }
    It 'compares the wrong number' { 1 | Should -Be 2 }
}
'@
    # A test file that throws while Pester discovers it, beside one that passes.
    $script:crashes = Invoke-TinySuite 'crashes' @'
Describe 'tiny' {
    It 'passes' { 1 | Should -Be 1 }
}
throw 'this test file is broken'
'@
}

Describe 'The Tests: line of build.ps1 -Task Test' {
    It 'counts passed and skipped tests from the results, exit code 0' {
        $script:skips.Problem | Should -BeNullOrEmpty
        $summary = Get-TestSummary @($script:xunit, $script:skips)
        $summary.Line | Should -BeExactly 'Tests: 4 passed, 0 failed, 2 skipped'
        $summary.ExitCode | Should -Be 0
    }

    It 'fails a run whose test exits 0 early, leaving no results, whatever the exit code' {
        $script:exitsEarly.ExitCode | Should -Be 0 -Because 'the hole: the runner itself reports success'
        $script:exitsEarly.Problem | Should -Match 'no results file'
        $summary = Get-TestSummary @($script:xunit, $script:exitsEarly)
        $summary.Line | Should -BeExactly 'Tests: 2 passed, 1 failed, 1 skipped'
        $summary.ExitCode | Should -Be 1
        $summary.Details -join "`n" | Should -Match '(?m)^Pester: 0 passed, 1 failed, 0 skipped \(FAILED: no results file'
    }

    It 'counts a test file that throws as a failure' {
        $summary = Get-TestSummary @($script:xunit, $script:crashes)
        $summary.Line | Should -BeExactly 'Tests: 3 passed, 1 failed, 1 skipped'
        $summary.ExitCode | Should -Be 1
    }

    It 'names each failed test and the first line of why, Pester and xunit alike' {
        $trx = Join-Path $TestDrive 'named.trx'
        Set-Content $trx -Value ('<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testName="Http.RetryTable(status: 502)" outcome="Failed"><Output><ErrorInfo><Message>Assert.Equal() Failure' + "`n" + 'Expected: 5</Message></ErrorInfo></Output></UnitTestResult><UnitTestResult testName="Http.Passes" outcome="Passed" /></Results><ResultSummary outcome="Failed"><Counters total="2" executed="2" passed="1" failed="1" /></ResultSummary></TestRun>')
        $summary = Get-TestSummary @((Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $trx -ExitCode 1), $script:fails)
        $summary.Line | Should -BeExactly 'Tests: 2 passed, 2 failed, 0 skipped'
        $details = $summary.Details -join "`n"
        $details | Should -Match '(?m)^  failed: Http\.RetryTable\(status: 502\): Assert\.Equal\(\) Failure$'
        $details | Should -Match '(?m)^  failed: tiny\.compares the wrong number: Expected 2, but got 1\.'
        $details | Should -Not -Match 'Http\.Passes'
    }

    It 'fails a run without an xunit results file, or with an unreadable one, whatever the exit code' {
        $missing = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath (Join-Path $TestDrive 'none.trx') -ExitCode 0
        $missing.Problem | Should -Match 'no results file'
        $truncated = Join-Path $TestDrive 'truncated.trx'
        Set-Content $truncated (Get-Content -Raw $script:goodTrx).Substring(0, 120)
        $unreadable = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $truncated -ExitCode 0
        $unreadable.Problem | Should -Match 'unreadable results file'
        $noCounters = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath (New-Trx 'empty' '') -ExitCode 0
        $noCounters.Problem | Should -Match 'no TestRun/ResultSummary/Counters'
        foreach ($outcome in $missing, $unreadable, $noCounters) {
            $summary = Get-TestSummary @($outcome, $script:skips)
            $summary.Line | Should -BeExactly 'Tests: 2 passed, 1 failed, 1 skipped'
            $summary.ExitCode | Should -Be 1
        }
    }

    It 'fails a run whose xunit runner crashed although its results show no failure' {
        $crashed = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $script:goodTrx -ExitCode 1
        $crashed.Problem | Should -Match 'exited with code 1'
        (Get-TestSummary @($crashed, $script:skips)).Line | Should -BeExactly 'Tests: 4 passed, 1 failed, 2 skipped'
    }

    It 'counts failed, error, timed-out and aborted xunit tests as failed' {
        $trx = New-Trx 'failing' 'total="9" executed="9" passed="5" failed="1" error="1" timeout="1" aborted="1" notExecuted="0"'
        $outcome = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $trx -ExitCode 1
        $outcome.Problem | Should -BeNullOrEmpty
        (Get-TestSummary @($outcome, $script:skips)).Line | Should -BeExactly 'Tests: 7 passed, 4 failed, 1 skipped'
    }

    It 'counts xunit tests that were skipped, which TRX shows only as total minus executed' {
        # As vstest wrote it for two [Fact(Skip = ...)] tests: notExecuted stays 0.
        $trx = New-Trx 'skipped' 'total="644" executed="642" passed="642" failed="0" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="0"'
        $outcome = Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $trx -ExitCode 0
        (Get-TestSummary @($outcome, $script:skips)).Line | Should -BeExactly 'Tests: 644 passed, 0 failed, 3 skipped'
    }

    It 'fails a run that ran nothing' {
        $trx = New-Trx 'nothing' 'total="0" executed="0" passed="0" failed="0" notExecuted="0"'
        $summary = Get-TestSummary @(Get-RunnerOutcome -Name xunit -Format Trx -ResultPath $trx -ExitCode 0)
        $summary.Line | Should -BeExactly 'Tests: 0 passed, 1 failed, 0 skipped'
        $summary.ExitCode | Should -Be 1
    }
}
