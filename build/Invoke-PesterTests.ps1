<#
.SYNOPSIS
    Runs the Pester tests against the built module and writes the totals to a JSON file. Started by build.ps1 in a child pwsh.
.DESCRIPTION
    The JSON file is written only after Invoke-Pester returned: a test that ends the process early leaves none,
    and build/TestSummary.psm1 counts that as a failed run whatever the exit code.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -MinimumVersion 5.7 -Force
# The tests import the module from here (tests/Pester/TestHelpers.psm1 reads it).
$env:YOTIIDV_TEST_MANIFEST = $ModuleManifest

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Should.ErrorAction = 'Continue'
$result = Invoke-Pester -Configuration $configuration
# FailedNames: what failed, with the first line of why, so that the end of a long log says which test it was.
$firstLine = { param($record) if ($record) { ("$($record[0].Exception.Message)" -split "`n")[0] } }
$failedNames = @(
    foreach ($test in $result.Failed) { "$($test.ExpandedPath): $(& $firstLine $test.ErrorRecord)" }
    foreach ($block in $result.FailedBlocks) { "$($block.ExpandedPath) (block): $(& $firstLine $block.ErrorRecord)" }
    foreach ($container in $result.FailedContainers) { "$($container.Item) (file): $(& $firstLine $container.ErrorRecord)" })
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount
    FailedNames = $failedNames } |
    ConvertTo-Json | Set-Content -Path $ResultPath
if ($result.Result -ne 'Passed') { exit 1 }
exit 0
