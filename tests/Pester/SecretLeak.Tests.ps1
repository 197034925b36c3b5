# The leak sweep (CONVENTIONS §12): every exported command, succeeding and failing (401, 500, a 503 retried), with
# every stream captured as text, must never show the PEM key (any line of its body, the whole body, the private
# RSA numbers), an X-Yoti-Auth-Digest, a nonce, a client session token, a ComplyAdvantage api key or a
# notification auth token. The nonces and digests are the exact values the emulator received for that command
# (RequestLog), looked for as they are, in Base64, base64url and URL-encoded, whatever the text around them. The last test
# fails when an exported command is not run inside this file's sweep; progress records are read from a runspace of their own.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Module = Import-YotiIdvTestModule
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:KeyFile = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-leak-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:Work

    # The key material of a PEM file: every line of its body, the whole body, and the private RSA numbers in
    # Base64 and hex (lines shorter than 40 characters are left out: they could match by chance).
    function script:Get-KeyMaterial([string] $Path) {
        $body = @((Get-Content -LiteralPath $Path) | Where-Object { $_ -and $_ -notmatch '-----' })
        $body | Where-Object Length -ge 40
        $body -join ''
        $body -join "`n"
        $rsa = [System.Security.Cryptography.RSA]::Create()
        $rsa.ImportFromPem((Get-Content -Raw -LiteralPath $Path))
        $parameters = $rsa.ExportParameters($true)
        foreach ($number in $parameters.D, $parameters.P, $parameters.Q, $parameters.DP, $parameters.DQ, $parameters.InverseQ) {
            [Convert]::ToBase64String($number)
            [Convert]::ToHexString($number)
            [Convert]::ToHexString($number).ToLowerInvariant()
        }
    }

    $script:KeyMaterial = @(Get-KeyMaterial $script:KeyFile)
    $script:Secrets = $script:KeyMaterial + @(
        'ca_live_9f2c4e71b0d84a6fa2e3'               # api_key in the watchlist sample session
        '3362439e-fb33-4ac9-a607-896964717ee8'       # client_session_token in the ongoing sample session
    )

    # Everything a command writes, on every stream, as text, with the outputs shown in full; a terminating error
    # is caught and shown like the others.
    function script:Get-AllText {
        param([scriptblock] $Command)
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ErrorActionPreference = 'Continue'
        $InformationPreference = 'Continue'; $ProgressPreference = 'Continue'
        $text = & { try { & $Command } catch { $_ } } *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String; "$($_.ErrorDetails)" }
            elseif ($_ -is [string] -or $_ -is [System.Management.Automation.InformationalRecord]) { "$_" }
            elseif ($_ -is [System.Management.Automation.InformationRecord]) { "$($_.MessageData) $($_.Tags)" }
            else { $_ | Format-List * | Out-String; $_ | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue }
        } | Out-String
        $text
    }

    # Each secret as is, as the Base64 and base64url of its UTF-8 bytes (without padding, so that either is
    # found), and URL-encoded.
    function script:Get-SecretForms([string[]] $Values) {
        foreach ($value in $Values | Where-Object { $_ }) {
            $value
            $base64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($value)).TrimEnd('=')
            $base64
            $base64.Replace('+', '-').Replace('/', '_')
            [Uri]::EscapeDataString($value)
        }
    }

    # The first form of one of the secrets that the text contains, or nothing.
    function script:Find-Secret([string] $Text, [string[]] $Values) {
        Get-SecretForms $Values | Where-Object { $Text.Contains($_) } | Select-Object -First 1
    }

    # No secret of the fixtures, none of -Extra and none of the nonces and digests the emulator received since
    # the last check. -AllowLongBase64: the text may hold long Base64 runs (pictures in an HTML report).
    # -Files: the text of files the command wrote, which keep the server's bodies byte for byte (with their
    # tokens), but never the key, a nonce, a digest or an -Extra secret.
    function script:Assert-NoSecret {
        param([string] $Text, [string[]] $Extra = @(), [switch] $AllowLongBase64, [string] $Files)
        $Text.Length | Should -BeGreaterThan 0
        $seen = @($script:Emulator.RequestLog)
        $script:Emulator.ClearRequestLog()
        $request = @($seen.Nonce) + @($seen.Digest)
        $found = Find-Secret $Text (@($script:Secrets) + @($Extra) + $request)
        $found | Should -BeNullOrEmpty -Because 'no output may contain a key, token, nonce or digest in any form'
        if ($PSBoundParameters.ContainsKey('Files')) {
            $Files.Length | Should -BeGreaterThan 0
            Find-Secret $Files ($script:KeyMaterial + @($Extra) + $request) | Should -BeNullOrEmpty -Because 'no file may contain a key, nonce or digest'
            $Files | Should -Not -Match '-----BEGIN'
        }
        $Text | Should -Not -Match '-----BEGIN'
        $Text | Should -Not -Match 'nonce=[0-9a-fA-F]{8}-'
        # An RSA-2048 digest is 344 Base64 characters.
        if (-not $AllowLongBase64) { $Text | Should -Not -Match '[A-Za-z0-9+/]{300,}={0,2}' }
    }

    # The command succeeding, and failing: a 500 and a 401 on every request, and a 503 once (retried). The
    # clean run comes last so that a delete still has something to fail on first; -MaxRetries 1 keeps it fast.
    function script:Assert-NoSecretAnyOutcome {
        param([scriptblock] $Command)
        $PSDefaultParameterValues = @{ '*-Yoti*:MaxRetries' = 1 }
        foreach ($fault in [YotiIdv.Emulator.YotiIdvFault]::Status(500, '*', $null, $null),
            [YotiIdv.Emulator.YotiIdvFault]::Status(401, '*', $null, $null),
            [YotiIdv.Emulator.YotiIdvFault]::Status(503, '*', 1, $null)) {
            $null = $script:Emulator.AddFault($fault)
            try { $text = Get-AllText $Command } finally { $script:Emulator.ClearFaults() }
            Assert-NoSecret $text
        }
        $text = Get-AllText $Command
        Assert-NoSecret $text
        $text
    }

    # Sends the POSTs (Authorization, Body) in order to a listener on the port, from a runspace of its own, once
    # something listens there; its output is "<status> <answer body>" per POST.
    function script:Start-NotificationSender([int] $Port, [object[]] $Posts) {
        $sender = [powershell]::Create().AddScript({
            param([int] $Port, [object[]] $Posts)
            $deadline = [DateTime]::UtcNow.AddSeconds(90) # only bounds a hang
            while ($true) {
                $probe = [Net.Sockets.TcpClient]::new()
                try { $probe.Connect([Net.IPAddress]::Loopback, $Port); break }
                catch { if ([DateTime]::UtcNow -gt $deadline) { throw "Nothing listened on $Port." }; Start-Sleep -Milliseconds 50 }
                finally { $probe.Dispose() }
            }
            $http = [Net.Http.HttpClient]::new()
            $http.Timeout = [timespan]::FromSeconds(60)
            foreach ($post in $Posts) {
                $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Post, "http://127.0.0.1:$Port/yoti/")
                $request.Content = [Net.Http.StringContent]::new($post.Body, [Text.Encoding]::UTF8, 'application/json')
                if ($post.Authorization) { $null = $request.Headers.TryAddWithoutValidation('Authorization', $post.Authorization) }
                $request.Headers.ConnectionClose = $true
                $response = $http.SendAsync($request).GetAwaiter().GetResult()
                "$([int]$response.StatusCode) $($response.Headers) $($response.Content.ReadAsStringAsync().GetAwaiter().GetResult())"
                $response.Dispose()
            }
        }).AddArgument($Port).AddArgument($Posts)
        [pscustomobject]@{ PowerShell = $sender; Handle = $sender.BeginInvoke() }
    }

    function script:New-NotificationBody([string] $SessionId) { "{`"session_id`":`"$SessionId`",`"topic`":`"session_completion`"}" }
    function script:ConvertTo-Basic([string] $Token) { 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Token)) }
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
        if (-not $IsWindows) { chmod 600 $other } # else Connect-YotiIdv warns, outside the sweep
        Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $other -ApiUrl $script:Emulator.BaseUri
        Assert-NoSecret (Get-AllText { Get-YotiSession e36241c0-7098-407f-a4a5-39b82fb54e31 })
        Assert-NoSecret (Get-AllText { Get-YotiCheckBreakdown -SessionId 2ecda766-e295-4a91-980f-bb5fcb504799 })
        Assert-NoSecret (Get-AllText { Get-YotiIdentityProfileReport -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 })
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -MediaId 6e91467a-0998-4868-b9ac-703006f3500d })
        $otherKey = @(Get-KeyMaterial $other)
        Assert-NoSecret (Get-AllText { Get-YotiSessionConfiguration dc376625-6bec-4fc8-9740-bd06f2220c65; Get-YotiTrackedDevice dc376625-6bec-4fc8-9740-bd06f2220c65 }) -Extra $otherKey
        Assert-NoSecret (Get-AllText { Get-YotiSupportedDocument; Wait-YotiSession 52098976-42d0-4051-a80f-7fc3438e4d9e -Timeout 2 -PollInterval 0.2 }) -Extra $otherKey
        Assert-NoSecret (Get-AllText { Export-YotiEvidenceReport -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -Destination (Join-Path $script:Work 'unknown-key') }) -Extra $otherKey
        Assert-NoSecret (Get-AllText { Remove-YotiMedia dc376625-6bec-4fc8-9740-bd06f2220c65 6e91467a-0998-4868-b9ac-703006f3500d -Force; Remove-YotiTrackedDevice dc376625-6bec-4fc8-9740-bd06f2220c65 -Force; Remove-YotiSession dc376625-6bec-4fc8-9740-bd06f2220c65 -Force }) -Extra $otherKey
        $script:Emulator.SessionIds | Should -Contain dc376625-6bec-4fc8-9740-bd06f2220c65
    }

    It 'Get-YotiCheckBreakdown, Get-YotiIdentityProfileReport, Get-YotiMedia and ConvertFrom-YotiDocumentFields' {
        Assert-NoSecret (Get-AllText { $script:Emulator.SessionIds | Get-YotiCheckBreakdown })
        Assert-NoSecret (Get-AllText { $script:Emulator.SessionIds | Get-YotiIdentityProfileReport })
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -MediaId 6e91467a-0998-4868-b9ac-703006f3500d | ConvertFrom-YotiDocumentFields })
        $media = Join-Path $script:Work 'media'
        $text = Get-AllText { Get-YotiSession 2ecda766-e295-4a91-980f-bb5fcb504799 | Get-YotiMedia -All -Destination $media -PassThru }
        Assert-NoSecret $text -Files (Get-ChildItem -LiteralPath $media -Recurse -File | Get-Content -Raw | Out-String)
        Assert-NoSecret (Get-AllText { Get-YotiMedia -SessionId 2ecda766-e295-4a91-980f-bb5fcb504799 -MediaId 00000000-0000-4000-8000-000000000000 })
        $archive = Join-Path $script:Work 'archive'
        $text = Get-AllText { $script:Emulator.SessionIds | Save-YotiSession -Destination $archive }
        Assert-NoSecret $text -Files (Get-ChildItem -LiteralPath $archive -Recurse -File | Get-Content -Raw | Out-String)
        Assert-NoSecret (Get-AllText { Get-ChildItem $archive -Directory | Test-YotiSessionArchive })
    }

    It 'the emulator commands and Disconnect-YotiIdv' {
        Assert-NoSecret (Get-AllText { $e = Start-YotiIdvEmulator; $e; Stop-YotiIdvEmulator -Emulator $e })
        Assert-NoSecret ((Get-AllText { Disconnect-YotiIdv }) + ' ')
    }

    It 'Get-YotiSessionConfiguration, Get-YotiTrackedDevice and Get-YotiSupportedDocument, succeeding and failing' {
        Assert-NoSecretAnyOutcome { $script:Emulator.SessionIds | Get-YotiSessionConfiguration } | Should -Match 'RequiredResources'
        Assert-NoSecretAnyOutcome { $script:Emulator.SessionIds | Get-YotiTrackedDevice } | Should -Match 'CLIENT_SESSION_TOKEN_DELETED'
        Assert-NoSecretAnyOutcome { Get-YotiSupportedDocument -IncludeNonLatin } | Should -Match 'DRIVING_LICENCE'
        Assert-NoSecret (Get-AllText { Get-YotiSessionConfiguration '00000000-0000-4000-8000-000000000000', 'bad/id' })
    }

    It 'Test-YotiIdentityProfileReport on a session, a report and a file, and a changed report' {
        $id = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
        Assert-NoSecretAnyOutcome { Get-YotiSession $id | Test-YotiIdentityProfileReport } | Should -Match 'Verified'
        $file = Join-Path $script:Work 'report.json'
        Assert-NoSecret (Get-AllText { Get-YotiIdentityProfileReport $id -OutFile $file }) -Files (Get-Content -Raw $file)
        $changed = Join-Path $script:Work 'changed.json'
        (Get-Content -Raw $file).Replace('HARTLEY', 'HARTLEX') | Set-Content $changed
        Assert-NoSecretAnyOutcome { Test-YotiIdentityProfileReport -LiteralPath $file, $changed }
        Assert-NoSecret (Get-AllText { Get-YotiIdentityProfileReport $id | Test-YotiIdentityProfileReport -Quiet })
    }

    It 'Export-YotiEvidenceReport, from the API and from an archive: its streams and the HTML it writes' {
        $reports = Join-Path $script:Work 'reports'
        # Each page as written and as a person reads it: without tags (<wbr> splits long words) and entities.
        $html = {
            Get-ChildItem -LiteralPath $reports -Filter *.html -ErrorAction SilentlyContinue | Get-Content -Raw | ForEach-Object {
                $_
                [Net.WebUtility]::HtmlDecode(($_ -replace '<[^>]*>', ''))
            }
            Remove-Item -Recurse -Force -LiteralPath $reports -ErrorAction SilentlyContinue
        }
        foreach ($outcome in 'failing', 'succeeding') {
            if ($outcome -eq 'failing') { $null = $script:Emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Status(503, '*/media/*', $null, $null)) }
            $text = Get-AllText { $script:Emulator.SessionIds | Export-YotiEvidenceReport -Destination $reports -MaxRetries 1 }
            $script:Emulator.ClearFaults()
            $files = (& $html) | Out-String
            Assert-NoSecret ($text + $files) -AllowLongBase64
            $text | Should -Not -Match '[A-Za-z0-9+/]{300,}={0,2}'
        }
        $files | Should -Match '<html'
        Assert-NoSecretAnyOutcome { Export-YotiEvidenceReport -SessionId 2ecda766-e295-4a91-980f-bb5fcb504799, 00000000-0000-4000-8000-000000000000 -Destination $reports -Force }
        Assert-NoSecret ((& $html) | Out-String) -AllowLongBase64
        $archive = Join-Path $script:Work 'export-archive'
        $null = $script:Emulator.SessionIds | Save-YotiSession -Destination $archive
        $script:Emulator.ClearRequestLog()
        $text = Get-AllText { Get-ChildItem $archive -Directory | Export-YotiEvidenceReport -Destination $reports }
        Assert-NoSecret ($text + ((& $html) | Out-String)) -AllowLongBase64
    }

    It 'Wait-YotiSession, done, failing, and timing out on a session that stays ongoing' {
        Assert-NoSecretAnyOutcome { Wait-YotiSession 52098976-42d0-4051-a80f-7fc3438e4d9e -Timeout 5 -PollInterval 0.2 } | Should -Match 'COMPLETED'
        $script:Emulator.SetSessionState('2ecda766-e295-4a91-980f-bb5fcb504799', 'ONGOING')
        try {
            $text = Get-AllText { Wait-YotiSession 2ecda766-e295-4a91-980f-bb5fcb504799 -Timeout 1 -PollInterval 0.2 }
            $text | Should -Match 'ONGOING|Timeout|timed out'
            Assert-NoSecret $text
        }
        finally { $script:Emulator.Reload() }
    }

    It 'Remove-YotiMedia, Remove-YotiTrackedDevice and Remove-YotiSession, refused, failing and done' {
        try {
            # -WhatIf writes to the host, not to a stream: the check is that nothing else is written.
            Assert-NoSecret ((Get-AllText { Remove-YotiSession -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -WhatIf }) + ' ')
            Assert-NoSecretAnyOutcome { Remove-YotiMedia -SessionId dc376625-6bec-4fc8-9740-bd06f2220c65 -MediaId 6e91467a-0998-4868-b9ac-703006f3500d, 00000000-0000-4000-8000-000000000000 -Force }
            Assert-NoSecretAnyOutcome { Get-YotiSession dc376625-6bec-4fc8-9740-bd06f2220c65 | Remove-YotiTrackedDevice -Force }
            $empty = Join-Path $script:Work 'no-archive'
            $null = New-Item -ItemType Directory -Path $empty -Force
            Assert-NoSecret (Get-AllText { Remove-YotiSession -SessionId 52098976-42d0-4051-a80f-7fc3438e4d9e, 2ecda766-e295-4a91-980f-bb5fcb504799 -RequireArchive $empty -Force })
            # All are deleted but the ongoing one, refused with a 409.
            Assert-NoSecretAnyOutcome { $script:Emulator.SessionIds | Remove-YotiSession -Force } | Should -Match 'SESSION_NOT_COMPLETED'
            $script:Emulator.SessionIds | Should -Be 'e36241c0-7098-407f-a4a5-39b82fb54e31'
        }
        finally { $script:Emulator.Reload() }
    }

    It 'ConvertFrom-YotiNotification, Basic and Bearer, with the right token, a wrong one and none' {
        $token = 'leak-notification-token-' + [guid]::NewGuid()
        $wrong = 'wrong-notification-token-' + [guid]::NewGuid()
        $body = New-NotificationBody 52098976-42d0-4051-a80f-7fc3438e4d9e
        $text = Get-AllText {
            ConvertFrom-YotiNotification $body -Authorization "Bearer $token" -AuthToken $token -AuthType Bearer
            ConvertFrom-YotiNotification $body -Authorization (ConvertTo-Basic $token) -AuthToken $token -AuthType Basic
            ConvertFrom-YotiNotification $body -Authorization "Bearer $wrong" -AuthToken $token -AuthType Bearer
            ConvertFrom-YotiNotification $body -Authorization (ConvertTo-Basic $wrong) -AuthToken $token -AuthType Basic
            ConvertFrom-YotiNotification $body -Authorization "Bearer $token" -AuthToken $token -AuthType Basic
            ConvertFrom-YotiNotification $body -Authorization (ConvertTo-Basic $token) -AuthToken $token -AuthType Bearer
            ConvertFrom-YotiNotification $body -Authorization '' -AuthToken $token -AuthType Bearer
            $body | ConvertFrom-YotiNotification -SkipAuthorization
        }
        ([regex]::Matches($text, 'session_completion')).Count | Should -BeGreaterOrEqual 3
        $text | Should -Match 'FullyQualifiedErrorId'
        Assert-NoSecret $text -Extra $token, $wrong
    }

    It 'Receive-YotiNotification (<AuthType>): its streams, the answers, the spool files, wrong tokens refused' -ForEach @(
        @{ AuthType = 'Bearer' }, @{ AuthType = 'Basic' }
    ) {
        $token = 'leak-notification-token-' + [guid]::NewGuid()
        $wrong = 'wrong-notification-token-' + [guid]::NewGuid()
        $right = if ($AuthType -eq 'Basic') { ConvertTo-Basic $token } else { "Bearer $token" }
        $otherScheme = if ($AuthType -eq 'Basic') { "Bearer $token" } else { ConvertTo-Basic $token }
        $spool = Join-Path $script:Work "spool-$AuthType"
        $body = New-NotificationBody 52098976-42d0-4051-a80f-7fc3438e4d9e
        $posts = @(
            @{ Authorization = $null; Body = $body }
            @{ Authorization = "Bearer $wrong"; Body = $body }
            @{ Authorization = (ConvertTo-Basic $wrong); Body = $body }
            @{ Authorization = $otherScheme; Body = $body }
            @{ Authorization = $right; Body = $body }
            @{ Authorization = $right; Body = (New-NotificationBody 2ecda766-e295-4a91-980f-bb5fcb504799) }
        )
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $sender = Start-NotificationSender $port $posts
        try {
            # The first notification is held in the pipeline until every POST is answered, so the second stays
            # in the spool; the spool is read while both are in it.
            $text = Get-AllText {
                Receive-YotiNotification "http://127.0.0.1:$port/yoti/" -AuthToken $token -AuthType $AuthType -SpoolPath $spool -Count 1 -Timeout 120 |
                    ForEach-Object {
                        $_
                        $null = $sender.Handle.AsyncWaitHandle.WaitOne(90000)
                        Get-ChildItem -LiteralPath $spool -Recurse -File | Get-Content -Raw
                    }
            }
            $answers = @($sender.PowerShell.EndInvoke($sender.Handle))
        }
        finally { $sender.PowerShell.Dispose() }
        $answers.Count | Should -Be 6
        @($answers | ForEach-Object { ($_ -split ' ')[0] }) | Select-Object -First 4 | Should -Be 401, 401, 401, 401
        @($answers | ForEach-Object { ($_ -split ' ')[0] }) | Select-Object -Last 2 | Should -Be 200, 200
        $text | Should -Match '52098976-42d0-4051-a80f-7fc3438e4d9e'
        $left = @(Get-ChildItem -LiteralPath $spool -Recurse -File)
        $left.Count | Should -BeGreaterThan 0
        $text | Should -Match '2ecda766-e295-4a91-980f-bb5fcb504799'
        Assert-NoSecret ($text + ($answers -join "`n") + ($left | Get-Content -Raw | Out-String)) -Extra $token, $wrong
        # What is left is written on the next run, with the same secrecy.
        $again = Get-AllText { Receive-YotiNotification "http://127.0.0.1:0/yoti/" -AuthToken $token -AuthType $AuthType -SpoolPath $spool -Count 1 -Timeout 30 }
        $again | Should -Match '2ecda766-e295-4a91-980f-bb5fcb504799'
        Assert-NoSecret $again -Extra $token, $wrong
        $empty = Get-AllText { try { Receive-YotiNotification "http://127.0.0.1:0/yoti/" -AuthToken ' ' -AuthType $AuthType -SpoolPath $spool -Timeout 1 } catch { $_ } }
        Assert-NoSecret $empty -Extra $token
    }

    It 'progress records, read from a runspace of their own (the progress stream cannot be redirected)' {
        $runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript({
                param($Manifest, $Emulator, $KeyFile, $Work)
                $ProgressPreference = 'Continue'; $ErrorActionPreference = 'SilentlyContinue'
                Import-Module $Manifest
                Connect-YotiIdv -SdkId $Emulator.SdkId -KeyFilePath $KeyFile -ApiUrl $Emulator.BaseUri
                $null = $Emulator.SessionIds | Get-YotiSession
                $null = Get-YotiSession -SessionId $Emulator.SessionIds | Save-YotiSession -Destination (Join-Path $Work 'progress-archive')
                $null = $Emulator.SessionIds | Export-YotiEvidenceReport -Destination (Join-Path $Work 'progress-reports')
                $Emulator.SetSessionState('2ecda766-e295-4a91-980f-bb5fcb504799', 'ONGOING')
                $null = Wait-YotiSession 2ecda766-e295-4a91-980f-bb5fcb504799 -Timeout 1.5 -PollInterval 0.2
            }.ToString()).AddParameters(@{ Manifest = $script:Module.Path; Emulator = $script:Emulator; KeyFile = $script:KeyFile; Work = $script:Work })
        $null = $script:Emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Latency([timespan]::FromMilliseconds(100), '*', $null))
        try {
            $null = $shell.Invoke()
            $progress = @($shell.Streams.Progress)
        }
        finally {
            $script:Emulator.ClearFaults()
            $script:Emulator.Reload()
            $shell.Dispose()
            $runspace.Dispose()
        }
        $progress.Count | Should -BeGreaterThan 3
        @($progress.Activity | Sort-Object -Unique).Count | Should -BeGreaterOrEqual 3
        Assert-NoSecret ($progress | ForEach-Object { "$($_.Activity) $($_.StatusDescription) $($_.CurrentOperation)" } | Out-String)
    }

    It 'every exported command is run inside this sweep' {
        # The commands named inside Get-AllText and Assert-NoSecretAnyOutcome blocks of this file: a new command
        # fails here until a sweep test runs it.
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($PSCommandPath, [ref]$null, [ref]$null)
        $sweeps = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and
                $node.GetCommandName() -in 'Get-AllText', 'Assert-NoSecretAnyOutcome' }, $true)
        $swept = @($sweeps | ForEach-Object {
                $_.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] } | ForEach-Object {
                    $_.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true).GetCommandName()
                }
            }) | Sort-Object -Unique
        $exported = @(Get-Command -Module $script:Module.Name | Where-Object { $_.Module.ModuleBase -eq $script:Module.ModuleBase }).Name
        $exported.Count | Should -BeGreaterThan 20
        $exported | Where-Object { $_ -notin $swept } | Should -BeNullOrEmpty -Because 'every exported command must be in the leak sweep'
    }
}
