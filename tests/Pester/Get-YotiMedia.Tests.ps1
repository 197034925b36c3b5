BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:WorkDir = $TestDrive
}

AfterAll { Stop-YotiIdvEmulator }

Describe 'Get-YotiMedia and ConvertFrom-YotiDocumentFields contracts' {
    It '<Command> has exactly the parameters <Expected>' -TestCases @(
        @{ Command = 'Get-YotiMedia'; Expected = 'All Connection Destination Force MaxRetries MediaId OutFile PassThru Session SessionId SkipExisting ThrottleLimit TimeoutSec' }
        @{ Command = 'ConvertFrom-YotiDocumentFields'; Expected = 'InputObject Json Path' }
    ) {
        $skip = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $actual = @((Get-Command $Command).Parameters.Keys | Where-Object { $skip -notcontains $_ } | Sort-Object) -join ' '
        $actual | Should -BeExactly $Expected
    }

    It 'declares both output types' {
        (Get-Command Get-YotiMedia).OutputType.Name | Should -Be @('YotiIdv.Model.YotiMediaContent', 'YotiIdv.Model.YotiMediaFile')
    }
}

Describe 'Get-YotiMedia against the emulator' {
    It 'downloads every media of a piped session once, with -WhatIf writing nothing' {
        $dest = Join-Path $script:WorkDir 'evidence'
        $session = Get-YotiSession $script:DoneId
        $script:Emulator.ClearRequestLog()
        $session | Get-YotiMedia -All -Destination $dest -WhatIf
        Test-Path $dest | Should -BeFalse
        @($script:Emulator.RequestLog).Count | Should -Be 0 -Because '-WhatIf downloads nothing'

        $files = $session | Get-YotiMedia -All -Destination $dest -PassThru
        # Once: one request per distinct media item, none for the piped session.
        $paths = @($script:Emulator.RequestLog.Path)
        $paths | Should -HaveCount ($paths | Sort-Object -Unique).Count
        ($paths | ForEach-Object { $_.Split('/')[4] } | Sort-Object) | Should -Be ($session.GetAllMedia().MediaId | Sort-Object -Unique)
        $expected = $session.GetAllMedia().MediaId | Sort-Object
        ($files.MediaId | Sort-Object) | Should -Be $expected
        (Get-ChildItem -Recurse -File $dest).Count | Should -Be $expected.Count
        $files | Get-FileHash | Should -HaveCount $expected.Count
        $files | Select-Object Kind, Name, MediaType, Length | Export-Csv (Join-Path $script:WorkDir 'index.csv') -NoTypeInformation
        (Import-Csv (Join-Path $script:WorkDir 'index.csv')).Count | Should -Be $expected.Count
    }

    It 'downloads only what is new with -SkipExisting, without errors, when a job runs again' {
        $dest = Join-Path $script:WorkDir 'nightly'
        $session = Get-YotiSession $script:SeedId
        $first = $session | Get-YotiMedia -All -Destination $dest -PassThru -ErrorAction SilentlyContinue
        $first.Count | Should -BeGreaterThan 5
        Remove-Item $first[0].Path
        $again = $session | Get-YotiMedia -All -Destination $dest -SkipExisting -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1
        $files = @($again | Where-Object { $_ -is [YotiIdv.Model.YotiMediaFile] })
        $skipped = @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped:*' })
        $files.MediaId | Should -Be $first[0].MediaId
        $skipped.Count | Should -Be ($first.Count - 1)
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'YotiOutputFileExists*' }).Count | Should -Be 0
        { Get-YotiMedia $script:SeedId -All -Destination $dest -SkipExisting -Force } |
            Should -Throw -ErrorId 'YotiInvalidParameterCombination,YotiIdv.Commands.GetYotiMediaCommand'
    }

    It 'stops every download when the pipeline ends early (Select-Object -First), leaving no partial file' {
        $dest = Join-Path $script:WorkDir 'first-only'
        $slow = [YotiIdv.Emulator.YotiIdvFault]::Latency([timespan]::FromMilliseconds(300), '*/media/*', $null)
        $emulator = Start-YotiIdvEmulator
        try {
            $null = $emulator.AddFault($slow)
            $key = Join-Path $emulator.DataPath 'keys/test-only-private-key.pem'
            $connection = [YotiIdv.Http.YotiConnection]::FromKeyFile($emulator.SdkId, $key, $emulator.BaseUri.AbsoluteUri, $null)  # not made current
            $null = Get-YotiMedia -SessionId $script:DoneId -All -Destination $dest -PassThru -ThrottleLimit 2 -Connection $connection | Select-Object -First 1
            $files = @(Get-ChildItem -Recurse -File $dest).Count
            Start-Sleep -Seconds 2
            @(Get-ChildItem -Recurse -File $dest).Count | Should -Be $files
            @(Get-ChildItem -Recurse -File $dest -Filter *.yotipart).Count | Should -Be 0
            $files | Should -BeLessThan 5
        }
        finally {
            Stop-YotiIdvEmulator -Emulator $emulator
        }
    }

    It 'says once, before any download, that a -Destination which is a file cannot be used' {
        $file = Join-Path $script:WorkDir 'not-a-folder.json'
        Set-Content -Path $file -Value '{}'
        $script:Emulator.ClearRequestLog()
        $errors = @(try { Get-YotiMedia $script:DoneId -All -Destination $file 2>&1 } catch { $_ })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'YotiInvalidOutputPath,YotiIdv.Commands.GetYotiMediaCommand'
        $errors[0].Exception.Message | Should -BeLike '*is a file*'
        @($script:Emulator.RequestLog).Count | Should -Be 0 -Because 'nothing is requested before the error'
    }

    It 'does not overwrite without -Force, and -ErrorAction Stop makes it terminating' {
        $file = Join-Path $script:WorkDir 'page.jpg'
        Set-Content -Path $file -Value 'mine'
        { Get-YotiMedia $script:SeedId 0cb9158b-7940-49af-a72c-bf2f9711c154 -OutFile $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'YotiOutputFileExists,YotiIdv.Commands.GetYotiMediaCommand'
        Get-Content $file | Should -Be 'mine'
    }

    It 'resolves relative paths against the current location' {
        Push-Location $script:WorkDir
        try {
            $f = Get-YotiMedia $script:SeedId 323eda4e-c32a-4d4b-9ee9-1fbfe9701000 -OutFile ./id-photo.png -PassThru
            $f.Path | Should -Be (Join-Path $script:WorkDir 'id-photo.png')
            $f.MediaType | Should -Be 'image/png'
        }
        finally { Pop-Location }
    }

    It 'reads document fields from media, JSON and files' {
        $media = Get-YotiMedia $script:DoneId 6e91467a-0998-4868-b9ac-703006f3500d
        ($media | ConvertFrom-YotiDocumentFields).FullName | Should -Be 'AMELIA ROSE HARTLEY'
        $json = [Text.Encoding]::UTF8.GetString($media.Content)
        (ConvertFrom-YotiDocumentFields -Json $json).DocumentNumber | Should -Be '541872396'
        $saved = Get-YotiMedia $script:DoneId 6e91467a-0998-4868-b9ac-703006f3500d -OutFile (Join-Path $script:WorkDir 'fields.json') -PassThru
        ($saved | ConvertFrom-YotiDocumentFields).Mrz.Type | Should -Be '2'
        (Get-Item $saved.Path | ConvertFrom-YotiDocumentFields).ExpirationDate | Should -Be '2032-09-03'
        ConvertFrom-YotiDocumentFields -Json '[1]' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'YotiInvalidDocumentFields,YotiIdv.Commands.ConvertFromYotiDocumentFieldsCommand'
    }

    It 'renders the default views of its output types' {
        $media = Get-YotiMedia $script:SeedId 0cb9158b-7940-49af-a72c-bf2f9711c154
        $table = $media | Format-Table | Out-String -Width 200
        $table | Should -Match '0cb9158b-7940-49af-a72c-bf2f9711c154'
        $table | Should -Match 'image/jpeg'
        $table | Should -Not -Match 'System\.Byte'
        $file = Get-YotiMedia $script:SeedId 0cb9158b-7940-49af-a72c-bf2f9711c154 -OutFile (Join-Path $script:WorkDir 'view.jpg') -PassThru -Force
        ($file | Format-Table | Out-String -Width 200) | Should -Match 'view\.jpg'
    }
}
