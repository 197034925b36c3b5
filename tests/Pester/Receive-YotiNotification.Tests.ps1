# Receive-YotiNotification in a child pwsh that imports the BUILT module, driven with real HTTP from here:
# exactly-once delivery in one run with every bad request refused, 503 when the queue is full, and a run killed
# with SIGKILL midway whose acknowledged notifications are all delivered by the next run over the same spool.
# The child's downstream pipeline appends each delivered SessionId to a file (one file per run).
BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:Token = 'listener-Token-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-receive-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    Import-Module (Join-Path $PSScriptRoot 'NotificationTestHelpers.psm1') -Force
    function script:Start-Receiver([string] $Name, [string] $Spool, [string] $AuthType = 'Bearer', [int] $DelayMs = 0, [string] $Arguments = '') {
        Start-YotiTestReceiver -WorkDir $script:WorkDir -Name $Name -Spool $Spool -Token $script:Token -AuthType $AuthType -DelayMs $DelayMs -Arguments $Arguments
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:WorkDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Receive-YotiNotification in a child pwsh, over real HTTP' {
    It 'delivers 100 good notifications once each; bad tokens get 401 and are never delivered; malformed bodies, a GET and a 20 MB body get 4xx' {
        $spool = Join-Path $script:WorkDir 'spool-hundred'
        $receiver = Start-Receiver -Name hundred -Spool $spool -Arguments 'Count=100 Timeout=300'
        $prefix = $receiver.Prefix
        $bearer = "Bearer $script:Token"
        $badIds = 1..8 | ForEach-Object { [guid]::NewGuid().ToString() }

        # Refused first, so that each has been answered before the hundredth good one ends the command.
        Get-YotiTestStatus $prefix (New-YotiTestBody $badIds[0]) 'Bearer wrong-token' | Should -Be 401
        Get-YotiTestStatus $prefix (New-YotiTestBody $badIds[1]) "Bearer $($script:Token)x" | Should -Be 401
        Get-YotiTestStatus $prefix (New-YotiTestBody $badIds[2]) $null | Should -Be 401
        Get-YotiTestStatus $prefix (New-YotiTestBody $badIds[3]) ('Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Token))) | Should -Be 401
        Get-YotiTestStatus $prefix (New-YotiTestBody $badIds[4]) $script:Token | Should -Be 401
        foreach ($malformed in '{', '[]', '{"topic":"session_completion"}', '{"session_id":"../x","topic":"session_completion"}', '') {
            Get-YotiTestStatus $prefix $malformed $bearer | Should -Be 400 -Because "'$malformed' is not a notification"
        }
        Get-YotiTestGetStatus $prefix | Should -Be 405
        Get-YotiTestStatus ([uri]::new($prefix, '/other')) (New-YotiTestBody $badIds[5]) $bearer | Should -Be 404
        $big = Send-YotiTestTwentyMegabytes $prefix $bearer
        $big.Answer | Should -Match '^HTTP/1\.1 413 '
        $big.Sent | Should -BeLessThan 20MB -Because 'the listener answers 413 from the headers and never reads the body whole'

        $goodIds = 1..100 | ForEach-Object { [guid]::NewGuid().ToString() }
        $statuses = Send-YotiTestMany $prefix $goodIds $bearer
        @($statuses.Values | Where-Object { $_ -eq 200 }).Count | Should -Be 100

        $output = Wait-YotiTestChild $receiver # -Count 100 ends it
        $receiver.Process.ExitCode | Should -Be 0 -Because $output
        $delivered = Get-YotiTestDelivered $receiver
        $delivered.Count | Should -Be 100
        @($delivered | Sort-Object -Unique).Count | Should -Be 100 -Because 'each is delivered exactly once'
        @($delivered | Sort-Object) | Should -Be @($goodIds | Sort-Object)
        @($delivered | Where-Object { $_ -in $badIds }).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count | Should -Be 0 -Because 'the spool is emptied as the pipeline goes'
        $output | Should -Match 'Refused POST from 127\.0\.0\.1: 401'
        $output | Should -Match '100 accepted'
        $output | Should -Not -Match ([regex]::Escape($script:Token)) -Because 'the token is in no stream'
    }

    It 'answers 503 when the queue is full and never delivers those notifications' {
        $spool = Join-Path $script:WorkDir 'spool-full'
        $receiver = Start-Receiver -Name full -Spool $spool -AuthType Basic -DelayMs 700 -Arguments 'QueueLimit=2 Timeout=300'
        try {
            $basic = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Token))
            $ids = 1..12 | ForEach-Object { [guid]::NewGuid().ToString() }
            $statuses = Send-YotiTestMany $receiver.Prefix $ids $basic
            $accepted = @($ids | Where-Object { $statuses[$_] -eq 200 })
            $busy = @($ids | Where-Object { $statuses[$_] -eq 503 })
            ($accepted.Count + $busy.Count) | Should -Be 12 -Because "every answer is 200 or 503 ($($statuses.Values -join ','))"
            $busy.Count | Should -BeGreaterThan 0
            $accepted.Count | Should -BeGreaterOrEqual 2
            $accepted.Count | Should -BeLessOrEqual 4 -Because 'the queue holds 2, the pipeline one more, give or take timing'

            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (((Get-YotiTestDelivered $receiver).Count -lt $accepted.Count -or @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count -gt 0) -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            $delivered = Get-YotiTestDelivered $receiver
            @($delivered | Sort-Object) | Should -Be @($accepted | Sort-Object)
            @($delivered | Where-Object { $_ -in $busy }).Count | Should -Be 0
        } finally {
            if (-not $receiver.Process.HasExited) { $receiver.Process.Kill() }
            $receiver.Process.WaitForExit()
        }
    }

    It 'delivers every acknowledged notification after the receiver is killed with SIGKILL midway and restarted over the same spool' {
        $spool = Join-Path $script:WorkDir 'spool-crash'
        $first = Start-Receiver -Name crash1 -Spool $spool -DelayMs 250 -Arguments 'Timeout=300'
        $ids = 1..60 | ForEach-Object { [guid]::NewGuid().ToString() }
        $statuses = Send-YotiTestMany $first.Prefix $ids "Bearer $script:Token"
        $acknowledged = @($ids | Where-Object { $statuses[$_] -ge 200 -and $statuses[$_] -lt 300 })
        $acknowledged.Count | Should -Be 60 -Because 'the queue (256) holds them all, whatever the pipeline does'

        # Midway: some delivered, most still waiting behind the slow pipeline.
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while ((Get-YotiTestDelivered $first).Count -lt 5 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        if ($IsLinux -or $IsMacOS) { & kill -KILL $first.Process.Id } else { $first.Process.Kill() }
        $first.Process.WaitForExit(30000) | Should -BeTrue
        $first.Process.ExitCode | Should -Be 137 -Because 'it died by SIGKILL (128 + 9)'
        $beforeKill = Get-YotiTestDelivered $first
        $beforeKill.Count | Should -BeGreaterOrEqual 5
        $beforeKill.Count | Should -BeLessThan 60 -Because 'the kill came midway'
        $left = @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count
        $left | Should -BeGreaterThan 0

        $second = Start-Receiver -Name crash2 -Spool $spool -Arguments "Count=$left Timeout=300"
        $output = Wait-YotiTestChild $second
        $second.Process.ExitCode | Should -Be 0 -Because $output
        $afterRestart = Get-YotiTestDelivered $second

        $all = @($beforeKill) + @($afterRestart)
        $lost = @($acknowledged | Where-Object { $_ -notin $all })
        $duplicates = @($all | Group-Object | Where-Object Count -gt 1).Count
        Write-Host "Crash test: $($acknowledged.Count) acknowledged; $($beforeKill.Count) delivered before SIGKILL, $($afterRestart.Count) after restart ($left left in the spool); $duplicates duplicated, $($lost.Count) lost."
        $lost | Should -BeNullOrEmpty -Because 'no acknowledged notification is lost'
        @($all | Where-Object { $_ -notin $ids }).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count | Should -Be 0
    }
}
