BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-remove-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    # Complete archives of every sample session, to delete from.
    $script:Saved = @($script:Emulator.SessionIds | Save-YotiSession -Destination $script:WorkDir -WarningAction SilentlyContinue -ErrorAction SilentlyContinue |
        Where-Object Complete)
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Remove-YotiSession -RequireArchive' {
    BeforeEach { $script:Emulator.ClearRequestLog() }

    It 'deletes a session whose archive verifies' {
        $script:Saved.Count | Should -BeGreaterOrEqual 3
        $id = $script:Saved[0].SessionId
        Remove-YotiSession -SessionId $id -RequireArchive $script:WorkDir -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 0
        $script:Emulator.CountRequests('DELETE') | Should -Be 1
        $script:Emulator.CountRequests('DELETE', "/sessions/$id") | Should -Be 1
    }

    It 'refuses a session with no archive there: an error, no DELETE' {
        $id = $script:Saved[1].SessionId
        $empty = Join-Path $script:WorkDir 'empty'
        $null = New-Item -ItemType Directory -Path $empty
        Remove-YotiSession -SessionId $id -RequireArchive $empty -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $script:Emulator.CountRequests('DELETE') | Should -Be 0
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'YotiArchiveRequired,*'
        $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failed[0].TargetObject | Should -Be $id
    }

    It 'refuses a session whose archive has a flipped byte, and goes on with the next one' {
        $bad = $script:Saved[1]
        $good = $script:Saved[2]
        $file = Join-Path $bad.Path 'session.json'
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[10] = $bytes[10] -bxor 1
        [IO.File]::WriteAllBytes($file, $bytes)
        $bad.SessionId, $good.SessionId | Remove-YotiSession -RequireArchive $script:WorkDir -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'YotiArchiveRequired,*'
        $failed[0].Exception.Message | Should -BeLike '*does not verify*session.json*'
        $script:Emulator.CountRequests('DELETE') | Should -Be 1
        $script:Emulator.CountRequests('DELETE', "/sessions/$($good.SessionId)") | Should -Be 1
        $script:Emulator.CountRequests('DELETE', "/sessions/$($bad.SessionId)") | Should -Be 0
    }

    It 'sends nothing with -WhatIf even when the archive verifies' {
        $id = $script:Saved[2].SessionId
        Remove-YotiSession -SessionId $id -RequireArchive $script:WorkDir -WhatIf
        $script:Emulator.CountRequests('DELETE') | Should -Be 0
    }
}
