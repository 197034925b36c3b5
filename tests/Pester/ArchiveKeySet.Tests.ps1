# The report's key set saved in a session archive (issue #15 item 6): fetched once from the trusted origin while
# archiving, listed and checked like any other file, and used offline by Test-YotiIdentityProfileReport -Path.
BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('yoti-keyset-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:Emulator = Start-YotiIdvEmulator -Connect
}

AfterAll {
    Stop-YotiIdvEmulator -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Save-YotiSession saves the report''s key set' {
    It 'lists keys/(kid).jwks in the manifest, and a second run fetches nothing' {
        $script:Result = Save-YotiSession -SessionId $script:DoneId -Destination $script:WorkDir -WarningAction SilentlyContinue
        $script:Folder = $script:Result.Path
        $manifest = Get-Content -Raw (Join-Path $script:Folder 'manifest.json') | ConvertFrom-Json
        $manifest.format | Should -Be 'yotiidv-session-archive/1'
        @($manifest.key_sets).Count | Should -Be 1
        $k = $manifest.key_sets[0]
        $k.path | Should -Be "keys/$($k.kid).jwks"
        $k.url | Should -BeLike "$($script:Emulator.BaseUri.GetLeftPart('Authority'))*"
        $file = Join-Path $script:Folder $k.path
        (Get-Item $file).Length | Should -Be $k.length
        (Get-FileHash $file -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $k.sha256
        $k.retrieved_at | Should -Not -BeNullOrEmpty
        @($script:Emulator.RequestLog | Where-Object { $_.Method -eq 'GET' -and $k.url.EndsWith($_.Path) -and $_.Path -like '/keys/*' }).Count | Should -Be 1
        (Test-YotiSessionArchive $script:Folder).Valid | Should -BeTrue

        $script:Emulator.ClearRequestLog()
        $again = Save-YotiSession -SessionId $script:DoneId -Destination $script:WorkDir -WarningAction SilentlyContinue
        $again.Written | Should -BeFalse
        @($script:Emulator.RequestLog | Where-Object Path -like '/keys/*').Count | Should -Be 0
    }

    It 'verifies the archived report offline with the saved key set (KeySource Archive)' {
        Stop-YotiIdvEmulator
        $r = Test-YotiIdentityProfileReport -Path $script:Folder
        $r.Verified | Should -BeTrue
        $r.KeySource | Should -Be 'Archive'
        $r.SessionId | Should -Be $script:DoneId
        $r.Path | Should -Be $script:Folder
    }

    It 'finds a changed key set: Test-YotiSessionArchive reports it, the report is not checked with it' {
        $manifest = Get-Content -Raw (Join-Path $script:Folder 'manifest.json') | ConvertFrom-Json
        $file = Join-Path $script:Folder $manifest.key_sets[0].path
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[5] = $bytes[5] -bxor 1
        [IO.File]::WriteAllBytes($file, $bytes)
        $t = Test-YotiSessionArchive $script:Folder
        $t.Valid | Should -BeFalse
        @($t.Problems | Where-Object { $_.Path -eq $manifest.key_sets[0].path -and $_.Problem -eq 'Corrupt' }).Count | Should -Be 1
        $r = Test-YotiIdentityProfileReport -Path $script:Folder -ErrorVariable failed -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
    }
}
