# The emulator's notification sender against real receivers (Receive-YotiNotification in a child pwsh, a
# listener that never answers), and the whole flow offline: emulator -> docs/examples/Receive-SessionArchive.ps1
# (Receive-YotiNotification | Where-Object Topic -eq session_completion | Save-YotiSession) -> archives that
# Test-YotiSessionArchive verifies.
BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    Import-Module (Join-Path $PSScriptRoot 'NotificationTestHelpers.psm1') -Force
    $script:Token = 'emulator-Token-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-flow-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'   # COMPLETED, 3 checks, 1 task
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'   # COMPLETED, 7 checks, 2 tasks
    $script:ExpiredId = 'f8992779-9335-4678-adfd-3885307ceb44'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:Secure = ConvertTo-SecureString $script:Token -AsPlainText -Force

    # Puts a session back to ONGOING (which notifies nothing) so that COMPLETED is a change again.
    function script:Reset-Session([string] $Id) { $script:Emulator.SetSessionState($Id, 'ONGOING') }
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -LiteralPath $script:WorkDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The emulator POSTs notifications like Yoti' {
    It 'sends check_completion per check, task_completion per task, then session_completion (Basic), and Receive-YotiNotification delivers them' {
        $receiver = Start-YotiTestReceiver -WorkDir $script:WorkDir -Name basic -Spool (Join-Path $script:WorkDir 'spool-basic') -Token $script:Token -AuthType Basic -Arguments 'Count=5 Timeout=300'
        try {
            $sender = $script:Emulator.ConfigureNotifications($receiver.Prefix, $script:Secure, 'Basic')
            Reset-Session $script:SeedId
            $script:Emulator.SetSessionState($script:SeedId, 'COMPLETED')
            $script:Emulator.WaitForNotifications([timespan]::FromSeconds(60)) | Should -BeTrue
            $sent = @($script:Emulator.SentNotifications)
            ($sent | ForEach-Object Topic) | Should -Be @('check_completion', 'check_completion', 'check_completion', 'task_completion', 'session_completion')
            $sent | ForEach-Object { $_.Outcome | Should -Be Delivered; $_.StatusCode | Should -Be 200; $_.Attempts | Should -Be 1 }
            ($sent[0].Body | ConvertFrom-Json).check_id | Should -Not -BeNullOrEmpty
            ($sent[3].Body | ConvertFrom-Json).task_id | Should -Not -BeNullOrEmpty
            ($sent[4].Body | ConvertFrom-Json).PSObject.Properties.Name | Should -Be @('session_id', 'topic')

            $output = Wait-YotiTestChild $receiver
            $receiver.Process.ExitCode | Should -Be 0 -Because $output
            Get-YotiTestDelivered $receiver -WithTopic | Should -Be @($sent | ForEach-Object { "$($script:SeedId) $($_.Topic)" })

            # The same state again is no change: nothing more is sent.
            $script:Emulator.SetSessionState($script:SeedId, 'COMPLETED')
            @($script:Emulator.SentNotifications).Count | Should -Be 5
            $sender.Dispose()
        }
        finally { if (-not $receiver.Process.HasExited) { $receiver.Process.Kill() } }
    }

    It 'sends only the subscribed topics, EXPIRED as client_session_token_deleted, and a wrong token is refused once (401), never retried' {
        $receiver = Start-YotiTestReceiver -WorkDir $script:WorkDir -Name bearer -Spool (Join-Path $script:WorkDir 'spool-bearer') -Token $script:Token -AuthType Bearer -Arguments 'Count=2 Timeout=300'
        try {
            $wrong = $script:Emulator.ConfigureNotifications($receiver.Prefix, (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force), 'Bearer', [string[]]@('SESSION_COMPLETION'))
            Reset-Session $script:DoneId
            $script:Emulator.SetSessionState($script:DoneId, 'COMPLETED')
            $script:Emulator.WaitForNotifications([timespan]::FromSeconds(60)) | Should -BeTrue
            $refused = @($script:Emulator.SentNotifications)
            $refused.Count | Should -Be 1 -Because 'only session_completion is subscribed'
            $refused[0].Outcome | Should -Be Refused
            $refused[0].StatusCode | Should -Be 401
            $refused[0].Attempts | Should -Be 1

            $null = $script:Emulator.ConfigureNotifications($receiver.Prefix, $script:Secure, 'Bearer', [string[]]@('session_completion', 'client_session_token_deleted'))
            $wrong.Pending | Should -Be 0
            Reset-Session $script:DoneId
            $script:Emulator.SetSessionState($script:DoneId, 'COMPLETED')
            $script:Emulator.SetSessionState($script:DoneId, 'EXPIRED')
            $output = Wait-YotiTestChild $receiver
            $receiver.Process.ExitCode | Should -Be 0 -Because $output
            Get-YotiTestDelivered $receiver -WithTopic | Should -Be @("$($script:DoneId) session_completion", "$($script:DoneId) client_session_token_deleted")
            # The receiver may deliver (and exit at -Count) before the sender has read its 200: wait for the sender.
            $script:Emulator.WaitForNotifications([timespan]::FromSeconds(60)) | Should -BeTrue
            @($script:Emulator.SentNotifications | ForEach-Object Outcome) | Should -Be @('Delivered', 'Delivered')
        }
        finally {
            if (-not $receiver.Process.HasExited) { $receiver.Process.Kill() }
            $script:Emulator.SetSessionState($script:DoneId, 'COMPLETED')
        }
    }

    It 'never blocks on an endpoint that does not answer: the state changes at once, the emulator keeps serving, each attempt ends at the timeout' {
        # Listening but never accepting: the kernel completes the connection and the request waits for ever.
        $silent = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $null = $script:Emulator.ConfigureNotifications("http://127.0.0.1:$($silent.LocalEndpoint.Port)/yoti/", $script:Secure, 'Bearer', [string[]]@('session_completion'), [timespan]::FromSeconds(1))
            Reset-Session $script:SeedId
            $script:Emulator.SetSessionState($script:SeedId, 'COMPLETED')
            $pending = @($script:Emulator.SentNotifications)
            $pending[0].Outcome | Should -Be Pending -Because 'SetSessionState returned before any answer'
            (Get-YotiSession $script:SeedId).State | Should -Be COMPLETED -Because 'the emulator serves while the notification waits'
            $script:Emulator.WaitForNotifications([timespan]::FromSeconds(120)) | Should -BeTrue
            $failed = @($script:Emulator.SentNotifications)[0]
            $failed.Outcome | Should -Be Failed
            $failed.StatusCode | Should -Be 0
            $failed.Attempts | Should -Be 5
            $failed.Error | Should -Match 'no answer within 1 s'
        }
        finally { $silent.Stop() }
    }

    It 'never shows the token: not in the emulator, the sender, the log of what was sent, or Start-YotiIdvEmulator -Verbose' {
        $receiverPort = Get-YotiTestFreePort
        $text = & {
            $e = Start-YotiIdvEmulator -NotificationEndpoint "http://127.0.0.1:$receiverPort/yoti/" -NotificationAuthToken $script:Token -NotificationAuthType Bearer -Verbose 4>&1
            $e | Format-List * | Out-String
            $e.Notifications | Format-List * | Out-String
            $e.Notifications.ToString()
            $e | Where-Object { $_ -is [YotiIdv.Emulator.YotiIdvEmulator] } | ForEach-Object {
                $_.SetSessionState($script:SeedId, 'ONGOING'); $_.SetSessionState($script:SeedId, 'COMPLETED')
                $null = $_.WaitForNotifications([timespan]::FromSeconds(60))
                $_.SentNotifications | Format-List * | Out-String
                $_.SentNotifications | ConvertTo-Json -Depth 3
                $_ | Stop-YotiIdvEmulator
            }
        } | Out-String
        $text | Should -Match "Notifications \(Bearer; check_completion, session_completion, task_completion\) go to http://127.0.0.1:$receiverPort/yoti/"
        $text | Should -Match 'Failed'
        $text | Should -Not -Match ([regex]::Escape($script:Token))
        $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Token))))
    }

    It 'refuses -NotificationEndpoint without a token, naming the parameter' {
        { Start-YotiIdvEmulator -NotificationEndpoint 'http://127.0.0.1:9/yoti/' -ErrorAction Stop } | Should -Throw '*-NotificationAuthToken*'
    }
}

Describe 'Offline end to end: emulator -> Receive-YotiNotification -> Save-YotiSession' {
    It 'archives every session Yoti announces as completed, skips the other topics, and each archive verifies' {
        $port = Get-YotiTestFreePort
        $prefix = "http://127.0.0.1:$port/yoti/"
        $destination = Join-Path $script:WorkDir 'archive'
        $log = Join-Path $script:WorkDir 'notifications.csv'
        $ids = $script:SeedId, $script:DoneId
        $expected = ($ids | ForEach-Object { (Get-YotiSession $_).Checks.Count + 1 } | Measure-Object -Sum).Sum
        $null = $script:Emulator.ConfigureNotifications($prefix, $script:Secure, 'Bearer', [string[]]@('check_completion', 'session_completion'))

        $job = Join-Path $script:RepoRoot 'docs/examples/Receive-SessionArchive.ps1'
        $child = Start-YotiTestChild -Arguments @('-File', $job, '-Prefix', $prefix, '-SpoolPath', (Join-Path $script:WorkDir 'spool-flow'), '-Destination', $destination,
            '-LogPath', $log, '-RetryPath', (Join-Path $script:WorkDir 'retry.txt'), '-AuthType', 'Bearer', '-Count', $expected, '-Timeout', 300, '-Module', $env:YOTIIDV_TEST_MANIFEST, '-Verbose') -Environment @{
            YOTI_NOTIFICATION_AUTH_TOKEN = $script:Token
            YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
            YOTI_KEY_FILE_PATH = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
            YOTI_IDV_API_URL = $script:Emulator.BaseUri.AbsoluteUri
        }
        Wait-YotiTestPort -Port $port -Child $child
        foreach ($id in $ids) { Reset-Session $id; $script:Emulator.SetSessionState($id, 'COMPLETED') }
        $output = Wait-YotiTestChild $child 300
        $child.Process.ExitCode | Should -Be 0 -Because $output
        $output | Should -Not -Match ([regex]::Escape($script:Token))

        $sent = @($script:Emulator.SentNotifications)
        $sent.Count | Should -Be $expected
        @($sent | Where-Object Outcome -ne Delivered).Count | Should -Be 0
        $rows = @(Import-Csv -LiteralPath $log)
        @($rows | ForEach-Object SessionId | Sort-Object) | Should -Be @($ids | Sort-Object) -Because 'one row per session_completion; check_completion is filtered out'
        @($rows | Where-Object Status -ne 'Archived').Count | Should -Be 0
        Test-Path (Join-Path $script:WorkDir 'retry.txt') | Should -BeFalse
        $verified = @(Get-ChildItem -LiteralPath $destination -Directory | Test-YotiSessionArchive)
        @($verified | ForEach-Object SessionId | Sort-Object) | Should -Be @($ids | Sort-Object)
        @($verified | Where-Object { -not $_.Valid }).Count | Should -Be 0
    }

    It 'exits 2 when the job cannot run (no notification token) and 1 when an announced session cannot be archived' {
        $common = @('-SpoolPath', (Join-Path $script:WorkDir 'spool-fail'), '-Destination', (Join-Path $script:WorkDir 'archive-fail'), '-LogPath', (Join-Path $script:WorkDir 'fail.csv'),
            '-RetryPath', (Join-Path $script:WorkDir 'fail-retry.txt'), '-AuthType', 'Bearer', '-Module', $env:YOTIIDV_TEST_MANIFEST)
        $connection = @{
            YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
            YOTI_KEY_FILE_PATH = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
            YOTI_IDV_API_URL = $script:Emulator.BaseUri.AbsoluteUri
        }
        $noToken = Start-YotiTestChild -Arguments (@('-File', (Join-Path $script:RepoRoot 'docs/examples/Receive-SessionArchive.ps1'), '-Prefix', 'http://127.0.0.1:0/yoti/') + $common) -Environment $connection
        $output = Wait-YotiTestChild $noToken
        $noToken.Process.ExitCode | Should -Be 2 -Because $output
        $output | Should -Match 'YOTI_NOTIFICATION_AUTH_TOKEN'

        $port = Get-YotiTestFreePort
        $connection.YOTI_NOTIFICATION_AUTH_TOKEN = $script:Token
        $child = Start-YotiTestChild -Arguments (@('-File', (Join-Path $script:RepoRoot 'docs/examples/Receive-SessionArchive.ps1'), '-Prefix', "http://127.0.0.1:$port/yoti/", '-Count', 1, '-Timeout', 300) + $common) -Environment $connection
        Wait-YotiTestPort -Port $port -Child $child
        $unknown = '00000000-0000-4000-8000-000000000000'
        Get-YotiTestStatus "http://127.0.0.1:$port/yoti/" (New-YotiTestBody $unknown) "Bearer $script:Token" | Should -Be 200
        $output = Wait-YotiTestChild $child
        $child.Process.ExitCode | Should -Be 1 -Because $output
        $row = Import-Csv -LiteralPath (Join-Path $script:WorkDir 'fail.csv') | Where-Object SessionId -eq $unknown
        $row.Status | Should -Be 'Error'
        $row.Message | Should -Match 'YotiSessionNotFound|NotFound'
        Get-Content -LiteralPath (Join-Path $script:WorkDir 'fail-retry.txt') | Should -Be $unknown
    }
}
