<#
.SYNOPSIS
    Measures Import-Module of the built module in fresh pwsh processes (the README's import-time figure).
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./bench/Measure-ImportTime.ps1 -Runs 10
#>
param([int] $Runs = 10)
$ErrorActionPreference = 'Stop'
$manifest = Get-ChildItem (Join-Path $PSScriptRoot '../out/YotiIdv/*/YotiIdv.psd1') | Select-Object -First 1
if (-not $manifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
$exe = [Environment]::ProcessPath
[string[]] $prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
$script = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$($manifest.FullName)'; `$sw.Elapsed.TotalMilliseconds"
$times = 1..$Runs | ForEach-Object { [double](& $exe @prefix -NoProfile -NonInteractive -Command $script) }
$sorted = $times | Sort-Object
[pscustomobject]@{
    Runs     = $Runs
    MedianMs = [Math]::Round($sorted[[int][Math]::Floor($Runs / 2)], 1)
    MinMs    = [Math]::Round($sorted[0], 1)
    MaxMs    = [Math]::Round($sorted[-1], 1)
    PSVersion = $PSVersionTable.PSVersion.ToString()
}
