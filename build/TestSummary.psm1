# The honest count of build.ps1 -Task Test: counts come only from the results files the runners write, and a
# results file that is missing or unreadable fails the run whatever the runner's exit code was (a test that calls
# [Environment]::Exit(0) ends its runner with exit code 0 and no results). tests/Pester/TestRunner.Tests.ps1
# runs this logic over tiny suites that crash, exit early and skip.
Set-StrictMode -Version 3.0

# Passed/Failed/Skipped of a vstest TRX file; throws when the file is missing or has no result summary.
function Read-TrxCounts {
    param([Parameter(Mandatory)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "no results file ($Path)" }
    try {
        $xml = [xml](Get-Content -Raw -LiteralPath $Path)
        $counters = $xml.TestRun.ResultSummary.Counters
    } catch {
        throw "unreadable results file ($Path): $($_.Exception.Message)"
    }
    if ($counters -isnot [System.Xml.XmlElement] -or -not $counters.HasAttribute('passed')) {
        throw "unreadable results file ($Path): no TestRun/ResultSummary/Counters"
    }
    $count = { param($name) $text = $counters.GetAttribute($name); if ($text) { [int]$text } else { 0 } }
    $failedNames = @(
        foreach ($test in $xml.SelectNodes('//*[local-name()="UnitTestResult"]')) {
            if ($test.GetAttribute('outcome') -eq 'Failed') {
                $message = $test.SelectSingleNode('*[local-name()="Output"]/*[local-name()="ErrorInfo"]/*[local-name()="Message"]')
                "$($test.GetAttribute('testName')): $(if ($message) { ($message.InnerText -split "`n")[0] })"
            }
        })
    [pscustomobject]@{
        FailedNames = $failedNames
        Passed  = & $count 'passed'
        Failed  = (& $count 'failed') + (& $count 'error') + (& $count 'timeout') + (& $count 'aborted')
        # A test xunit skipped is a result with outcome NotExecuted, which vstest does not add to the notExecuted
        # counter: it shows only as total - executed.
        Skipped = [Math]::Max((& $count 'notExecuted'), (& $count 'total') - (& $count 'executed'))
    }
}

# Passed/Failed/Skipped of the JSON written by build/Invoke-PesterTests.ps1 after Invoke-Pester returned.
function Read-PesterCounts {
    param([Parameter(Mandatory)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "no results file ($Path)" }
    try {
        $result = Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json -ErrorAction Stop
    } catch {
        throw "unreadable results file ($Path): $($_.Exception.Message)"
    }
    foreach ($name in 'Passed', 'Failed', 'Skipped') {
        if ($null -eq $result -or $null -eq $result.PSObject.Properties[$name] -or $result.$name -isnot [long] -and $result.$name -isnot [int]) {
            throw "unreadable results file ($Path): no whole number '$name'"
        }
    }
    $failedNames = if ($result.PSObject.Properties['FailedNames']) { @($result.FailedNames) } else { @() }
    [pscustomobject]@{ Passed = [int]$result.Passed; Failed = [int]$result.Failed; Skipped = [int]$result.Skipped; FailedNames = $failedNames }
}

# One runner's outcome: its counts from its results file, or why there are none. A runner that exited non-zero
# without reporting a failure, or that left no readable results, counts as one failed test (the suite itself).
function Get-RunnerOutcome {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [ValidateSet('Trx', 'Pester')] [string] $Format,
        [Parameter(Mandatory)] [string] $ResultPath,
        [Parameter(Mandatory)] [int] $ExitCode
    )
    $problem = $null
    try {
        $counts = if ($Format -eq 'Trx') { Read-TrxCounts $ResultPath } else { Read-PesterCounts $ResultPath }
    } catch {
        $problem = "$_"
        $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; FailedNames = @() }
    }
    if (-not $problem -and $ExitCode -ne 0 -and $counts.Failed -eq 0) {
        $problem = "the runner exited with code $ExitCode but its results report no failure"
    }
    $suiteFailures = if ($problem) { 1 } else { 0 }
    [pscustomobject]@{
        Name = $Name; Passed = $counts.Passed; Failed = $counts.Failed + $suiteFailures; Skipped = $counts.Skipped
        ExitCode = $ExitCode; Problem = $problem; FailedNames = @($counts.FailedNames)
    }
}

# The summary of several runners: one line per runner, then the 'Tests: N passed, N failed, N skipped' line and
# the exit code of the whole run (1 when anything failed, a results file is missing, or nothing ran).
function Get-TestSummary {
    param([Parameter(Mandatory)] [object[]] $Outcomes)
    $passed = ($Outcomes | Measure-Object -Sum Passed).Sum
    $failed = ($Outcomes | Measure-Object -Sum Failed).Sum
    $skipped = ($Outcomes | Measure-Object -Sum Skipped).Sum
    $details = foreach ($o in $Outcomes) {
        "$($o.Name): $($o.Passed) passed, $($o.Failed) failed, $($o.Skipped) skipped" + $(if ($o.Problem) { " (FAILED: $($o.Problem))" })
        # The names of what failed, right above the last line: a CI log that shows only its end still says which.
        foreach ($name in @($o.PSObject.Properties['FailedNames'] | ForEach-Object Value) | Select-Object -First 25) {
            "  failed: $([regex]::Replace("$name", '[\p{Cc}-[\n]]', ''))"
        }
    }
    if ($passed -eq 0 -and $failed -eq 0) { $failed = 1; $details += 'Nothing ran: that is a failure.' }
    [pscustomobject]@{
        Details  = @($details)
        Line     = "Tests: $passed passed, $failed failed, $skipped skipped"
        ExitCode = if ($failed -gt 0) { 1 } else { 0 }
    }
}

Export-ModuleMember -Function Read-TrxCounts, Read-PesterCounts, Get-RunnerOutcome, Get-TestSummary
