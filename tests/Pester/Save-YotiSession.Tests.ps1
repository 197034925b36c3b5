BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:OngoingId = 'e36241c0-7098-407f-a4a5-39b82fb54e31'
    $script:ExpiredId = 'f8992779-9335-4678-adfd-3885307ceb44'
    $script:UnknownId = '00000000-0000-4000-8000-000000000000'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-archive-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:SampleMedia = Join-Path $script:Emulator.DataPath 'media'

    # A child pwsh with the connection in the environment, as a scheduler runs a job.
    function script:Start-ChildPwsh([string[]] $Arguments, [switch] $NoConnection) {
        $exe = [Environment]::ProcessPath
        $all = @('-NoProfile', '-NonInteractive') + $Arguments
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $all = @((Join-Path $PSHOME 'pwsh.dll')) + $all }
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in $all) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        foreach ($name in 'YOTI_CLIENT_SDK_ID', 'YOTI_KEY_FILE_PATH', 'YOTI_IDV_API_URL') { $null = $psi.Environment.Remove($name) }
        if (-not $NoConnection) {
            $psi.Environment['YOTI_CLIENT_SDK_ID'] = $script:Emulator.SdkId
            $psi.Environment['YOTI_KEY_FILE_PATH'] = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
            $psi.Environment['YOTI_IDV_API_URL'] = $script:Emulator.BaseUri.AbsoluteUri
        }
        [Diagnostics.Process]::Start($psi)
    }

    function script:Invoke-ArchiveJob([string] $InputPath, [string] $Destination, [string] $LogPath, [switch] $NoConnection) {
        $script = Join-Path $script:RepoRoot 'docs/examples/Scheduled-SessionArchive.ps1'
        $p = Start-ChildPwsh @('-File', $script, '-InputPath', $InputPath, '-Destination', $Destination, '-LogPath', $LogPath, '-Module', $env:YOTIIDV_TEST_MANIFEST) -NoConnection:$NoConnection
        $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit(120000)) { $p.Kill(); throw 'The scheduled example did not finish within 2 minutes.' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out.Result + $err.Result }
    }
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Save-YotiSession: a run killed with SIGKILL midway' {
    It 'leaves no partial file under a final name, and the next run completes every archive' {
        $destination = Join-Path $script:WorkDir 'killed'
        $ids = @($script:Emulator.SessionIds)
        # Slow media answers, so that the kill lands while files are being written.
        $slow = $script:Emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Slow([timespan]::FromMilliseconds(40), 64, '*/media/*', $null))
        $idsFile = Join-Path $script:WorkDir 'kill-ids.txt'
        Set-Content -Path $idsFile -Value $ids
        $command = "Import-Module '$env:YOTIIDV_TEST_MANIFEST'; Get-Content '$idsFile' | Save-YotiSession -Destination '$destination' -ThrottleLimit 4 -WarningAction SilentlyContinue | Out-Null"
        $child = Start-ChildPwsh @('-Command', $command)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            $midway = $false
            while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                $written = @(Get-ChildItem -Path $destination -Recurse -File -Force -ErrorAction SilentlyContinue)
                if (@($written | Where-Object Name -like '*.yotipart').Count -gt 0 -and @($written | Where-Object Name -like '*.jpg').Count -ge 3) { $midway = $true; break }
                Start-Sleep -Milliseconds 20
            }
            $midway | Should -BeTrue -Because 'the child must be killed while it is writing files'
        }
        finally {
            $child.Kill() # SIGKILL on Linux and macOS: no finally block, no clean-up in the child
            $null = $child.WaitForExit(10000)
        }
        $null = $script:Emulator.RemoveFault($slow)

        # Whatever is under a final name is whole: byte for byte what the emulator serves.
        $final = @(Get-ChildItem -Path $destination -Recurse -File | Where-Object { $_.Directory.Name -eq 'media' })
        $final.Count | Should -BeGreaterThan 0
        foreach ($file in $final) {
            $mediaId = ($file.BaseName -split '_')[-1]
            $sample = Get-ChildItem -Path $script:SampleMedia -Filter "$mediaId.*" | Select-Object -First 1
            (Get-FileHash $file.FullName).Hash | Should -Be (Get-FileHash $sample.FullName).Hash -Because "$($file.Name) is under its final name"
        }

        $results = @($ids | Save-YotiSession -Destination $destination -WarningAction SilentlyContinue)
        $results.Count | Should -Be $ids.Count
        $results | Where-Object { -not $_.Complete } | Should -BeNullOrEmpty
        $tests = @(Get-ChildItem -Path $destination -Directory | Test-YotiSessionArchive)
        $tests.Count | Should -Be $ids.Count
        $tests | Where-Object { -not $_.Valid } | ForEach-Object { "$($_.SessionId): $($_.Problems)" } | Should -BeNullOrEmpty
        @(Get-ChildItem -Path $destination -Recurse -File -Force | Where-Object Name -like '*.yotipart') | Should -BeNullOrEmpty
    }
}

Describe 'Test-YotiSessionArchive from the pipeline' {
    It 'takes folders from Get-ChildItem -Directory and reports a folder that is not an archive' {
        $destination = Join-Path $script:WorkDir 'pipeline'
        $null = Save-YotiSession -SessionId $script:DoneId, $script:SeedId -Destination $destination -WarningAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path (Join-Path $destination 'not-an-archive')
        $results = @(Get-ChildItem -Path $destination -Directory | Sort-Object Name | Test-YotiSessionArchive)
        $results.Count | Should -Be 3
        @($results | Where-Object Valid).SessionId | Sort-Object | Should -Be (@($script:DoneId, $script:SeedId) | Sort-Object)
        $bad = $results | Where-Object { -not $_.Valid }
        $bad.Problems[0].Problem | Should -Be 'ManifestUnreadable'
        ($results | Format-Table | Out-String -Width 80) -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'The scheduled archive example (docs/examples/Scheduled-SessionArchive.ps1)' {
    It 'archives the completed sessions, skips the others, and exits 0' {
        $in = Join-Path $script:WorkDir 'today.csv'
        $destination = Join-Path $script:WorkDir 'job'
        $log = Join-Path $script:WorkDir 'job-log.csv'
        @($script:DoneId, $script:OngoingId, $script:SeedId, $script:ExpiredId) | ForEach-Object { [pscustomobject]@{ session_id = $_ } } |
            Export-Csv $in -NoTypeInformation
        $run = Invoke-ArchiveJob $in $destination $log
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $rows = Import-Csv $log
        $rows.SessionId | Should -Be @($script:DoneId, $script:OngoingId, $script:SeedId, $script:ExpiredId)
        $rows.Status | Should -Be @('Archived', 'Skipped', 'Archived', 'Skipped')
        $rows[0].MediaSaved | Should -Be '21'
        $rows[2].MediaUnavailable | Should -Be '1'
        (Test-YotiSessionArchive -Path (Join-Path $destination $script:DoneId)).Valid | Should -BeTrue

        # Again: nothing to download, still 0.
        $before = $script:Emulator.Stats.RequestsReceived
        (Invoke-ArchiveJob $in $destination $log).ExitCode | Should -Be 0
        ($script:Emulator.Stats.RequestsReceived - $before) | Should -Be 4 -Because 'a second run reads each session once and downloads nothing'
    }

    It 'exits 1 when a session cannot be archived, and still logs every row' {
        $in = Join-Path $script:WorkDir 'bad.txt'
        $log = Join-Path $script:WorkDir 'bad-log.csv'
        Set-Content -Path $in -Value @($script:DoneId, $script:UnknownId)
        $run = Invoke-ArchiveJob $in (Join-Path $script:WorkDir 'job-bad') $log
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $rows = Import-Csv $log
        $rows.Status | Should -Be @('Archived', 'Error')
        $rows[1].Message | Should -Match '^YotiSessionNotFound'
    }

    It 'exits 2 when it cannot run at all' {
        $in = Join-Path $script:WorkDir 'noconn.txt'
        Set-Content -Path $in -Value $script:DoneId
        $run = Invoke-ArchiveJob $in (Join-Path $script:WorkDir 'job-none') (Join-Path $script:WorkDir 'none.csv') -NoConnection
        $run.ExitCode | Should -Be 2 -Because $run.Output
        $run.Output | Should -Match 'YotiNotConnected|Not connected'
    }
}
