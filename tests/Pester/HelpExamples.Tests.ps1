#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.0' }
# Runs every example of every docs/<Verb-Noun>.md page and every powershell block of README.md, each in a fresh
# pwsh with the built module imported and Start-YotiIdvEmulator -Connect done, in an empty folder holding
# ids.csv (column session_id) and sessions.txt (one id a line) with the 12 sample session ids.
# An example fails when it writes error output it does not suppress itself, throws, times out, or exits with
# another code than 0 (or than the one it declares with a line '# Expected exit code: N').
# Skipped: examples with a line '# Requires real Yoti credentials', and README blocks preceded by <!-- not-run -->.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ExampleRunner.psm1') -Force
    $repoRoot = Get-YotiIdvRepoRoot
    # Command pages only, as build/ConvertTo-MamlHelp.ps1 reads them (about_YotiIdv has no examples; archive-format.md is no command).
    $pages = @(Get-ChildItem -Path (Join-Path $repoRoot 'docs') -Filter *.md | Where-Object BaseName -CMatch '^[A-Z]\w*-[A-Z]\w*$' | Sort-Object Name)
    $exampleCases = @(
        foreach ($page in $pages) {
            $found = @(Get-YotiIdvDocExample -Path $page.FullName -Source "docs/$($page.Name)")
            if ($found.Count -eq 0) {
                [pscustomobject]@{ Source = "docs/$($page.Name)"; Title = '(no examples)'; Code = ''; SkipReason = $null; ExpectedExitCode = 0; Key = "docs/$($page.Name)|" }
            }
            $found
        }
        Get-YotiIdvMarkdownExample -Path (Join-Path $repoRoot 'README.md') -Source 'README.md'
    ) | ForEach-Object { @{ Source = $_.Source; Title = $_.Title; Key = $_.Key; SkipReason = $_.SkipReason } }

    $runnerCases = @(Get-YotiIdvExampleRunnerCheck | ForEach-Object { @{ Title = $_.Title; Key = $_.Key; Passes = $_.Passes; SkipReason = $_.SkipReason } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ExampleRunner.psm1') -Force
    $repoRoot = Get-YotiIdvRepoRoot
    $manifest = Get-YotiIdvTestManifest
    $sessionIds = @(Get-ChildItem -Path (Join-Path (Split-Path $manifest) 'Emulator/SampleData/sessions') -Filter *.json |
            ForEach-Object { (Get-Content -Raw $_.FullName | ConvertFrom-Json).session_id } | Sort-Object)

    $pages = @(Get-ChildItem -Path (Join-Path $repoRoot 'docs') -Filter *.md | Where-Object BaseName -CMatch '^[A-Z]\w*-[A-Z]\w*$')
    $script:Examples = @{}
    foreach ($e in @($pages | ForEach-Object { Get-YotiIdvDocExample -Path $_.FullName -Source "docs/$($_.Name)" }) +
        @(Get-YotiIdvMarkdownExample -Path (Join-Path $repoRoot 'README.md') -Source 'README.md')) {
        $script:Examples[$e.Key] = $e
    }
    $script:RunnerChecks = @(Get-YotiIdvExampleRunnerCheck)
    $toRun = @($script:Examples.Values | Where-Object { -not $_.SkipReason -and $_.Code.Trim() }) + @($script:RunnerChecks | Where-Object { -not $_.SkipReason })
    $script:Results = Invoke-YotiIdvExample -Example $toRun -ModuleManifest $manifest -SessionId $sessionIds -WorkRoot (Join-Path $TestDrive 'examples')
}

Describe 'Example <Source>: <Title>' -ForEach $exampleCases {
    It 'runs against the emulator without errors' {
        if ($SkipReason) {
            Set-ItResult -Skipped -Because $SkipReason
            return
        }
        $example = $Examples[$Key]
        $example | Should -Not -BeNullOrEmpty -Because "$Source must have an example '$Title'"
        $example.Code.Trim() | Should -Not -BeNullOrEmpty -Because "every example of $Source needs a powershell code block ('$Title' has none)"
        $result = $Results[$Key]
        if (-not $result.Passed) {
            throw "$Source, '$Title' failed:`n$(Format-YotiIdvExampleFailure -Example $example -Result $result)"
        }
    }
}

Describe 'Examples show what they promise' {
    # Every runnable README block and the first example of every command page declares what its output must
    # contain ('# Expected output contains: ...'), so an example cannot pass on its exit code alone.
    It '<Key> declares its expected output' -ForEach @(
        $exampleCases | ForEach-Object { [pscustomobject]$_ } | Where-Object { -not $_.SkipReason -and $_.Title -ne '(no examples)' } | Group-Object Source | ForEach-Object {
            if ($_.Name -eq 'README.md') { $_.Group } else { $_.Group | Select-Object -First 1 }
        } | ForEach-Object { @{ Key = $_.Key } }) {
        $Examples[$Key].ExpectedOutput.Count | Should -BeGreaterThan 0 -Because "$Key must say what its output contains"
    }
}

Describe 'Example runner' {
    It '<Title>' -ForEach $runnerCases {
        if ($null -eq $Passes) {
            $SkipReason | Should -BeLike '*Requires real Yoti credentials*'
            $Results.ContainsKey($Key) | Should -BeFalse -Because 'a skipped example is not run'
            return
        }
        $result = $Results[$Key]
        $result | Should -Not -BeNullOrEmpty
        $result.Passed | Should -Be $Passes -Because "exit $($result.ExitCode), error output '$($result.StdErr.Trim())'"
    }
}
