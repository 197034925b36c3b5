<#
.SYNOPSIS
    Sends the module oversized and hostile answers (issue #10) and prints, per case, the peak working set and wall
    time of the pwsh process running the command, with the error it ended with and the requests the server saw.
.DESCRIPTION
    The hostile server (tests/YotiIdv.Tests/Hostile/HostileServer.cs, loopback, port 0) runs in this process and
    streams every body from one 64 KiB buffer. Each case runs in a fresh child pwsh that imports the built module,
    so each peak is that case's alone. Cases: a 2 GiB session with Content-Length, without it (until close) and
    chunked; 8 sessions at once each answered with 600 MB; a 2 GB HTML error page (500, and 502 which is retried);
    a 400 whose errors[] holds 100 MB; key files that are a FIFO, /dev/zero, a 300 MB file and a directory.
    Targets: each single case under 700 MB peak and 60 s, the eight parallel answers under 1.2 GB, key-file cases
    under 1 s. It is heavy (gigabytes over loopback): run it with nice on a shared machine.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; nice dotnet pwsh ./bench/Measure-HostileResponses.ps1
.EXAMPLE
    dotnet pwsh ./bench/Measure-HostileResponses.ps1 -BodySize 256MB -ParallelSize 100MB
#>
param(
    [long] $BodySize = 2GB,
    [int] $Parallel = 8,
    [long] $ParallelSize = 600MB,
    [long] $ErrorPageSize = 2GB,
    [long] $ErrorsSize = 100MB,
    # Only the cases whose names match one of these wildcards, e.g. -Only '*parallel*','key file*'.
    [string[]] $Only = '*'
)
$ErrorActionPreference = "Stop"
$Only = @($Only | ForEach-Object { $_ -split "," })   # -File passes "a,b" as one string
$ProgressPreference = 'SilentlyContinue'
$root = Join-Path $PSScriptRoot '..'
$manifest = Get-ChildItem (Join-Path $root 'out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$testDll = Join-Path $root 'tests/YotiIdv.Tests/bin/Release/net10.0/YotiIdv.Tests.dll'
if (-not (Test-Path $testDll)) {
    & dotnet build (Join-Path $root 'tests/YotiIdv.Tests/YotiIdv.Tests.csproj') -c Release --nologo -v quiet | Out-Null
}
Add-Type -Path $testDll
$key = (Resolve-Path (Join-Path $root 'tests/fixtures/extra/signing/test-key-pkcs1.pem')).Path
$sdk = '4b1d9a7e-2f6c-4c1e-9a55-0d3e8c7f1a21'
$exe = [Environment]::ProcessPath
$prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq "dotnet") { Join-Path $PSHOME "pwsh.dll" })
$work = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-hostile-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory $work
$modes = [YotiIdv.Tests.Hostile.HostileModes]
$server = [YotiIdv.Tests.Hostile.HostileServer]::new($modes::Session())

# Runs $command in a fresh pwsh; it reports its own peak working set, the time of the command and its first error.
function Measure-Case([string] $Name, [string] $Command, [double] $TargetMB, [double] $TargetSeconds) {
    if (-not ($Only | Where-Object { $Name -like $_ })) { return }
    $script = @"
`$ErrorActionPreference = 'Continue'; `$ProgressPreference = 'SilentlyContinue'
Import-Module '$($manifest.FullName)'
`$url = '$($server.BaseUri.AbsoluteUri)'; `$key = '$key'; `$sdk = '$sdk'
`$clock = [Diagnostics.Stopwatch]::StartNew()
`$errors = @(& { $Command } 2>&1 | Where-Object { `$_ -is [Management.Automation.ErrorRecord] })
`$clock.Stop()
`$first = `$errors | Select-Object -First 1
[pscustomobject]@{
    Seconds = `$clock.Elapsed.TotalSeconds
    PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    Errors = `$errors.Count
    ErrorId = if (`$first) { (`$first.FullyQualifiedErrorId -split ',')[0] } else { '' }
    Category = if (`$first) { [string]`$first.CategoryInfo.Category } else { '' }
    MessageLength = if (`$first) { `$first.ToString().Length } else { 0 }
} | ConvertTo-Json -Compress
"@
    $before = $server.Requests
    $file = Join-Path $work ('case-' + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $script
    $output = & $exe @prefix -NoProfile -NonInteractive -File $file 2>&1
    $result = ($output | Where-Object { "$_".StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    if (-not $result) { throw "$Name`: the child printed no result: $output" }
    [pscustomobject]@{
        Case = $Name
        'Peak MB' = [math]::Round($result.PeakMB)
        'Wall s' = [math]::Round($result.Seconds, 2)
        Requests = $server.Requests - $before
        Error = $result.ErrorId
        Category = $result.Category
        'Msg chars' = $result.MessageLength
        Target = "< $TargetMB MB, < $TargetSeconds s"
        Met = $result.PeakMB -lt $TargetMB -and $result.Seconds -lt $TargetSeconds
    }
}

$id = '52098976-42d0-4051-a80f-7fc3438e4d9e'
$connect = 'Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -WarningAction SilentlyContinue'
$results = [Collections.Generic.List[object]]::new()
try {
    foreach ($framing in 'ContentLength', 'UntilClose', 'Chunked') {
        $server.Mode = $modes::HugeSession($BodySize, $framing)
        $results.AddRange(@(Measure-Case "session $([math]::Round($BodySize / 1GB, 2)) GiB, $framing" "$connect; Get-YotiSession $id" 700 60))
    }

    $server.Mode = $modes::HugeSession($ParallelSize, 'Chunked')
    $ids = (1..$Parallel | ForEach-Object { "'" + [guid]::NewGuid() + "'" }) -join ','
    $results.AddRange(@(Measure-Case "parallel: $Parallel sessions at once, $([math]::Round($ParallelSize / 1MB)) MB each" "$connect; Get-YotiSession -SessionId $ids -ThrottleLimit $Parallel" 1200 60))

    foreach ($status in 500, 502) {
        $server.Mode = $modes::HugeErrorPage($status, $ErrorPageSize)
        $results.AddRange(@(Measure-Case "$status error page, $([math]::Round($ErrorPageSize / 1GB, 2)) GB" "$connect; Get-YotiSession $id" 700 60))
    }

    $server.Mode = $modes::HugeErrorsArray($ErrorsSize)
    $results.AddRange(@(Measure-Case "400 with $([math]::Round($ErrorsSize / 1MB)) MB errors[]" "$connect; Get-YotiSession $id" 700 60))

    # Key files: checked before reading, so none of these may block or read.
    $fifo = Join-Path $work 'key.fifo'
    if (-not $IsWindows) { & mkfifo $fifo }
    $huge = Join-Path $work 'huge.pem'
    $stream = [IO.File]::Create($huge); $stream.SetLength(300MB); $stream.Dispose()
    $keyCases = [ordered]@{ 'key file: 300 MB file' = $huge; 'key file: directory' = $work }
    if (-not $IsWindows) { $keyCases = [ordered]@{ 'key file: FIFO' = $fifo; 'key file: /dev/zero' = '/dev/zero' } + $keyCases }
    foreach ($case in $keyCases.GetEnumerator()) {
        $results.AddRange(@(Measure-Case $case.Key "Connect-YotiIdv -SdkId `$sdk -KeyFilePath '$($case.Value)' -ApiUrl `$url" 700 1))
    }
}
finally {
    $server.Dispose()
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$results | Format-Table -AutoSize | Out-String -Width 200 | Write-Output
