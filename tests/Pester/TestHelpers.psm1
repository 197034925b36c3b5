# Shared helpers for the Pester tests. build/Invoke-PesterTests.ps1 sets $env:YOTIIDV_TEST_MANIFEST to the
# built module's psd1; run outside the build, the newest out/YotiIdv/<version>/YotiIdv.psd1 is used.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)

function Get-YotiIdvRepoRoot {
    $script:RepoRoot
}

# The manifest under test: $env:YOTIIDV_TEST_MANIFEST, else the newest build in out/.
function Get-YotiIdvTestManifest {
    if ($env:YOTIIDV_TEST_MANIFEST) {
        if (-not (Test-Path -LiteralPath $env:YOTIIDV_TEST_MANIFEST)) { throw "YOTIIDV_TEST_MANIFEST points at '$env:YOTIIDV_TEST_MANIFEST', which does not exist." }
        return (Resolve-Path -LiteralPath $env:YOTIIDV_TEST_MANIFEST).ProviderPath
    }
    $built = Get-ChildItem -Path (Join-Path $script:RepoRoot 'out/YotiIdv/*/YotiIdv.psd1') -ErrorAction SilentlyContinue |
        Sort-Object { [version]$_.Directory.Name } -Descending | Select-Object -First 1
    if (-not $built) { throw "No built module under $(Join-Path $script:RepoRoot 'out/YotiIdv'). Run: dotnet pwsh ./build.ps1 -Task Build" }
    return $built.FullName
}

# Imports the built module into the global scope (once per process) and returns its PSModuleInfo.
function Import-YotiIdvTestModule {
    [OutputType([System.Management.Automation.PSModuleInfo])]
    param()
    $manifest = Get-YotiIdvTestManifest
    $loaded = Get-Module -Name YotiIdv | Where-Object { $_.ModuleBase -eq (Split-Path $manifest) } | Select-Object -First 1
    if ($loaded) { return $loaded }
    Import-Module -Name $manifest -Global -PassThru -ErrorAction Stop
}

Export-ModuleMember -Function Get-YotiIdvRepoRoot, Get-YotiIdvTestManifest, Import-YotiIdvTestModule
