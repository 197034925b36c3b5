<#
.SYNOPSIS
    Issue #6 benchmark: session fetches per second through the emulator with added latency, YotiIdv
    (Get-YotiSession -ThrottleLimit) against the official Yoti Node SDK at the same concurrency, in the same run.
.DESCRIPTION
    Starts the emulator in a separate pwsh process (so its CPU is not counted for either client) with
    -AddedLatencyMs, then fetches -Count sessions (the 12 sample session ids, cycled) first with
    Get-YotiSession in this process, then with the Node SDK (tests/interop/node/idv-throughput.js) with the
    same number of requests in flight. Reports sessions per second, the share of the ideal rate
    (ThrottleLimit / latency) and the CPU time each client's process spent per session fetched.

    Run from the repository root after building:
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Build
        (cd tests/interop/node && npm ci)
        dotnet pwsh ./bench/Measure-Throughput.ps1 -Count 2000 -ThrottleLimit 16 -LatencyMs 50
.EXAMPLE
    dotnet pwsh ./bench/Measure-Throughput.ps1 -Count 2000 -ThrottleLimit 16 -LatencyMs 50
#>
param(
    [int] $Count = 2000,
    [int] $ThrottleLimit = 16,
    [int] $LatencyMs = 50,
    [switch] $SkipNode
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path $PSScriptRoot -Parent
$manifest = Get-ChildItem (Join-Path $repo 'out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$sampleData = Join-Path $manifest.DirectoryName 'Emulator/SampleData'
$keyPath = Join-Path $sampleData 'keys/test-only-private-key.pem'
$sdkId = (Get-Content -Raw (Join-Path $sampleData 'keys/sdk-id.txt')).Trim()

# The emulator, in its own pwsh process; it prints its base URI and serves until its standard input closes.
$exe = [Environment]::ProcessPath
$start = [Diagnostics.ProcessStartInfo]::new($exe)
if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
foreach ($argument in '-NoProfile', '-NonInteractive', '-Command',
    "Import-Module '$($manifest.FullName)'; `$e = Start-YotiIdvEmulator -AddedLatencyMs $LatencyMs; [Console]::Out.WriteLine(`$e.BaseUri.AbsoluteUri); [Console]::Out.Flush(); `$null = [Console]::In.ReadToEnd(); Stop-YotiIdvEmulator") {
    $start.ArgumentList.Add($argument)
}
$start.RedirectStandardInput = $true
$start.RedirectStandardOutput = $true
$start.UseShellExecute = $false
$emulatorProcess = [Diagnostics.Process]::Start($start)
try {
    $baseUri = $emulatorProcess.StandardOutput.ReadLine()
    if (-not $baseUri) { throw 'The emulator process did not start.' }

    Import-Module $manifest.FullName
    Connect-YotiIdv -SdkId $sdkId -KeyFilePath $keyPath -ApiUrl $baseUri
    $sampleIds = Get-YotiSession -Path (Join-Path $sampleData 'sessions/*.json') | ForEach-Object SessionId
    $ids = 0..($Count - 1) | ForEach-Object { $sampleIds[$_ % $sampleIds.Count] }
    $ideal = $ThrottleLimit * 1000.0 / $LatencyMs

    $null = $ids | Select-Object -First 100 | Get-YotiSession -ThrottleLimit $ThrottleLimit  # warm-up: JIT, connections
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $cpuBefore = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $fetched = ($ids | Get-YotiSession -ThrottleLimit $ThrottleLimit -ProgressAction SilentlyContinue | Measure-Object).Count
    $seconds = $watch.Elapsed.TotalSeconds
    $self.Refresh()
    $cpuMs = ($self.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    $results = @([pscustomobject]@{
        Client          = 'YotiIdv Get-YotiSession'
        Sessions        = $fetched
        Seconds         = [Math]::Round($seconds, 2)
        PerSecond       = [Math]::Round($fetched / $seconds, 1)
        PercentOfIdeal  = [Math]::Round(100 * $fetched / $seconds / $ideal, 1)
        CpuMsPerSession = [Math]::Round($cpuMs / [Math]::Max($fetched, 1), 2)
    })

    if (-not $SkipNode) {
        $nodeDir = Join-Path $repo 'tests/interop/node'
        if (-not (Test-Path (Join-Path $nodeDir 'node_modules/yoti'))) { throw "Run 'npm ci' in $nodeDir first (or pass -SkipNode)." }
        $idsFile = New-TemporaryFile
        try {
            Set-Content -Path $idsFile -Value ($ids | Select-Object -First 100)
            $null = & node (Join-Path $nodeDir 'idv-throughput.js') --base-url $baseUri --sdk-id $sdkId --key $keyPath --ids-file $idsFile --concurrency $ThrottleLimit 2>$null # warm-up
            Set-Content -Path $idsFile -Value $ids
            $node = & node (Join-Path $nodeDir 'idv-throughput.js') --base-url $baseUri --sdk-id $sdkId --key $keyPath --ids-file $idsFile --concurrency $ThrottleLimit 2>$null | ConvertFrom-Json
        }
        finally {
            Remove-Item $idsFile
        }
        $results += [pscustomobject]@{
            Client          = 'Yoti Node SDK 4.13.2 getSession'
            Sessions        = $node.fetched
            Seconds         = [Math]::Round($node.seconds, 2)
            PerSecond       = [Math]::Round($node.perSecond, 1)
            PercentOfIdeal  = [Math]::Round(100 * $node.perSecond / $ideal, 1)
            CpuMsPerSession = [Math]::Round($node.cpuMsPerSession, 2)
        }
    }

    Write-Host ("{0} fetches, {1} in flight, {2} ms added latency: ideal {3:0} sessions/s" -f $Count, $ThrottleLimit, $LatencyMs, $ideal)
    $results
}
finally {
    $emulatorProcess.StandardInput.Close()
    if (-not $emulatorProcess.WaitForExit(10000)) { $emulatorProcess.Kill() }
}
