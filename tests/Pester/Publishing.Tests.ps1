#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.0' }
# What a user of the published module sees: the manifest's publishing fields, the README's install steps
# (run as written, with an empty home folder, then Import-Module YotiIdv by name in a fresh process), and
# Get-Help in a fresh pwsh that has only the built module imported.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ExampleRunner.psm1') -Force
    $script:RepoRoot = Get-YotiIdvRepoRoot
    $script:Manifest = Get-YotiIdvTestManifest
    $script:Pwsh = Get-YotiIdvChildPwsh

    # Runs a script file in a fresh pwsh; $Environment entries replace (or, when $null, remove) variables.
    function script:Invoke-FreshPwsh {
        param([string] $Script, [string] $WorkingDirectory = $TestDrive, [hashtable] $Environment = @{})
        $file = Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $Script -Encoding utf8
        $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh.FilePath)
        foreach ($a in $Pwsh.Arguments + @('-File', $file)) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $WorkingDirectory
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($name in $Environment.Keys) {
            if ($null -eq $Environment[$name]) { $null = $psi.Environment.Remove($name) } else { $psi.Environment[$name] = $Environment[$name] }
        }
        $p = [Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEndAsync()
        $err = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw "The fresh pwsh running $file timed out." }
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.GetAwaiter().GetResult(); StdErr = $err.GetAwaiter().GetResult() }
    }
}

Describe 'Manifest ready for publishing' {
    BeforeAll {
        $script:Data = Import-PowerShellDataFile -Path $Manifest
        $script:PSData = $Data.PrivateData.PSData
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $Manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'has a description, an author and a version' {
        $Data.Description.Length | Should -BeGreaterThan 40
        $Data.Author | Should -Not -BeNullOrEmpty
        $Data.ModuleVersion | Should -Not -Match '\{\{' -Because 'the build fills in the version'
    }

    It 'has tags without spaces, including the edition tags' {
        $PSData.Tags | Should -Not -BeNullOrEmpty
        $PSData.Tags | Should -Contain 'Yoti'
        $PSData.Tags | Should -Contain 'PSEdition_Core'
        $PSData.Tags | Should -Contain 'PSEdition_Desktop'
        foreach ($tag in $PSData.Tags) { $tag | Should -Not -Match '\s' -Because "a gallery tag has no spaces ('$tag')" }
    }

    It 'has a licence URI, and no made-up project or help URI' {
        $PSData.LicenseUri | Should -Be 'https://opensource.org/licenses/MIT'
        $PSData.Keys | Should -Not -Contain 'ProjectUri' -Because 'there is no public repository URL (see the comment in YotiIdv.psd1)'
        $Data.Keys | Should -Not -Contain 'HelpInfoURI' -Because 'there is no updatable help'
    }

    It 'has release notes from CHANGELOG.md that say where the full changelog is' {
        $PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $PSData.ReleaseNotes | Should -Not -Match '\{\{' -Because 'the build replaces the placeholder'
        $PSData.ReleaseNotes | Should -Match '^## ' -Because 'the newest CHANGELOG.md section comes first'
        $PSData.ReleaseNotes | Should -Match 'CHANGELOG\.md'
    }

    It 'ships LICENSE and CHANGELOG.md next to the manifest' {
        Join-Path (Split-Path $Manifest) 'LICENSE' | Should -Exist
        Join-Path (Split-Path $Manifest) 'CHANGELOG.md' | Should -Exist
    }
}

Describe 'README install steps' {
    It 'install the module so that a fresh pwsh imports it by name' {
        # The README's '## Install' block, run as written from a folder that holds out/YotiIdv/<version>.
        $readme = Get-YotiIdvMarkdownExample -Path (Join-Path $RepoRoot 'README.md') | Where-Object Title -eq 'Install'
        @($readme).Count | Should -Be 1 -Because "README.md needs one powershell block under '## Install'"
        $clone = Join-Path $TestDrive 'clone'
        $homeDir = Join-Path $TestDrive 'home'
        $versionDir = Split-Path $Manifest
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $clone 'out/YotiIdv'), $homeDir
        Copy-Item -Recurse -Path $versionDir -Destination (Join-Path $clone "out/YotiIdv/$(Split-Path -Leaf $versionDir)")
        $fresh = @{ HOME = $homeDir; USERPROFILE = $homeDir; PSModulePath = $null; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null }

        $install = Invoke-FreshPwsh -Script ("`$ErrorActionPreference = 'Stop'`n" + $readme.Code) -WorkingDirectory $clone -Environment $fresh
        $install.StdErr.Trim() | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0

        $import = Invoke-FreshPwsh -Script @'
$ErrorActionPreference = 'Stop'
Import-Module YotiIdv
$m = Get-Module YotiIdv
"base=$($m.ModuleBase)"
"commands=$(@(Get-Command -Module YotiIdv).Count)"
"help=$(@((Get-Help Get-YotiSession).examples.example).Count)"
'@ -WorkingDirectory $TestDrive -Environment $fresh
        $import.StdErr.Trim() | Should -BeNullOrEmpty
        $import.ExitCode | Should -Be 0
        $lines = $import.StdOut -split '\r?\n'
        $base = ($lines | Where-Object { $_ -like 'base=*' }) -replace '^base=', ''
        $base | Should -BeLike "$homeDir*" -Because 'the module comes from the user module folder of the (new) home'
        [int](($lines | Where-Object { $_ -like 'commands=*' }) -replace '^commands=', '') | Should -Be @((Import-PowerShellDataFile $Manifest).CmdletsToExport).Count
        [int](($lines | Where-Object { $_ -like 'help=*' }) -replace '^help=', '') | Should -BeGreaterOrEqual 2 -Because 'the MAML help is installed with the module'
    }
}

Describe 'Get-Help Get-YotiSession -Full in a fresh pwsh' {
    BeforeAll {
        $quoted = "'" + $Manifest.Replace("'", "''") + "'"
        $script:Fresh = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module $quoted
`$help = Get-Help Get-YotiSession -Full
[pscustomobject]@{
    Modules    = @(Get-Module | Where-Object Name -NotLike 'Microsoft.PowerShell.*' | ForEach-Object Name)
    Parameters = @(`$help.parameters.parameter | ForEach-Object { [pscustomobject]@{ Name = `$_.name; Description = (@(`$_.description | ForEach-Object Text) -join ' ') } })
    Examples   = @(`$help.examples.example | ForEach-Object { [pscustomobject]@{ Title = `$_.title; Code = `$_.code } })
    Declared   = @((Get-Command Get-YotiSession).Parameters.Keys | Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters -notcontains `$_ })
    Text       = (`$help | Out-String -Width 200)
} | ConvertTo-Json -Depth 4
"@
        $script:Help = $Fresh.StdOut | ConvertFrom-Json
    }

    It 'runs with only the built module imported' {
        $Fresh.StdErr.Trim() | Should -BeNullOrEmpty
        $Help.Modules | Should -Be @('YotiIdv')
    }

    It 'lists every parameter with a description' {
        foreach ($name in $Help.Declared) {
            $p = $Help.Parameters | Where-Object Name -eq $name
            $p | Should -Not -BeNullOrEmpty -Because "Get-Help Get-YotiSession -Full must list -$name"
            $p.Description.Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
            $Help.Text | Should -Match "-$name\b"
        }
    }

    It 'has at least two examples with code' {
        @($Help.Examples).Count | Should -BeGreaterOrEqual 2
        foreach ($e in $Help.Examples) { "$($e.Code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($e.Title) needs code" }
    }
}
