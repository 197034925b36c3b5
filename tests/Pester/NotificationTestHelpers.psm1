# Helpers for the notification tests: Receive-YotiNotification in a child pwsh that imports the BUILT module
# ($env:YOTIIDV_TEST_MANIFEST), listening on a free port, its downstream pipeline (optionally slow) appending
# "<SessionId> <Topic>" of each delivered notification to a file of its own; and POSTs over real HTTP.
Set-StrictMode -Version 3.0

$script:Http = [Net.Http.HttpClient]::new()
$script:Http.Timeout = [timespan]::FromSeconds(60)

$script:ReceiverScript = @'
param([string] $Manifest, [string] $Spool, [string] $Out, [string] $PrefixFile, [string] $AuthType, [int] $DelayMs, [string] $Arguments)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$extra = @{}
foreach ($pair in ($Arguments -split ' ' | Where-Object { $_ })) { $name, $value = $pair -split '='; $extra[$name] = [int]$value }
Receive-YotiNotification -Prefix 'http://127.0.0.1:0/yoti/' -AuthToken $env:YOTI_TEST_NOTIFICATION_TOKEN -AuthType $AuthType -SpoolPath $Spool @extra -Verbose 6>&1 |
    ForEach-Object {
        if ($_ -is [System.Management.Automation.InformationRecord]) { Set-Content -LiteralPath $PrefixFile -Value $_.MessageData; return }
        if ($DelayMs) { Start-Sleep -Milliseconds $DelayMs }
        Add-Content -LiteralPath $Out -Value "$($_.SessionId) $($_.Topic)"
    }
'@

# A child pwsh of the running version with these environment variables (the token never on a command line).
function Start-YotiTestChild([string[]] $Arguments, [hashtable] $Environment = @{}) {
    $exe = [Environment]::ProcessPath
    $all = @('-NoProfile', '-NonInteractive') + $Arguments
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $all = @((Join-Path $PSHOME 'pwsh.dll')) + $all }
    $psi = [Diagnostics.ProcessStartInfo]::new($exe)
    foreach ($a in $all) { $psi.ArgumentList.Add([string]$a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    foreach ($name in 'YOTI_CLIENT_SDK_ID', 'YOTI_KEY_FILE_PATH', 'YOTI_IDV_API_URL') { $null = $psi.Environment.Remove($name) }
    foreach ($entry in $Environment.GetEnumerator()) { $psi.Environment[$entry.Key] = [string]$entry.Value }
    $process = [Diagnostics.Process]::Start($psi)
    [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
}

# Starts a receiver named $Name under $WorkDir and returns once it listens (with its Prefix).
function Start-YotiTestReceiver([string] $WorkDir, [string] $Name, [string] $Spool, [string] $Token, [string] $AuthType = 'Bearer', [int] $DelayMs = 0, [string] $Arguments = '') {
    $script = Join-Path $WorkDir 'receiver.ps1'
    if (-not (Test-Path -LiteralPath $script)) { Set-Content -LiteralPath $script -Value $script:ReceiverScript }
    $prefixFile = Join-Path $WorkDir "$Name.prefix.txt"
    $child = Start-YotiTestChild -Arguments @('-File', $script, '-Manifest', $env:YOTIIDV_TEST_MANIFEST, '-Spool', $Spool,
        '-Out', (Join-Path $WorkDir "$Name.delivered.txt"), '-PrefixFile', $prefixFile, '-AuthType', $AuthType, '-DelayMs', $DelayMs,
        '-Arguments', $Arguments) -Environment @{ YOTI_TEST_NOTIFICATION_TOKEN = $Token }
    $child | Add-Member -NotePropertyName Name -NotePropertyValue $Name
    $child | Add-Member -NotePropertyName Delivered -NotePropertyValue (Join-Path $WorkDir "$Name.delivered.txt")
    $deadline = [DateTime]::UtcNow.AddSeconds(90) # only bounds a hang: a loaded machine starts pwsh slowly
    while (-not (Test-Path -LiteralPath $prefixFile) -or -not (Get-Content -LiteralPath $prefixFile -Raw)) {
        if ($child.Process.HasExited) { throw "The receiver ended at once ($($child.Process.ExitCode)): $($child.Stdout.Result) $($child.Stderr.Result)" }
        if ([DateTime]::UtcNow -gt $deadline) { $child.Process.Kill(); throw 'The receiver did not start listening within 90 s.' }
        Start-Sleep -Milliseconds 100
    }
    $child | Add-Member -NotePropertyName Prefix -NotePropertyValue ([uri](Get-Content -LiteralPath $prefixFile -Raw).Trim())
    $child
}

# Waits for a child to end (killing it after $Seconds) and returns its standard output and error.
function Wait-YotiTestChild($Child, [int] $Seconds = 120) {
    if (-not $Child.Process.WaitForExit($Seconds * 1000)) { $Child.Process.Kill(); throw "The child pwsh did not end within $Seconds s." }
    $Child.Process.WaitForExit()
    $Child.Stdout.Result + $Child.Stderr.Result
}

# The SessionIds a receiver delivered (in order, duplicates kept); -WithTopic: "<SessionId> <Topic>" lines.
function Get-YotiTestDelivered($Receiver, [switch] $WithTopic) {
    if (-not (Test-Path -LiteralPath $Receiver.Delivered)) { return @() }
    $lines = @(Get-Content -LiteralPath $Receiver.Delivered)
    if ($WithTopic) { $lines } else { @($lines | ForEach-Object { ($_ -split ' ')[0] }) }
}

function New-YotiTestBody([string] $SessionId, [string] $Topic = 'session_completion') { "{`"session_id`":`"$SessionId`",`"topic`":`"$Topic`"}" }

# Starts a POST (a Task of the response); $Authorization $null sends none.
function Send-YotiTestPost([uri] $Uri, [string] $Body, [string] $Authorization) {
    $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Post, $Uri)
    $request.Content = [Net.Http.StringContent]::new($Body, [Text.Encoding]::UTF8, 'application/json')
    if ($null -ne $Authorization) { $null = $request.Headers.TryAddWithoutValidation('Authorization', $Authorization) }
    # One connection per POST, as Yoti sends them: a POST on a kept-alive connection the server is closing at that
    # moment ends "prematurely" on the client and is not retried (not idempotent), which made the burst flaky.
    $request.Headers.ConnectionClose = $true
    $script:Http.SendAsync($request)
}

function Get-YotiTestStatus([uri] $Uri, [string] $Body, [string] $Authorization) {
    $response = (Send-YotiTestPost $Uri $Body $Authorization).GetAwaiter().GetResult()
    try { [int]$response.StatusCode } finally { $response.Dispose() }
}

function Get-YotiTestGetStatus([uri] $Uri) {
    $response = $script:Http.GetAsync($Uri).GetAwaiter().GetResult()
    try { [int]$response.StatusCode } finally { $response.Dispose() }
}

# Sends a notification for every id at once; returns a hashtable SessionId -> status.
function Send-YotiTestMany([uri] $Uri, [string[]] $Ids, [string] $Authorization) {
    $tasks = foreach ($id in $Ids) { Send-YotiTestPost $Uri (New-YotiTestBody $id) $Authorization }
    $statuses = @{}
    for ($i = 0; $i -lt $Ids.Count; $i++) {
        $response = $tasks[$i].GetAwaiter().GetResult()
        $statuses[$Ids[$i]] = [int]$response.StatusCode
        $response.Dispose()
    }
    $statuses
}

# A 20 MB upload over a raw socket: the answer must come after the headers, long before the body could be sent.
function Send-YotiTestTwentyMegabytes([uri] $Prefix, [string] $Authorization) {
    $size = 20MB
    $client = [Net.Sockets.TcpClient]::new()
    try {
        $client.Connect($Prefix.Host, $Prefix.Port)
        $client.SendTimeout = 10000
        $stream = $client.GetStream()
        $head = [Text.Encoding]::ASCII.GetBytes("POST $($Prefix.AbsolutePath) HTTP/1.1`r`nHost: $($Prefix.Authority)`r`nAuthorization: $Authorization`r`nContent-Type: application/json`r`nContent-Length: $size`r`n`r`n")
        $stream.Write($head, 0, $head.Length)
        $chunk = [byte[]]::new(64KB)
        $sent = 0
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($sent -lt $size -and [DateTime]::UtcNow -lt $deadline) {
            if ($stream.DataAvailable) { break }
            try { $stream.Write($chunk, 0, $chunk.Length); $sent += $chunk.Length } catch { break }
        }
        $buffer = [byte[]]::new(4096)
        $client.ReceiveTimeout = 30000
        $answer = try { $read = $stream.Read($buffer, 0, $buffer.Length); [Text.Encoding]::ASCII.GetString($buffer, 0, $read) } catch { "read failed: $_" }
        [pscustomobject]@{ Answer = $answer; Sent = $sent }
    }
    finally { $client.Dispose() }
}

# A free loopback port (bound to 0, then freed) for a listener that must be told its port in advance.
function Get-YotiTestFreePort {
    $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}

# Waits until something accepts connections on the port.
function Wait-YotiTestPort([int] $Port, $Child, [int] $Seconds = 90) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Child -and $Child.Process.HasExited) { throw "The child ended before listening ($($Child.Process.ExitCode)): $($Child.Stdout.Result) $($Child.Stderr.Result)" }
        $client = [Net.Sockets.TcpClient]::new()
        try { $client.Connect([Net.IPAddress]::Loopback, $Port); return } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    throw "Nothing listened on port $Port within $Seconds s."
}

Export-ModuleMember -Function *-YotiTest*
