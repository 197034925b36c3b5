# The leak sweep (CONVENTIONS §12): every command, succeeding and failing, with every stream captured as text,
# must never show the PEM key, an X-Yoti-Auth-Digest, a nonce, a client session token or a ComplyAdvantage api key.
# The nonces and digests are the exact values the emulator received for that command (RequestLog), looked
# for as they are, in Base64 and URL-encoded, whatever the text around them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:KeyFile = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-leak-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:Work

    $pemLines = (Get-Content $script:KeyFile) | Where-Object { $_ -and $_ -notmatch '-----' }
    $script:Secrets = @($pemLines | Select-Object -First 5) + @(
        'ca_live_9f2c4e71b0d84a6fa2e3'               # api_key in the watchlist sample session
        '3362439e-fb33-4ac9-a607-896964717ee8'       # client_session_token in the ongoing sample session
    )

    # Everything a command writes, on every stream, as text, with the outputs shown in full.
    function script:Get-AllText {
        param([scriptblock] $Command)
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ErrorActionPreference = 'Continue'
        $text = & $Command *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
            elseif ($_ -is [string] -or $_ -is [System.Management.Automation.InformationalRecord]) { "$_" }
            else { $_ | Format-List * | Out-String; $_ | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue }
        } | Out-String
        $text
    }

    # Each secret as is, as the Base64 of its UTF-8 bytes, and URL-encoded.
    function script:Get-SecretForms([string[]] $Values) {
        foreach ($value in $Values | Where-Object { $_ }) {
            $value
            [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($value))
            [Uri]::EscapeDataString($value)
        }
    }

    # The first form of one of the secrets that the text contains, or nothing.
    function script:Find-Secret([string] $Text, [string[]] $Values) {
        Get-SecretForms $Values | Where-Object { $Text.Contains($_) } | Select-Object -First 1
    }

    # No secret of the fixtures and none of the nonces and digests the emulator received since the last check.
    function script:Assert-NoSecret {
        param([string] $Text)
        $Text.Length | Should -BeGreaterThan 0
        $seen = @($script:Emulator.RequestLog)
        $script:Emulator.ClearRequestLog()
        $found = Find-Secret $Text (@($script:Secrets) + @($seen.Nonce) + @($seen.Digest))
        $found | Should -BeNullOrEmpty -Because 'no output may contain a key, token, nonce or digest in any form'
        $Text | Should -Not -Match '-----BEGIN'
        $Text | Should -Not -Match 'nonce=[0-9a-fA-F]{8}-'
        # An RSA-2048 digest is 344 Base64 characters.
        $Text | Should -Not -Match '[A-Za-z0-9+/]{300,}={0,2}'
    }
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'No secret in any stream of any command' {
    BeforeEach {
        Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $script:KeyFile -ApiUrl $script:Emulator.BaseUri
        $script:Emulator.ClearRequestLog()
    }

    It 'looks for the exact nonces and digests the server saw, in every form' {
        $text = Get-AllText { Get-YotiSession 52098976-42d0-4051-a80f-7fc3438e4d9e }
        $seen = @($script:Emulator.RequestLog)
        $seen.Count | Should -Be 1
        $seen[0].Nonce | Should -Match '^[0-9a-f]{8}-'
        $seen[0].Digest.Length | Should -Be 344
        foreach ($form in Get-SecretForms $seen[0].Nonce, $seen[0].Digest) {
            Find-Secret "GET /sessions/… Nonce: $form" @($seen[0].Nonce, $seen[0].Digest) | Should -Not -BeNullOrEmpty
        }
        Assert-NoSecret $text
    }

    It 'Connect-YotiIdv with a file, a string key, -PassThru, and a bad key' {
        Assert-NoSecret (Get-AllText { Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $script:KeyFile -ApiUrl $script:Emulator.BaseUri -PassThru })
        Assert-NoSecret (Get-AllText { Connect-YotiIdv -SdkId $script:Emulator.SdkId -PrivateKey (Get-Content -Raw $script:KeyFile) -ApiUrl $script:Emulator.BaseUri -PassThru })
        $broken = Join-Path $script:Work 'broken.pem'
        (Get-Content -Raw $script:KeyFile).Substring(0, 400) + "`n-----END RSA PRIVATE KEY-----" | Set-Content $broken
        Assert-NoSecret (Get-AllText { try { Connect-YotiIdv -SdkId x -KeyFilePath $broken } catch { $_ } })
        Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $script:KeyFile -ApiUrl $script:Emulator.BaseUri
        Assert-NoSecret (Get-AllText { Get-YotiIdvConnection })
    }

    It 'Get-YotiSession, found, not found and rejected, for sessions holding secrets' {
        $text = Get-AllText { $script:Emulator.SessionIds | Get-YotiSession }
        Assert-NoSecret $text
        # The sweep sees the debug stream, where the headers are shown redacted, and the sessions in full.
        $text | Should -Match 'X-Yoti-Auth-Digest: \*\*\*'
        $text | Should -Match 'nonce=\*\*\*'
        $text | Should -Match 'HasApiKey|HasClientSessionToken'
        Assert-NoSecret (Get-AllText { Get-YotiSession '00000000-0000-4000-8000-000000000000', 'bad/id' })
        $null = $script:Emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Status(503, '*', 2, $null))
        Assert-NoSecret (Get-AllText { Get-YotiSession 2ecda766-e295-4a91-980f-bb5fcb504799 -MaxRetries 1 })
        $script:Emulator.ClearFaults()
    }

    It 'every command with a key the emulator does not know' {
        $other = Join-Path $script:Work 'other.pem'
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        Set-Content -Path $other -Value $rsa.ExportPkcs8PrivateKeyPem()
        Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $other -ApiUrl $script:Emulator.BaseUri
        Assert-NoSecret (Get-AllText { Get-YotiSession e36241c0-7098-407f-a4a5-39b82fb54e31 })
        Assert-NoSecret (Get-AllText { Get-YotiCheckBreakdown -SessionId 2ecda766-e295-4a91-980f-bb5fcb504799 })
        Assert-NoSecret (Get-AllText { Get-YotiIdentityProfileReport -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 })
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -MediaId 6e91467a-0998-4868-b9ac-703006f3500d })
    }

    It 'Get-YotiCheckBreakdown, Get-YotiIdentityProfileReport, Get-YotiMedia and ConvertFrom-YotiDocumentFields' {
        Assert-NoSecret (Get-AllText { $script:Emulator.SessionIds | Get-YotiCheckBreakdown })
        Assert-NoSecret (Get-AllText { $script:Emulator.SessionIds | Get-YotiIdentityProfileReport })
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -MediaId 6e91467a-0998-4868-b9ac-703006f3500d | ConvertFrom-YotiDocumentFields })
        Assert-NoSecret (Get-AllText { Get-YotiSession 2ecda766-e295-4a91-980f-bb5fcb504799 | Get-YotiMedia -All -Destination $script:Work -PassThru })
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId 2ecda766-e295-4a91-980f-bb5fcb504799 -MediaId 00000000-0000-4000-8000-000000000000 })
        $archive = Join-Path $script:Work 'archive'
        Assert-NoSecret (Get-AllText { $script:Emulator.SessionIds | Save-YotiSession -Destination $archive })
        Assert-NoSecret (Get-AllText { Get-ChildItem $archive -Directory | Test-YotiSessionArchive })
    }

    It 'the emulator commands and Disconnect-YotiIdv' {
        Assert-NoSecret (Get-AllText { $e = Start-YotiIdvEmulator; $e; Stop-YotiIdvEmulator -Emulator $e })
        Assert-NoSecret ((Get-AllText { Disconnect-YotiIdv }) + ' ')
    }
}
