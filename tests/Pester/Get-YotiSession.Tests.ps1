BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-pester-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:WorkDir
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Get-YotiSession parameters' {
    It 'has exactly the documented parameters' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $names = (Get-Command Get-YotiSession).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
        $names | Should -Be (@('Connection', 'LiteralPath', 'MaxRetries', 'Path', 'Raw', 'SessionId', 'ThrottleLimit', 'TimeoutSec') | Sort-Object)
    }

    It 'binds SessionId by value and by the property names SessionId, Id and session_id' {
        $p = (Get-Command Get-YotiSession).Parameters['SessionId']
        $p.Aliases | Should -Contain 'Id'
        $p.Aliases | Should -Contain 'session_id'
        $p.Attributes.Where({ $_ -is [Parameter] }).ValueFromPipeline | Should -Contain $true
        $p.Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -Contain $true
    }
}

Describe 'Get-YotiSession against the emulator' {
    It 'takes Import-Csv rows, filters with Where-Object and exports with Export-Csv' {
        $ids = Get-YotiSession -Path (Join-Path $script:Emulator.DataPath 'sessions/*.json') | ForEach-Object SessionId
        $ids.Count | Should -Be 12
        $csvIn = Join-Path $script:WorkDir 'ids.csv'
        $ids | ForEach-Object { [pscustomobject]@{ session_id = $_; note = 'from the CRM' } } | Export-Csv -Path $csvIn -NoTypeInformation

        $csvOut = Join-Path $script:WorkDir 'report.csv'
        Import-Csv $csvIn | Get-YotiSession | Where-Object State -eq 'COMPLETED' |
            Select-Object SessionId, State | Export-Csv -Path $csvOut -NoTypeInformation

        $rows = Import-Csv $csvOut
        $rows.Count | Should -Be 10
        $rows.State | Sort-Object -Unique | Should -Be 'COMPLETED'
        $rows.SessionId | Should -Contain $script:SeedId
        Get-Content -Raw $csvOut | Should -Not -Match 'System\.'
    }

    It 'binds CSV columns named Id and SessionId too' {
        @([pscustomobject]@{ Id = $script:SeedId }, [pscustomobject]@{ SessionId = $script:SeedId }) |
            Get-YotiSession | ForEach-Object SessionId | Should -Be @($script:SeedId, $script:SeedId)
    }

    It 'writes one error per bad id with a stable id, category and target, and goes on' {
        $out = 'not/a/uuid', '00000000-0000-4000-8000-000000000000', $script:SeedId |
            Get-YotiSession -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be $script:SeedId
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'YotiInvalidSessionId,YotiIdv.Commands.GetYotiSessionCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'not/a/uuid'
        $errs[1].FullyQualifiedErrorId | Should -Be 'YotiSessionNotFound,YotiIdv.Commands.GetYotiSessionCommand'
        $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[1].TargetObject | Should -Be '00000000-0000-4000-8000-000000000000'
    }

    It 'turns a per-session error into a terminating one with -ErrorAction Stop' {
        { Get-YotiSession '00000000-0000-4000-8000-000000000000' -ErrorAction Stop } |
            Should -Throw -ErrorId 'YotiSessionNotFound,YotiIdv.Commands.GetYotiSessionCommand'
    }

    It 're-fetches a piped session object by its SessionId property' {
        (Get-YotiSession $script:SeedId | Get-YotiSession).SessionId | Should -Be $script:SeedId
    }

    It 'returns the JSON text as received with -Raw' {
        $raw = Get-YotiSession $script:SeedId -Raw
        $raw | Should -BeOfType [string]
        ($raw | ConvertFrom-Json).session_id | Should -Be $script:SeedId
    }

    It 'uses an explicit -Connection even when the session is not connected' {
        $key = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
        $connection = Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $key -ApiUrl $script:Emulator.BaseUri -PassThru
        Disconnect-YotiIdv
        try {
            (Get-YotiSession $script:SeedId -Connection $connection).SessionId | Should -Be $script:SeedId
        }
        finally {
            Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $key -ApiUrl $script:Emulator.BaseUri
        }
    }

    It 'falls back to the YOTI_* environment variables when not connected' {
        Disconnect-YotiIdv
        $env:YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
        $env:YOTI_KEY_FILE_PATH = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
        $env:YOTI_IDV_API_URL = $script:Emulator.BaseUri.AbsoluteUri
        try {
            (Get-YotiSession $script:SeedId).SessionId | Should -Be $script:SeedId
            (Get-YotiIdvConnection).KeySource | Should -Match 'Environment'
        }
        finally {
            Remove-Item Env:YOTI_CLIENT_SDK_ID, Env:YOTI_KEY_FILE_PATH, Env:YOTI_IDV_API_URL
            Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath (Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem') -ApiUrl $script:Emulator.BaseUri
        }
    }
}

Describe 'Connect-YotiIdv key handling' {
    It 'reads a relative YOTI_KEY_FILE_PATH from the current PowerShell location' {
        $env:YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
        $env:YOTI_KEY_FILE_PATH = './test-only-private-key.pem'
        Push-Location (Join-Path $script:Emulator.DataPath 'keys')
        try {
            $c = Connect-YotiIdv -FromEnvironment -ApiUrl $script:Emulator.BaseUri -PassThru
            $c.KeySource | Should -BeLike "*$([IO.Path]::DirectorySeparatorChar)keys$([IO.Path]::DirectorySeparatorChar)test-only-private-key.pem*"
            (Get-YotiSession $script:SeedId).SessionId | Should -Be $script:SeedId
        }
        finally {
            Pop-Location
            Remove-Item Env:YOTI_CLIENT_SDK_ID, Env:YOTI_KEY_FILE_PATH
        }
    }

    It 'accepts the key as a string or SecureString and never shows it' {
        $pem = Get-Content -Raw (Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem')
        $c = Connect-YotiIdv -SdkId $script:Emulator.SdkId -PrivateKey $pem -ApiUrl $script:Emulator.BaseUri -PassThru
        $c.KeySource | Should -Be 'SecureString'
        ($c | Format-List * | Out-String) | Should -Not -Match 'PRIVATE KEY'
        ($c | ConvertTo-Json -Depth 5) | Should -Not -Match ($pem.Split("`n")[1].Substring(0, 20))
        (Get-YotiSession $script:SeedId).SessionId | Should -Be $script:SeedId
    }

    It 'refuses a plain-HTTP API URL that is not loopback' {
        { Connect-YotiIdv -SdkId x -KeyFilePath (Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem') -ApiUrl 'http://api.yoti.com/idverify/v1' } |
            Should -Throw -ErrorId 'YotiInvalidConnection,YotiIdv.Commands.ConnectYotiIdvCommand'
    }

    It 'refuses an encrypted key with a terminating YotiInvalidKey error that names the problem' {
        $file = Join-Path $script:WorkDir 'encrypted.pem'
        "-----BEGIN ENCRYPTED PRIVATE KEY-----`nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI`n-----END ENCRYPTED PRIVATE KEY-----" | Set-Content $file
        { Connect-YotiIdv -SdkId x -KeyFilePath $file } | Should -Throw -ErrorId 'YotiInvalidKey,YotiIdv.Commands.ConnectYotiIdvCommand' -ExpectedMessage '*encrypted*'
    }

    It 'refuses a key file that does not exist' {
        { Connect-YotiIdv -SdkId x -KeyFilePath (Join-Path $script:WorkDir 'missing.pem') } | Should -Throw -ErrorId 'YotiInvalidKey,YotiIdv.Commands.ConnectYotiIdvCommand'
    }
}
