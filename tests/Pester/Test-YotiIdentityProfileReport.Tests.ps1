# Test-YotiIdentityProfileReport against the BUILT module: BouncyCastle comes from dependencies/ and is loaded
# only when a proof is checked; the emulator's reports verify out of the box; the view fits 80 columns.
BeforeAll {
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:Proofs = Join-Path $PSScriptRoot '../fixtures/extra/report-proofs'
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('yoti-proof-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:Emulator = Start-YotiIdvEmulator -Connect
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Test-YotiIdentityProfileReport' {
    It 'loads BouncyCastle only to check a proof, from the module''s dependencies folder' {
        $moduleBase = (Get-Module YotiIdv).ModuleBase
        $script = @"
Import-Module '$(Join-Path $moduleBase 'YotiIdv.psd1')'
`$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -contains 'BouncyCastle.Cryptography'
`$emulator = Start-YotiIdvEmulator -Connect
`$null = Get-YotiSession $script:DoneId | Get-YotiCheckBreakdown
`$afterOther = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -contains 'BouncyCastle.Cryptography'
`$verified = (Test-YotiIdentityProfileReport '$(Join-Path $script:Proofs 'signed-report.json')' -JwksPath '$(Join-Path $script:Proofs 'test-only-fixture-01.jwks')' -Quiet)
`$bc = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'BouncyCastle.Cryptography' }
'YOTIIDV-RESULT|{0}|{1}|{2}|{3}' -f `$before, `$afterOther, `$verified, `$bc.Location
"@
        $exe = [Environment]::ProcessPath
        # A string[] always (an if that yields one element would unwrap it), and one marked result line to parse:
        # the child may print other lines (warnings, tool notices) before or after it.
        [string[]] $arguments = @('-NoProfile', '-NonInteractive', '-Command', $script)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        $out = & $exe @arguments 2>&1
        $line = @($out | ForEach-Object { "$_" } | Where-Object { $_.StartsWith('YOTIIDV-RESULT|') }) | Select-Object -Last 1
        $line | Should -Not -BeNullOrEmpty -Because "the child prints one YOTIIDV-RESULT line; it printed: $($out | Out-String)"
        $null, $before, $afterOther, $verified, $location = $line -split '\|'
        $before | Should -Be 'False'
        $afterOther | Should -Be 'False' -Because 'commands that check no proof never load BouncyCastle'
        $verified | Should -Be 'True'
        $location | Should -Be (Join-Path $moduleBase 'dependencies/BouncyCastle.Cryptography.dll')
    }

    It 'verifies the emulator''s reports out of the box, piped from Get-YotiSession' {
        $r = Get-YotiSession $script:DoneId | Test-YotiIdentityProfileReport
        $r.Verified | Should -BeTrue
        $r.KeySource | Should -Be 'Fetched'
        $r.SessionId | Should -Be $script:DoneId
        Get-YotiSession $script:DoneId | Test-YotiIdentityProfileReport -Quiet | Should -BeTrue
    }

    It 'gives a result, not an error, for a changed report, and its table fits 80 columns' {
        $file = Join-Path $script:WorkDir 'changed.json'
        (Get-YotiIdentityProfileReport $script:DoneId -Raw).Replace('AMELIA', 'AMELIO') | Set-Content -LiteralPath $file
        $r = Test-YotiIdentityProfileReport -LiteralPath $file -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $r.Verified | Should -BeFalse
        "$($r.Reason)" | Should -Be 'Tampered'
        $table = $r | Format-Table | Out-String -Width 80
        $table | Should -Match 'Verified\s+Reason\s+KeySource\s+Report'
        $table | Should -Match 'False\s+Tampered\s+Fetched\s+changed\.json'
        ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
