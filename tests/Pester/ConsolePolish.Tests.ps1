# Issue #14: what a new user trips over. Filter warnings, the empty-wildcard error, online help for every
# command, skipping sessions without a profile, the wording of errors, honest fault views.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $script:commandCases = @(Get-Command -Module YotiIdv | Sort-Object Name | ForEach-Object { @{ Command = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:Sessions = @($script:Emulator.SessionIds | Get-YotiSession)
}

AfterAll { $script:Emulator | Stop-YotiIdvEmulator }

Describe 'Filter values that are none of the known ones' {
    It 'warns for -<Parameter> <Value>, naming the known values, and still filters' -ForEach @(
        @{ Parameter = 'Result'; Value = 'FIAL'; Known = 'PASS, FAIL, WARNING' }
        @{ Parameter = 'CheckType'; Value = 'LIVENES'; Known = 'ID_DOCUMENT_AUTHENTICITY' }
    ) {
        $splat = @{ $Parameter = $Value }
        $rows = $script:Sessions | Get-YotiCheckBreakdown @splat -WarningVariable warnings -WarningAction SilentlyContinue
        $rows | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "-$Parameter '$Value'"
        $warnings[0].Message | Should -Match ([regex]::Escape($Known))
    }

    It 'does not warn for known values in any case, WARNING included' {
        $rows = $script:Sessions | Get-YotiCheckBreakdown -Result fail, WARNING -CheckType liveness, ID_DOCUMENT_AUTHENTICITY -WarningVariable warnings
        $warnings.Count | Should -Be 0
        $rows | Should -Not -BeNullOrEmpty
    }

    It 'completes WARNING for -Result and every documented type for -CheckType' {
        foreach ($case in @{ Line = 'Get-YotiCheckBreakdown -Result W'; Expected = 'WARNING' }, @{ Line = 'Get-YotiCheckBreakdown -CheckType LIV'; Expected = 'LIVENESS' }) {
            (TabExpansion2 -inputScript $case.Line -cursorColumn $case.Line.Length).CompletionMatches.CompletionText | Should -Be $case.Expected
        }
    }
}

Describe 'Get-YotiSession -Path with a wildcard that matches nothing' {
    It 'writes YotiSessionFileNotFound (ObjectNotFound) with the path as target' {
        $empty = Join-Path $TestDrive 'empty'
        $null = New-Item -ItemType Directory -Path $empty
        $out = Get-YotiSession -Path (Join-Path $empty '*.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'YotiSessionFileNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be (Join-Path $empty '*.json')
        { Get-YotiSession -Path (Join-Path $empty '*.json') -ErrorAction Stop } | Should -Throw
    }
}

Describe 'Online help of <Command>' -ForEach $script:commandCases {
    It 'has an Online Version address (http or https) as its first related link' {
        $links = @((Get-Help $Command).relatedLinks.navigationLink)
        $links[0].uri | Should -Match '^https?://\S+$' -Because "docs/$Command.md needs 'HelpUri: https://...' in its front matter"
    }
}

Describe 'Get-Help -Online' {
    It 'opens the address of every command (a child pwsh with a recording browser)' {
        $bin = Join-Path $TestDrive 'bin'
        $null = New-Item -ItemType Directory -Path $bin
        $log = Join-Path $TestDrive 'opened.txt'
        # PowerShell on Linux opens online help with xdg-open (open on macOS): record what it is asked to open.
        foreach ($name in 'xdg-open', 'open') {
            Set-Content -Path (Join-Path $bin $name) -Value "#!/bin/sh`necho `"`$1`" >> '$log'"
            chmod +x (Join-Path $bin $name)
        }
        $commands = @(Get-Command -Module YotiIdv | Sort-Object Name | ForEach-Object Name)
        $script = "Import-Module '$(Get-YotiIdvTestManifest)'; foreach (`$c in '$($commands -join "','")') { Get-Help `$c -Online }"
        $exe = (Get-Process -Id $PID).Path
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $script)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        $previousPath = $env:PATH
        try {
            $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH
            $errors = & $exe @arguments 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        }
        finally { $env:PATH = $previousPath }
        $errors | Should -BeNullOrEmpty
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (((Test-Path $log) -eq $false -or @(Get-Content $log).Count -lt $commands.Count) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        $opened = @(Get-Content $log)
        $opened.Count | Should -Be $commands.Count
        $opened | ForEach-Object { $_ | Should -Match '^https://' }
    }
}

Describe 'about_YotiIdv' {
    It 'names every exported command and no longer says the emulator was documented before its code' {
        $about = Get-Content -Raw (Join-Path (Get-YotiIdvRepoRoot) 'docs/about_YotiIdv.md')
        foreach ($c in Get-Command -Module YotiIdv) { $about | Should -Match "``$($c.Name)``" -Because "about_YotiIdv's command list must name $($c.Name)" }
        $about | Should -Not -Match 'documented before their code'
    }
}

Describe 'Get-YotiIdentityProfileReport -SkipNotRequested' {
    It 'skips sessions that never asked for a profile with a verbose line, and keeps the other errors' {
        $all = $script:Emulator.SessionIds | Get-YotiIdentityProfileReport -ErrorVariable plainErrors -ErrorAction SilentlyContinue
        $missing = @($plainErrors | Where-Object { $_.FullyQualifiedErrorId -like 'YotiIdentityProfileMissing,*' -and $null -eq $_.TargetObject.ProfileType })
        $missing.Count | Should -BeGreaterThan 0

        $skipped = $script:Emulator.SessionIds | Get-YotiIdentityProfileReport -SkipNotRequested -Verbose -ErrorVariable skipErrors -ErrorAction SilentlyContinue 4>&1
        $reports = @($skipped | Where-Object { $_ -is [YotiIdv.Model.YotiProfileReport] })
        $verbose = @($skipped | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped:*' })
        $reports.Count | Should -Be @($all).Count
        $verbose.Count | Should -Be $missing.Count
        $skipErrors.Count | Should -Be ($plainErrors.Count - $missing.Count)
    }
}

Describe 'Wording' {
    It 'says "404 Not Found" as it says "401 Unauthorized"' {
        $null = Get-YotiSession -SessionId '00000000-0000-4000-8000-000000000000' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Match '404 Not Found'
    }

    It 'ends the failure with a full stop before "Gave up after N attempts."' {
        $key = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
        $gone = Start-YotiIdvEmulator
        $url = $gone.BaseUri
        $gone | Stop-YotiIdvEmulator # nothing listens there any more: connection refused
        try {
            $connection = Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $key -ApiUrl $url -PassThru
            $null = Get-YotiSession -SessionId $script:Sessions[0].SessionId -Connection $connection -MaxRetries 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $null = Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $key -ApiUrl $script:Emulator.BaseUri }
        $errs.Count | Should -Be 1
        $errs[0].ErrorDetails.Message | Should -Match '\. Gave up after 2 attempts\.$'
        $errs[0].ErrorDetails.Message | Should -Not -Match '[^.] Gave up'
    }

    It 'names YOTI_KEY_FILE_PATH when only YOTI_CLIENT_SDK_ID is set' {
        $saved = $env:YOTI_CLIENT_SDK_ID, $env:YOTI_KEY_FILE_PATH
        Disconnect-YotiIdv
        try {
            $env:YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
            $env:YOTI_KEY_FILE_PATH = $null
            $err = $null
            try { Get-YotiSession -SessionId $script:Sessions[0].SessionId -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'YotiNotConnected,*'
            $err.ErrorDetails.Message | Should -Match 'YOTI_CLIENT_SDK_ID is set, but YOTI_KEY_FILE_PATH is not'
        }
        finally {
            $env:YOTI_CLIENT_SDK_ID, $env:YOTI_KEY_FILE_PATH = $saved
            $null = Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath (Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem') -ApiUrl $script:Emulator.BaseUri
        }
    }

    It 'hints at the missing SessionId property for any piped object (Get-Process)' {
        $null = Get-Process -Id $PID | Get-YotiSession -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        "$($errs[0])" | Should -Match 'no SessionId, Id or session_id property'
    }

    It 'shows a latency fault by its delay, not by a status code' {
        $fault = $script:Emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Latency([TimeSpan]::FromMilliseconds(250), '/nothing/*'))
        try { $text = $fault | Out-String -Width 80 } finally { $script:Emulator.ClearFaults() }
        $text | Should -Match 'Latency 250 ms'
        $text | Should -Not -Match '503'
    }

    It 'joins list values without a trailing separator (Liveness)' {
        $text = $script:Sessions | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue | Format-List | Out-String -Width 120
        $text | Should -Not -Match '(,|;) *(\r?\n|$)'
    }
}
