# Reads Stryker.NET's mutation-report.json (schema of mutation-testing-elements) and sums it per Core folder.
# Used by build.ps1 -Task Mutation; import it by hand to re-read a report without running Stryker again:
#   Import-Module ./tests/mutation/MutationReport.psm1; Get-MutationScore out/mutation/Http/reports/mutation-report.json
Set-StrictMode -Version 3.0

# The folder of src/YotiIdv.Core a report path belongs to ('.' for a file at its root).
function Get-CoreFolder {
    param([string] $Path)
    $relative = ($Path -replace '\\', '/') -replace '^.*?src/YotiIdv\.Core/', ''
    if ($relative -notmatch '/') { return '.' }
    return $relative.Split('/')[0]
}

# One row per folder (and a 'Total' row): Killed, Survived, Timeout, NoCoverage, CompileError, Ignored and the
# score as Stryker computes it: (Killed + Timeout) / (Killed + Timeout + Survived + NoCoverage).
# Mutants the run did not test (Ignored: outside -mutate, or filtered) are counted apart and never in the score.
function Get-MutationScore {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string[]] $ReportPath,

        # Only these folders (the run's -MutationScope); every folder with a tested mutant when empty.
        [string[]] $Folder
    )
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process {
        foreach ($path in $ReportPath) {
            $report = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
            foreach ($file in $report.files.PSObject.Properties) {
                $name = Get-CoreFolder $file.Name
                foreach ($mutant in $file.Value.mutants) {
                    $all.Add([pscustomobject]@{ Folder = $name; Status = [string]$mutant.status })
                }
            }
        }
    }
    end {
        $rows = foreach ($group in $all | Group-Object Folder | Sort-Object Name) {
            New-ScoreRow $group.Name $group.Group
        }
        $rows = @($rows | Where-Object { ($Folder -and $_.Folder -in $Folder) -or (-not $Folder -and ($_.Killed + $_.Timeout + $_.Survived + $_.NoCoverage) -gt 0) })
        $rows
        if ($rows.Count -gt 1) {
            New-ScoreRow 'Total' @($all | Where-Object Folder -in $rows.Folder)
        }
    }
}

function New-ScoreRow {
    param([string] $Name, [object[]] $Mutants)
    $count = { param($status) @($Mutants | Where-Object Status -eq $status).Count }
    $killed = & $count 'Killed'
    $timeout = & $count 'Timeout'
    $survived = & $count 'Survived'
    $noCoverage = & $count 'NoCoverage'
    $tested = $killed + $timeout + $survived + $noCoverage
    [pscustomobject]@{
        Folder       = $Name
        Killed       = $killed
        Timeout      = $timeout
        Survived     = $survived
        NoCoverage   = $noCoverage
        CompileError = & $count 'CompileError'
        Ignored      = & $count 'Ignored'
        Score        = if ($tested) { [Math]::Round(100 * ($killed + $timeout) / $tested, 1) } else { $null }
    }
}

# The mutants that were not detected (Survived, NoCoverage) as 'File:line Mutator: replacement' lines, the form
# tests/mutation/survivors.md uses; -Folder limits them to some folders.
function Get-MutationSurvivor {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string[]] $ReportPath,

        [string[]] $Folder,

        [string[]] $Status = @('Survived', 'NoCoverage')
    )
    process {
        foreach ($path in $ReportPath) {
            $report = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
            foreach ($file in $report.files.PSObject.Properties) {
                if ($Folder -and (Get-CoreFolder $file.Name) -notin $Folder) { continue }
                $relative = ($file.Name -replace '\\', '/') -replace '^.*?src/YotiIdv\.Core/', ''
                $lines = $file.Value.source -split "`n"
                foreach ($mutant in $file.Value.mutants | Where-Object status -in $Status | Sort-Object { $_.location.start.line }) {
                    $line = $mutant.location.start.line
                    $original = if ($line -le $lines.Count) { $lines[$line - 1].Trim() } else { '' }
                    [pscustomobject]@{
                        Location    = "${relative}:$line"
                        Status      = $mutant.status
                        Mutator     = $mutant.mutatorName
                        Replacement = [string]$mutant.replacement
                        Source      = $original
                        Id          = $mutant.id
                    }
                }
            }
        }
    }
}

Export-ModuleMember -Function Get-MutationScore, Get-MutationSurvivor, Get-CoreFolder
