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

    0. Warm-up: -WarmUpRounds rounds of the by-hand loop and Save-YotiSession over other copies, each followed by
       a wait until both processes are idle. Without it the JIT's tiered re-compilation runs during the phases
       (measured: half of the first phase's CPU). Every phase also starts only once both processes are idle.
    1. Save-YotiSession -ThrottleLimit 16 over the sample copies. Ideal = requests x latency / ThrottleLimit
       (every request waits the added latency; 16 in flight), with the requests the emulator answered (the
       sessions, their media and the report's key set). Target: at least 80 % of the ideal.
    2. The by-hand loop over the same sessions, one session after another, as a script would do it today:
       Get-YotiSession -Raw | Set-Content, then Get-YotiMedia -All (default -ThrottleLimit). Target: Save-YotiSession
       at least 4x faster.
    3. Save-YotiSession -ThrottleLimit 16 over the big sessions. Target: peak working set under 250 MB.

    Besides wall time it prints what a shared machine needs to judge a figure: CPU seconds of this process and of
    the emulator's, the most requests the emulator had in flight at once (PeakInFlight: 16 means the throttle is
    reached), the seconds their threads spent runnable but waiting for a CPU (WaitedForCpuSeconds, from Linux
    schedstat, summed over threads) and the load average. -SaveOnly stops after phase 1 (for a profiler).
    Run it with nice on a shared machine, e.g. nice -n 10 dotnet pwsh ./bench/Measure-Archive.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; nice -n 10 dotnet pwsh ./bench/Measure-Archive.ps1
#>
param([int] $Copies = 10, [int] $LatencyMs = 50, [int] $ThrottleLimit = 16, [int] $BigSessions = 4, [int] $BigFiles = 8, [int] $FileMB = 16, [int] $WarmUpCopies = 2, [int] $WarmUpRounds = 3, [switch] $SaveOnly)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$manifest = Get-ChildItem (Join-Path $PSScriptRoot '../out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$sample = Join-Path $PSScriptRoot '../src/YotiIdv/Emulator/SampleData'
$work = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-archive-bench-' + [guid]::NewGuid().ToString('N'))
$data = Join-Path $work 'data'
$null = New-Item -ItemType Directory (Join-Path $data 'sessions'), (Join-Path $work 'save'), (Join-Path $work 'loop'), (Join-Path $work 'big'), (Join-Path $work 'warm-up')
Copy-Item (Join-Path $sample 'keys'), (Join-Path $sample 'media') $data -Recurse
Import-Module $manifest.FullName

# The 1-, 5- and 15-minute load averages (Linux), so a figure taken on a shared machine says how shared it was.
function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

# The sample sessions, copied under new ids (and more copies to warm up with); the requests an archive of each
# needs: the session, its media and the report's key set (counted by the emulator).
$ids = [Collections.Generic.List[string]]::new()
$warmUpIds = [Collections.Generic.List[string]]::new()
foreach ($file in Get-ChildItem (Join-Path $sample 'sessions') -Filter *.json) {
    $text = Get-Content -Raw $file.FullName
    $session = Get-YotiSession -Path $file.FullName
    for ($i = 0; $i -lt $Copies + $WarmUpCopies; $i++) {
        $id = [guid]::NewGuid().ToString()
        Set-Content -Path (Join-Path $data "sessions/$id.json") -Value $text.Replace($session.SessionId, $id) -NoNewline
        ($i -lt $Copies ? $ids : $warmUpIds).Add($id)
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
# The emulator's side of each phase: 'begin' starts counting, 'end' answers "<requests> <peak in flight>".
$serve = "while ((`$l = [Console]::In.ReadLine()) -ne `$null) { if (`$l -eq 'begin') { `$e.ClearRequestLog(); `$e.Stats.ResetPeakInFlight(); 'ok' } elseif (`$l -eq 'end') { '' + `$e.RequestLog.Count + ' ' + `$e.Stats.PeakInFlight }; [Console]::Out.Flush() }; "
$child = $generate + "Import-Module '$($manifest.FullName)'; `$e = Start-YotiIdvEmulator -Path '$data' -AddedLatencyMs $LatencyMs; `$e.BaseUri.AbsoluteUri; [Console]::Out.Flush(); " + $serve + 'Stop-YotiIdvEmulator'
$psi = [Diagnostics.ProcessStartInfo]::new($exe, $prefix + '-NoProfile -NonInteractive -Command -')
$psi.RedirectStandardInput = $true
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$null = $psi.Environment.Remove('DOTNET_DiagnosticPorts') # a profiler attached to this process (dotnet-trace) must not pause the emulator's
$emulator = [Diagnostics.Process]::Start($psi)
$proc = [Diagnostics.Process]::GetCurrentProcess()

# Waits until both processes are idle: the JIT re-compiles hot methods in the background for seconds after a
# warm-up (or a phase), which would otherwise be measured as part of the next phase (half of its CPU, measured).
function Wait-Idle {
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    do {
        $proc.Refresh(); $emulator.Refresh()
        $cpu = $proc.TotalProcessorTime + $emulator.TotalProcessorTime
        Start-Sleep -Milliseconds 500
        $proc.Refresh(); $emulator.Refresh()
        $busy = ($proc.TotalProcessorTime + $emulator.TotalProcessorTime - $cpu).TotalMilliseconds
    } while ($busy -gt 25 -and [DateTime]::UtcNow -lt $deadline)
}

# Seconds the threads of both processes spent runnable but waiting for a CPU (Linux schedstat; 0 elsewhere): on a
# shared machine, the part of a phase that only a less loaded machine would give back.
function Get-RunQueueWait {
    $ns = 0.0
    foreach ($id in $proc.Id, $emulator.Id) {
        foreach ($stat in Get-ChildItem "/proc/$id/task/*/schedstat" -ErrorAction SilentlyContinue) {
            $fields = (Get-Content $stat.FullName -ErrorAction SilentlyContinue) -split ' '
            if ($fields.Count -ge 2) { $ns += [double]$fields[1] }
        }
    }
    $ns / 1e9
}

# Runs one phase: wall time, CPU seconds of this process and of the emulator's, what the emulator saw.
function Measure-Phase([scriptblock] $Phase) {
    Wait-Idle
    $emulator.StandardInput.WriteLine('begin'); $null = $emulator.StandardOutput.ReadLine()
    $proc.Refresh(); $emulator.Refresh()
    $cpu = $proc.TotalProcessorTime; $emulatorCpu = $emulator.TotalProcessorTime
    $waited = Get-RunQueueWait
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $output = & $Phase
    $watch.Stop()
    $waited = (Get-RunQueueWait) - $waited
    $proc.Refresh(); $emulator.Refresh()
    $emulator.StandardInput.WriteLine('end'); $seen = $emulator.StandardOutput.ReadLine() -split ' '
    [pscustomobject]@{
        Seconds = $watch.Elapsed.TotalSeconds; Cpu = ($proc.TotalProcessorTime - $cpu).TotalSeconds
        EmulatorCpu = ($emulator.TotalProcessorTime - $emulatorCpu).TotalSeconds
        Requests = [int]$seen[0]; PeakInFlight = [int]$seen[1]; RunQueueWait = $waited; Output = $output
    }
}

try {
    $emulator.StandardInput.WriteLine($child)
    $emulator.StandardInput.Flush()
    $line = $emulator.StandardOutput.ReadLine()
    if ($line -notmatch 'http://127\.0\.0\.1:\d+/\S*') { throw "The emulator did not start: $line" }
    $sdkId = (Get-Content (Join-Path $data 'keys/sdk-id.txt') -Raw).Trim()
    Connect-YotiIdv -SdkId $sdkId -KeyFilePath (Join-Path $data 'keys/test-only-private-key.pem') -ApiUrl $Matches[0] -TimeoutSec 600
    # Warm up both processes on other sessions (JIT and tiered re-compilation take a third of the CPU of a first
    # run of this size), so that the phases measure the steady state that the targets are about.
    # Rounds with pauses between them, because tiering needs them: a method is counted only once new code has stopped
    # appearing for a while, then re-compiled instrumented, counted again, and compiled optimised.
    for ($round = 1; $round -le $WarmUpRounds; $round++) {
        $folder = (New-Item -ItemType Directory -Force (Join-Path $work "warm-up/$round")).FullName
        foreach ($id in $warmUpIds | Select-Object -First 12) {
            Get-YotiSession -SessionId $id -Raw | Set-Content -Path (Join-Path $folder "$id.json")
            $null = Get-YotiMedia -SessionId $id -All -Destination (Join-Path $folder 'loop') -ErrorAction SilentlyContinue
        }
        $null = $warmUpIds | Save-YotiSession -Destination $folder -ThrottleLimit $ThrottleLimit -WarningAction SilentlyContinue
        Wait-Idle
    }
    $loadBefore = Get-LoadAverage

    # 1. Save-YotiSession.
    $save = Measure-Phase { $ids | Save-YotiSession -Destination (Join-Path $work 'save') -ThrottleLimit $ThrottleLimit -WarningAction SilentlyContinue }
    $results = $save.Output
    $incomplete = @($results | Where-Object { -not $_.Complete }).Count
    if (@($results).Count -ne $ids.Count -or $incomplete) { throw "Save-YotiSession: $(@($results).Count) results, $incomplete incomplete." }
    # The ideal counts the requests the emulator answered (the sessions, their media and the report's key set).
    $ideal = $save.Requests * $LatencyMs / 1000.0 / $ThrottleLimit
    $phase1 = [ordered]@{
        Sessions           = $ids.Count
        Requests           = $save.Requests
        LatencyMs          = $LatencyMs
        ThrottleLimit      = $ThrottleLimit
        SaveSeconds        = [Math]::Round($save.Seconds, 2)
        IdealSeconds       = [Math]::Round($ideal, 2)
        OfIdeal            = '{0:P0}' -f ($ideal / $save.Seconds)
        PeakInFlight       = $save.PeakInFlight
        SaveCpuSeconds     = [Math]::Round($save.Cpu, 2)
        EmulatorCpuSeconds = [Math]::Round($save.EmulatorCpu, 2)
        WaitedForCpuSeconds = [Math]::Round($save.RunQueueWait, 2)
    }
    if ($SaveOnly) {
        # For a profiler: only the phase the latency target is about.
        $phase1.LoadAverage = Get-LoadAverage
        return [pscustomobject]$phase1
    }

    # 2. The by-hand loop.
    $loop = Measure-Phase {
        foreach ($id in $ids) {
            Get-YotiSession -SessionId $id -Raw | Set-Content -Path (Join-Path $work "loop/$id.json")
            Get-YotiMedia -SessionId $id -All -Destination (Join-Path $work 'loop') -ErrorAction SilentlyContinue
        }
    }

    # 3. Big media: the peak working set of this process.
    [GC]::Collect()
    $proc.Refresh()
    $beforeMB = $proc.PeakWorkingSet64 / 1MB
    $big = Measure-Phase { $bigIds | Save-YotiSession -Destination (Join-Path $work 'big') -ThrottleLimit $ThrottleLimit }
    $peakMB = $proc.PeakWorkingSet64 / 1MB
    $bigBytes = ($big.Output | Measure-Object Bytes -Sum).Sum
    if ($bigBytes -lt [long]$BigSessions * $BigFiles * $FileMB * 1MB) { throw "Big sessions: only $bigBytes bytes archived." }

    [pscustomobject]($phase1 + [ordered]@{
        LoopSeconds         = [Math]::Round($loop.Seconds, 2)
        LoopRequests        = $loop.Requests
        LoopCpuSeconds      = [Math]::Round($loop.Cpu, 2)
        TimesFasterThanLoop = [Math]::Round($loop.Seconds / $save.Seconds, 1)
        BigMediaMB          = [Math]::Round($bigBytes / 1MB)
        BigSeconds          = [Math]::Round($big.Seconds, 2)
        PeakWorkingSetMB    = [Math]::Round($peakMB, 1)
        PeakBeforeBigMB     = [Math]::Round($beforeMB, 1)
        AtLeast80PctOfIdeal = ($ideal / $save.Seconds) -ge 0.8
        AtLeast4xLoop       = ($loop.Seconds / $save.Seconds) -ge 4
        PeakUnder250MB      = $peakMB -lt 250
        LoadAverageBefore   = $loadBefore
        LoadAverageAfter    = Get-LoadAverage
        Cores               = [Environment]::ProcessorCount
        Date                = [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm') + ' UTC'
        PSVersion           = $PSVersionTable.PSVersion.ToString()
    })
}
finally {
    $emulator.StandardInput.Close()
    if (-not $emulator.WaitForExit(10000)) { $emulator.Kill() }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
