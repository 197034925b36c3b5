<#
.SYNOPSIS
    Downloads >= 200 MB of media through the emulator with Get-YotiMedia and with a plain HttpClient
    stream-to-file loop, and reports the module's peak working set and its throughput relative to the loop.
.DESCRIPTION
    The emulator runs in a SEPARATE pwsh process, so its memory does not count; it streams media files
    from disk. The data folder (one session referencing -Count media of -FileMB random bytes) is created
    in a temporary folder and deleted afterwards. Both clients download the same files sequentially
    (Get-YotiMedia -ThrottleLimit 1, and one request at a time in the loop), every request signed.
    Targets: peak working set < 150 MB, module throughput >= 80 % of the loop.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./bench/Measure-MediaDownload.ps1
.EXAMPLE
    dotnet pwsh ./bench/Measure-MediaDownload.ps1 -Count 32 -FileMB 16 -ThrottleLimit 4
#>
param([int] $Count = 32, [int] $FileMB = 16, [int] $ThrottleLimit = 1)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$manifest = Get-ChildItem (Join-Path $PSScriptRoot '../out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$sample = Join-Path $PSScriptRoot '../src/YotiIdv/Emulator/SampleData'
$work = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-bench-' + [guid]::NewGuid().ToString('N'))
$data = Join-Path $work 'data'
$null = New-Item -ItemType Directory (Join-Path $data 'sessions'), (Join-Path $data 'media'), (Join-Path $work 'module'), (Join-Path $work 'plain')
Copy-Item (Join-Path $sample 'keys') $data -Recurse

# One session whose liveness frames reference the large media files.
$sessionId = [guid]::NewGuid().ToString()
$mediaIds = 1..$Count | ForEach-Object { [guid]::NewGuid().ToString() }
$frames = ($mediaIds | ForEach-Object { '{"media":{"id":"' + $_ + '","type":"BINARY","created":"2026-01-01T00:00:00Z","last_updated":"2026-01-01T00:00:00Z"}}' }) -join ','
Set-Content -Path (Join-Path $data 'sessions/bench.json') -Value ('{"session_id":"' + $sessionId + '","state":"COMPLETED","resources":{"liveness_capture":[{"id":"r1","liveness_type":"ZOOM","frames":[' + $frames + ']}]}}')
$totalBytes = [long]$Count * $FileMB * 1MB

# The emulator in its own process; it prints its URL, and stops when its standard input closes.
$exe = [Environment]::ProcessPath
$prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { '"' + (Join-Path $PSHOME 'pwsh.dll') + '" ' } else { '' }
# The child writes the random media files too, so generating them does not count in this process's peak.
$generate = "`$r = [Random]::new(42); `$c = [byte[]]::new(1MB); foreach (`$id in '$($mediaIds -join "','")') { `$s = [IO.File]::Create('$data/media/' + `$id + '.bin'); for (`$i = 0; `$i -lt $FileMB; `$i++) { `$r.NextBytes(`$c); `$s.Write(`$c, 0, `$c.Length) }; `$s.Dispose() }; "
$child = $generate + "Import-Module '$($manifest.FullName)'; `$e = Start-YotiIdvEmulator -Path '$data'; `$e.BaseUri.AbsoluteUri; [Console]::Out.Flush(); `$null = [Console]::In.ReadToEnd(); Stop-YotiIdvEmulator"
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
    $apiUrl = $Matches[0]

    Import-Module $manifest.FullName
    $sdkId = (Get-Content (Join-Path $data 'keys/sdk-id.txt') -Raw).Trim()
    $keyPath = Join-Path $data 'keys/test-only-private-key.pem'
    Connect-YotiIdv -SdkId $sdkId -KeyFilePath $keyPath -ApiUrl $apiUrl -TimeoutSec 600

    [GC]::Collect()
    $before = [Diagnostics.Process]::GetCurrentProcess()
    $beforeMB = $before.PeakWorkingSet64 / 1MB
    $module = [Diagnostics.Stopwatch]::StartNew()
    Get-YotiMedia -SessionId $sessionId -All -Destination (Join-Path $work 'module') -ThrottleLimit $ThrottleLimit
    $module.Stop()
    $proc = [Diagnostics.Process]::GetCurrentProcess()
    $proc.Refresh()
    $peakMB = $proc.PeakWorkingSet64 / 1MB
    $saved = (Get-ChildItem -Recurse -File (Join-Path $work 'module') | Measure-Object Length -Sum).Sum
    if ($saved -ne $totalBytes) { throw "Get-YotiMedia saved $saved bytes, expected $totalBytes." }

    # The reference: a plain HttpClient loop, signed requests, response stream copied to a file.
    $signer = [YotiIdv.Signing.YotiRequestSigner]::FromPem((Get-Content $keyPath -Raw))
    $http = [Net.Http.HttpClient]::new()
    $http.Timeout = [Threading.Timeout]::InfiniteTimeSpan
    $base = [Uri]$apiUrl
    $plain = [Diagnostics.Stopwatch]::StartNew()
    foreach ($id in $mediaIds) {
        $path = "/sessions/$sessionId/media/$id/content?" + [YotiIdv.Signing.YotiRequestSigner]::BuildAuthQuery($sdkId, [guid]::NewGuid().ToString(), [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds())
        $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Get, $base.AbsoluteUri.TrimEnd('/') + $path)
        $null = $request.Headers.TryAddWithoutValidation('X-Yoti-Auth-Digest', $signer.Sign([YotiIdv.Signing.YotiRequestSigner]::BuildStringToSign('GET', $path, $null)))
        $response = $http.SendAsync($request, [Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
        $null = $response.EnsureSuccessStatusCode()
        $file = [IO.File]::Create((Join-Path $work "plain/$id.bin"))
        try { $null = $response.Content.ReadAsStreamAsync().GetAwaiter().GetResult().CopyToAsync($file, 81920).GetAwaiter().GetResult() }
        finally { $file.Dispose(); $response.Dispose(); $request.Dispose() }
    }
    $plain.Stop()

    $moduleMBs = $totalBytes / 1MB / $module.Elapsed.TotalSeconds
    $plainMBs = $totalBytes / 1MB / $plain.Elapsed.TotalSeconds
    [pscustomobject]@{
        Files               = $Count
        TotalMB             = $totalBytes / 1MB
        ThrottleLimit       = $ThrottleLimit
        ModuleSeconds       = [Math]::Round($module.Elapsed.TotalSeconds, 2)
        ModuleMBPerSecond   = [Math]::Round($moduleMBs, 1)
        PlainMBPerSecond    = [Math]::Round($plainMBs, 1)
        RelativeThroughput  = '{0:P0}' -f ($moduleMBs / $plainMBs)
        PeakWorkingSetMB    = [Math]::Round($peakMB, 1)
        PeakBeforeMB        = [Math]::Round($beforeMB, 1)
        PeakUnder150MB      = $peakMB -lt 150
        ThroughputAtLeast80 = ($moduleMBs / $plainMBs) -ge 0.8
        PSVersion           = $PSVersionTable.PSVersion.ToString()
    }
}
finally {
    $emulator.StandardInput.Close()
    if (-not $emulator.WaitForExit(10000)) { $emulator.Kill() }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
