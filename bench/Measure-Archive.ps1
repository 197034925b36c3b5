<#
.SYNOPSIS
    Archives 120 sessions (~1,400 requests) with Save-YotiSession from an emulator that adds 50 ms to every
    answer, compares it with the latency-bound ideal and with the by-hand loop, and measures the peak working
    set while archiving media of 16 MB each.
.DESCRIPTION
    The emulator runs in a SEPARATE pwsh process (its memory and CPU do not count as the module's). Its data
    folder holds -Copies copies of each of the 12 sample sessions under new session ids (same media), plus
    -BigSessions sessions that reference -BigFiles media of -FileMB random bytes each; all of it in a temporary
    folder, deleted afterwards.

    1. Save-YotiSession -ThrottleLimit 16 over the sample copies. Ideal = requests x latency / ThrottleLimit
       (every request waits the added latency; 16 in flight). Target: at least 80 % of the ideal.
    2. The by-hand loop over the same sessions, one session after another, as a script would do it today:
       Get-YotiSession -Raw | Set-Content, then Get-YotiMedia -All (default -ThrottleLimit). Target: Save-YotiSession
       at least 4x faster.
    3. Save-YotiSession -ThrottleLimit 16 over the big sessions. Target: peak working set under 250 MB.
    Run it with nice on a shared machine, e.g. nice -n 10 dotnet pwsh ./bench/Measure-Archive.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; nice -n 10 dotnet pwsh ./bench/Measure-Archive.ps1
#>
param([int] $Copies = 10, [int] $LatencyMs = 50, [int] $ThrottleLimit = 16, [int] $BigSessions = 4, [int] $BigFiles = 8, [int] $FileMB = 16)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$manifest = Get-ChildItem (Join-Path $PSScriptRoot '../out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$sample = Join-Path $PSScriptRoot '../src/YotiIdv/Emulator/SampleData'
$work = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-archive-bench-' + [guid]::NewGuid().ToString('N'))
$data = Join-Path $work 'data'
$null = New-Item -ItemType Directory (Join-Path $data 'sessions'), (Join-Path $work 'save'), (Join-Path $work 'loop'), (Join-Path $work 'big')
Copy-Item (Join-Path $sample 'keys'), (Join-Path $sample 'media') $data -Recurse
Import-Module $manifest.FullName

# The sample sessions, copied under new ids; the requests an archive of each needs: the session and its media.
$ids = [Collections.Generic.List[string]]::new()
$requests = 0
foreach ($file in Get-ChildItem (Join-Path $sample 'sessions') -Filter *.json) {
    $text = Get-Content -Raw $file.FullName
    $session = Get-YotiSession -Path $file.FullName
    for ($i = 0; $i -lt $Copies; $i++) {
        $id = [guid]::NewGuid().ToString()
        Set-Content -Path (Join-Path $data "sessions/$id.json") -Value $text.Replace($session.SessionId, $id) -NoNewline
        $ids.Add($id)
        $requests += 1 + $session.GetAllMedia().Count
    }
}

# Sessions whose frames reference big media files (written by the emulator's process, so not counted here).
$bigIds = 1..$BigSessions | ForEach-Object { [guid]::NewGuid().ToString() }
$bigMedia = @()
foreach ($id in $bigIds) {
    $mediaIds = 1..$BigFiles | ForEach-Object { [guid]::NewGuid().ToString() }
    $bigMedia += $mediaIds
    $frames = ($mediaIds | ForEach-Object { '{"media":{"id":"' + $_ + '","type":"BINARY","created":"2026-01-01T00:00:00Z","last_updated":"2026-01-01T00:00:00Z"}}' }) -join ','
    Set-Content -Path (Join-Path $data "sessions/big-$id.json") -Value ('{"session_id":"' + $id + '","state":"COMPLETED","resources":{"liveness_capture":[{"id":"r1","liveness_type":"ZOOM","frames":[' + $frames + ']}]}}')
}

$exe = [Environment]::ProcessPath
$prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { '"' + (Join-Path $PSHOME 'pwsh.dll') + '" ' } else { '' }
$generate = "`$r = [Random]::new(42); `$c = [byte[]]::new(1MB); foreach (`$id in '$($bigMedia -join "','")') { `$s = [IO.File]::Create('$data/media/' + `$id + '.bin'); for (`$i = 0; `$i -lt $FileMB; `$i++) { `$r.NextBytes(`$c); `$s.Write(`$c, 0, `$c.Length) }; `$s.Dispose() }; "
$child = $generate + "Import-Module '$($manifest.FullName)'; `$e = Start-YotiIdvEmulator -Path '$data' -AddedLatencyMs $LatencyMs; `$e.BaseUri.AbsoluteUri; [Console]::Out.Flush(); `$null = [Console]::In.ReadToEnd(); Stop-YotiIdvEmulator"
$psi = [Diagnostics.ProcessStartInfo]::new($exe, $prefix + '-NoProfile -NonInteractive -Command -')
$psi.RedirectStandardInput = $true
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$emulator = [Diagnostics.Process]::Start($psi)
try {
    $emulator.StandardInput.WriteLine($child)
    $emulator.StandardInput.Flush()
    $line = $emulator.StandardOutput.ReadLine()
    if ($line -notmatch 'http://127\.0\.0\.1:\d+/\S*') { throw "The emulator did not start: $line" }
    $sdkId = (Get-Content (Join-Path $data 'keys/sdk-id.txt') -Raw).Trim()
    Connect-YotiIdv -SdkId $sdkId -KeyFilePath (Join-Path $data 'keys/test-only-private-key.pem') -ApiUrl $Matches[0] -TimeoutSec 600
    $null = Get-YotiSession -SessionId $ids[0] # warm up: JIT, TLS-free loopback connection

    # 1. Save-YotiSession.
    $save = [Diagnostics.Stopwatch]::StartNew()
    $results = $ids | Save-YotiSession -Destination (Join-Path $work 'save') -ThrottleLimit $ThrottleLimit -WarningAction SilentlyContinue
    $save.Stop()
    $incomplete = @($results | Where-Object { -not $_.Complete }).Count
    if (@($results).Count -ne $ids.Count -or $incomplete) { throw "Save-YotiSession: $(@($results).Count) results, $incomplete incomplete." }
    $ideal = $requests * $LatencyMs / 1000.0 / $ThrottleLimit

    # 2. The by-hand loop.
    $loop = [Diagnostics.Stopwatch]::StartNew()
    foreach ($id in $ids) {
        Get-YotiSession -SessionId $id -Raw | Set-Content -Path (Join-Path $work "loop/$id.json")
        Get-YotiMedia -SessionId $id -All -Destination (Join-Path $work 'loop') -ErrorAction SilentlyContinue
    }
    $loop.Stop()

    # 3. Big media: the peak working set of this process.
    [GC]::Collect()
    $proc = [Diagnostics.Process]::GetCurrentProcess()
    $beforeMB = $proc.PeakWorkingSet64 / 1MB
    $big = [Diagnostics.Stopwatch]::StartNew()
    $bigResults = $bigIds | Save-YotiSession -Destination (Join-Path $work 'big') -ThrottleLimit $ThrottleLimit
    $big.Stop()
    $proc.Refresh()
    $peakMB = $proc.PeakWorkingSet64 / 1MB
    $bigBytes = ($bigResults | Measure-Object Bytes -Sum).Sum
    if ($bigBytes -lt [long]$BigSessions * $BigFiles * $FileMB * 1MB) { throw "Big sessions: only $bigBytes bytes archived." }

    [pscustomobject]@{
        Sessions              = $ids.Count
        Requests              = $requests
        LatencyMs             = $LatencyMs
        ThrottleLimit         = $ThrottleLimit
        SaveSeconds           = [Math]::Round($save.Elapsed.TotalSeconds, 2)
        IdealSeconds          = [Math]::Round($ideal, 2)
        OfIdeal               = '{0:P0}' -f ($ideal / $save.Elapsed.TotalSeconds)
        LoopSeconds           = [Math]::Round($loop.Elapsed.TotalSeconds, 2)
        TimesFasterThanLoop   = [Math]::Round($loop.Elapsed.TotalSeconds / $save.Elapsed.TotalSeconds, 1)
        BigMediaMB            = [Math]::Round($bigBytes / 1MB)
        BigSeconds            = [Math]::Round($big.Elapsed.TotalSeconds, 2)
        PeakWorkingSetMB      = [Math]::Round($peakMB, 1)
        PeakBeforeBigMB       = [Math]::Round($beforeMB, 1)
        AtLeast80PctOfIdeal   = ($ideal / $save.Elapsed.TotalSeconds) -ge 0.8
        AtLeast4xLoop         = ($loop.Elapsed.TotalSeconds / $save.Elapsed.TotalSeconds) -ge 4
        PeakUnder250MB        = $peakMB -lt 250
        PSVersion             = $PSVersionTable.PSVersion.ToString()
    }
}
finally {
    $emulator.StandardInput.Close()
    if (-not $emulator.WaitForExit(10000)) { $emulator.Kill() }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
