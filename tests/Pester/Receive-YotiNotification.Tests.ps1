# Receive-YotiNotification in a child pwsh that imports the BUILT module, driven with real HTTP from here:
# exactly-once delivery in one run with every bad request refused, 503 when the queue is full, and a run killed
# with SIGKILL midway whose acknowledged notifications are all delivered by the next run over the same spool.
# The child's downstream pipeline appends each delivered SessionId to a file (one file per run).
BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:Token = 'listener-Token-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-receive-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:Http = [Net.Http.HttpClient]::new()
    $script:Http.Timeout = [timespan]::FromSeconds(60)

    # The child: the listener on a free port (announced through the information stream into a file), the
    # downstream pipeline optionally slow, each delivered notification's SessionId appended to $Out.
    $script:ChildScript = Join-Path $script:WorkDir 'receiver.ps1'
    Set-Content -LiteralPath $script:ChildScript -Value @'
param([string] $Manifest, [string] $Spool, [string] $Out, [string] $PrefixFile, [string] $AuthType, [int] $DelayMs, [string] $Arguments)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$extra = @{}
foreach ($pair in ($Arguments -split ' ' | Where-Object { $_ })) { $name, $value = $pair -split '='; $extra[$name] = [int]$value }
Receive-YotiNotification -Prefix 'http://127.0.0.1:0/yoti/' -AuthToken $env:YOTI_TEST_NOTIFICATION_TOKEN -AuthType $AuthType -SpoolPath $Spool @extra -Verbose 6>&1 |
    ForEach-Object {
        if ($_ -is [System.Management.Automation.InformationRecord]) { Set-Content -LiteralPath $PrefixFile -Value $_.MessageData; return }
        if ($DelayMs) { Start-Sleep -Milliseconds $DelayMs }
        Add-Content -LiteralPath $Out -Value $_.SessionId
    }
'@

    function script:Start-Receiver([string] $Name, [string] $Spool, [string] $AuthType = 'Bearer', [int] $DelayMs = 0, [string] $Arguments = '') {
        $exe = [Environment]::ProcessPath
        $all = @('-NoProfile', '-NonInteractive', '-File', $script:ChildScript, '-Manifest', $env:YOTIIDV_TEST_MANIFEST, '-Spool', $Spool,
            '-Out', (Join-Path $script:WorkDir "$Name.delivered.txt"), '-PrefixFile', (Join-Path $script:WorkDir "$Name.prefix.txt"),
            '-AuthType', $AuthType, '-DelayMs', $DelayMs, '-Arguments', $Arguments)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $all = @((Join-Path $PSHOME 'pwsh.dll')) + $all }
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in $all) { $psi.ArgumentList.Add([string]$a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['YOTI_TEST_NOTIFICATION_TOKEN'] = $script:Token # not on the command line
        $process = [Diagnostics.Process]::Start($psi)
        $receiver = [pscustomobject]@{
            Process = $process; Name = $Name; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync()
            Delivered = Join-Path $script:WorkDir "$Name.delivered.txt"; Prefix = $null
        }
        $prefixFile = Join-Path $script:WorkDir "$Name.prefix.txt"
        $deadline = [DateTime]::UtcNow.AddSeconds(90) # only bounds a hang: a loaded machine starts pwsh slowly
        while (-not (Test-Path -LiteralPath $prefixFile) -or -not (Get-Content -LiteralPath $prefixFile -Raw)) {
            if ($process.HasExited) { throw "The receiver ended at once ($($process.ExitCode)): $($receiver.Stdout.Result) $($receiver.Stderr.Result)" }
            if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The receiver did not start listening within 90 s.' }
            Start-Sleep -Milliseconds 100
        }
        $receiver.Prefix = [uri](Get-Content -LiteralPath $prefixFile -Raw).Trim()
        $receiver
    }

    function script:Wait-Receiver($Receiver, [int] $Seconds = 120) {
        if (-not $Receiver.Process.WaitForExit($Seconds * 1000)) { $Receiver.Process.Kill(); throw "The receiver $($Receiver.Name) did not end within $Seconds s." }
        $Receiver.Process.WaitForExit()
        $Receiver.Stdout.Result + $Receiver.Stderr.Result
    }

    function script:Get-Delivered($Receiver) {
        if (Test-Path -LiteralPath $Receiver.Delivered) { @(Get-Content -LiteralPath $Receiver.Delivered) } else { @() }
    }

    function script:New-Body([string] $SessionId, [string] $Topic = 'session_completion') { "{`"session_id`":`"$SessionId`",`"topic`":`"$Topic`"}" }

    # Starts a POST (a Task of the response); $Authorization $null sends none.
    function script:Send-Post([uri] $Uri, [string] $Body, [string] $Authorization) {
        $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Post, $Uri)
        $request.Content = [Net.Http.StringContent]::new($Body, [Text.Encoding]::UTF8, 'application/json')
        if ($null -ne $Authorization) { $null = $request.Headers.TryAddWithoutValidation('Authorization', $Authorization) }
        $script:Http.SendAsync($request)
    }

    function script:Get-Status([uri] $Uri, [string] $Body, [string] $Authorization) {
        $response = (Send-Post $Uri $Body $Authorization).GetAwaiter().GetResult()
        try { [int]$response.StatusCode } finally { $response.Dispose() }
    }

    # Sends every body at once; returns a hashtable SessionId -> status.
    function script:Send-Many([uri] $Uri, [string[]] $Ids, [string] $Authorization) {
        $tasks = foreach ($id in $Ids) { Send-Post $Uri (New-Body $id) $Authorization }
        $statuses = @{}
        for ($i = 0; $i -lt $Ids.Count; $i++) {
            $response = $tasks[$i].GetAwaiter().GetResult()
            $statuses[$Ids[$i]] = [int]$response.StatusCode
            $response.Dispose()
        }
        $statuses
    }

    # A 20 MB upload over a raw socket: the 413 must come after the headers, long before the body could be sent.
    function script:Send-TwentyMegabytes([uri] $Prefix) {
        $size = 20MB
        $client = [Net.Sockets.TcpClient]::new()
        try {
            $client.Connect($Prefix.Host, $Prefix.Port)
            $client.SendTimeout = 10000
            $stream = $client.GetStream()
            $head = [Text.Encoding]::ASCII.GetBytes("POST $($Prefix.AbsolutePath) HTTP/1.1`r`nHost: $($Prefix.Authority)`r`nAuthorization: Bearer $script:Token`r`nContent-Type: application/json`r`nContent-Length: $size`r`n`r`n")
            $stream.Write($head, 0, $head.Length)
            $chunk = [byte[]]::new(64KB)
            $sent = 0
            $answer = ''
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($sent -lt $size -and [DateTime]::UtcNow -lt $deadline) {
                if ($stream.DataAvailable) { break }
                try { $stream.Write($chunk, 0, $chunk.Length); $sent += $chunk.Length } catch { break }
            }
            $buffer = [byte[]]::new(4096)
            $client.ReceiveTimeout = 30000
            try { $read = $stream.Read($buffer, 0, $buffer.Length); $answer = [Text.Encoding]::ASCII.GetString($buffer, 0, $read) } catch { $answer = "read failed: $_" }
            [pscustomobject]@{ Answer = $answer; Sent = $sent }
        } finally { $client.Dispose() }
    }
}

AfterAll {
    $script:Http.Dispose()
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
        Get-Status $prefix (New-Body $badIds[0]) 'Bearer wrong-token' | Should -Be 401
        Get-Status $prefix (New-Body $badIds[1]) "Bearer $($script:Token)x" | Should -Be 401
        Get-Status $prefix (New-Body $badIds[2]) $null | Should -Be 401
        Get-Status $prefix (New-Body $badIds[3]) ('Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Token))) | Should -Be 401
        Get-Status $prefix (New-Body $badIds[4]) $script:Token | Should -Be 401
        foreach ($malformed in '{', '[]', '{"topic":"session_completion"}', '{"session_id":"../x","topic":"session_completion"}', '') {
            Get-Status $prefix $malformed $bearer | Should -Be 400 -Because "'$malformed' is not a notification"
        }
        $get = $script:Http.GetAsync($prefix).GetAwaiter().GetResult()
        [int]$get.StatusCode | Should -Be 405
        $get.Dispose()
        Get-Status ([uri]::new($prefix, '/other')) (New-Body $badIds[5]) $bearer | Should -Be 404
        $big = Send-TwentyMegabytes $prefix
        $big.Answer | Should -Match '^HTTP/1\.1 413 '
        $big.Sent | Should -BeLessThan 20MB -Because 'the listener answers 413 from the headers and never reads the body whole'

        $goodIds = 1..100 | ForEach-Object { [guid]::NewGuid().ToString() }
        $statuses = Send-Many $prefix $goodIds $bearer
        @($statuses.Values | Where-Object { $_ -eq 200 }).Count | Should -Be 100

        $output = Wait-Receiver $receiver # -Count 100 ends it
        $receiver.Process.ExitCode | Should -Be 0 -Because $output
        $delivered = Get-Delivered $receiver
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
            $statuses = Send-Many $receiver.Prefix $ids $basic
            $accepted = @($ids | Where-Object { $statuses[$_] -eq 200 })
            $busy = @($ids | Where-Object { $statuses[$_] -eq 503 })
            ($accepted.Count + $busy.Count) | Should -Be 12 -Because "every answer is 200 or 503 ($($statuses.Values -join ','))"
            $busy.Count | Should -BeGreaterThan 0
            $accepted.Count | Should -BeGreaterOrEqual 2
            $accepted.Count | Should -BeLessOrEqual 4 -Because 'the queue holds 2, the pipeline one more, give or take timing'

            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (((Get-Delivered $receiver).Count -lt $accepted.Count -or @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count -gt 0) -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            $delivered = Get-Delivered $receiver
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
        $statuses = Send-Many $first.Prefix $ids "Bearer $script:Token"
        $acknowledged = @($ids | Where-Object { $statuses[$_] -ge 200 -and $statuses[$_] -lt 300 })
        $acknowledged.Count | Should -Be 60 -Because 'the queue (256) holds them all, whatever the pipeline does'

        # Midway: some delivered, most still waiting behind the slow pipeline.
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while ((Get-Delivered $first).Count -lt 5 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        if ($IsLinux -or $IsMacOS) { & kill -KILL $first.Process.Id } else { $first.Process.Kill() }
        $first.Process.WaitForExit(30000) | Should -BeTrue
        $first.Process.ExitCode | Should -Be 137 -Because 'it died by SIGKILL (128 + 9)'
        $beforeKill = Get-Delivered $first
        $beforeKill.Count | Should -BeGreaterOrEqual 5
        $beforeKill.Count | Should -BeLessThan 60 -Because 'the kill came midway'
        $left = @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count
        $left | Should -BeGreaterThan 0

        $second = Start-Receiver -Name crash2 -Spool $spool -Arguments "Count=$left Timeout=300"
        $output = Wait-Receiver $second
        $second.Process.ExitCode | Should -Be 0 -Because $output
        $afterRestart = Get-Delivered $second

        $all = @($beforeKill) + @($afterRestart)
        $lost = @($acknowledged | Where-Object { $_ -notin $all })
        $duplicates = @($all | Group-Object | Where-Object Count -gt 1).Count
        Write-Host "Crash test: $($acknowledged.Count) acknowledged; $($beforeKill.Count) delivered before SIGKILL, $($afterRestart.Count) after restart ($left left in the spool); $duplicates duplicated, $($lost.Count) lost."
        $lost | Should -BeNullOrEmpty -Because 'no acknowledged notification is lost'
        @($all | Where-Object { $_ -notin $ids }).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $spool -Filter *.json).Count | Should -Be 0
    }
}
