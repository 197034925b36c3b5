# Finds the PowerShell examples of docs/<Verb-Noun>.md and README.md and runs each one in a fresh child pwsh
# (tests/Pester/HelpExamples.Tests.ps1). Also used by the tests that need a fresh process (Publishing.Tests.ps1).
Set-StrictMode -Version 3.0

# Markers an example can carry (each on a line of its own).
$script:CredentialsMarker = '# Requires real Yoti credentials'
$script:ExitCodePattern = '(?m)^\s*#\s*Expected exit code:\s*(-?\d+)\s*$'
$script:NotRunMarker = '<!-- not-run -->'
# '# Expected output contains: TEXT' (any number of lines): the example's standard output must contain each TEXT.
$script:ExpectedOutputPattern = '(?m)^\s*#\s*Expected output contains:\s*(.+?)\s*$'

# The command line of a child pwsh of the running version: the executable, and the arguments that come first.
function Get-YotiIdvChildPwsh {
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    [pscustomobject]@{ FilePath = $exe; Arguments = $prefix + @('-NoProfile', '-NonInteractive') }
}

function New-YotiIdvExampleCase {
    param([string] $Source, [string] $Title, [string] $Code, [string] $SkipReason)
    $expected = 0
    $match = [regex]::Match($Code, $script:ExitCodePattern)
    if ($match.Success) { $expected = [int]$match.Groups[1].Value }
    [string[]] $expectedOutput = @([regex]::Matches($Code, $script:ExpectedOutputPattern) | ForEach-Object { $_.Groups[1].Value })
    if (-not $SkipReason -and ($Code -split '\r?\n' | Where-Object { $_.Trim() -eq $script:CredentialsMarker })) {
        $SkipReason = 'the example says: Requires real Yoti credentials'
    }
    [pscustomobject]@{
        Source           = $Source
        Title            = $Title
        Code             = $Code
        SkipReason       = $SkipReason
        ExpectedExitCode = $expected
        ExpectedOutput   = $expectedOutput
        Key              = "$Source|$Title"
    }
}

# Every '### ' example of the '## EXAMPLES' section of a cmdlet page; its code is all of its powershell blocks.
function Get-YotiIdvDocExample {
    param([Parameter(Mandatory)] [string] $Path, [string] $Source = (Split-Path -Leaf $Path))
    $text = (Get-Content -Raw -LiteralPath $Path) -replace '\r\n', "`n"
    $section = [regex]::Match($text, '(?ms)^## EXAMPLES[ \t]*\n(.*?)(?=^## )')
    if (-not $section.Success) { return }
    $parts = [regex]::Split($section.Groups[1].Value, '(?m)^### ')
    foreach ($part in $parts | Select-Object -Skip 1) {
        $title = ($part -split "`n", 2)[0].Trim()
        $blocks = [regex]::Matches($part, '(?ms)^```powershell[ \t]*\n(.*?)^```')
        $code = ($blocks | ForEach-Object { $_.Groups[1].Value }) -join "`n"
        New-YotiIdvExampleCase -Source $Source -Title $title -Code $code
    }
}

# Every powershell block of a markdown file such as README.md, titled by the heading above it. A block whose
# preceding line is <!-- not-run --> is returned as skipped.
function Get-YotiIdvMarkdownExample {
    param([Parameter(Mandatory)] [string] $Path, [string] $Source = (Split-Path -Leaf $Path))
    $lines = (Get-Content -Raw -LiteralPath $Path) -split '\r?\n'
    $heading = '(top)'
    $count = @{}
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match '^#{1,6}\s+(.*)$') { $heading = $Matches[1].Trim(); continue }
        if ($lines[$i] -notmatch '^```powershell\s*$') {
            if ($lines[$i] -match '^```') { # skip other fenced blocks whole, so a '#' line inside is no heading
                for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { }
            }
            continue
        }
        $notRun = $i -gt 0 -and $lines[$i - 1].Trim() -eq $script:NotRunMarker
        $body = [Collections.Generic.List[string]]::new()
        for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $body.Add($lines[$i]) }
        $count[$heading] = 1 + [int]$count[$heading]
        $title = if ($count[$heading] -gt 1) { "$heading (block $($count[$heading]))" } else { $heading }
        New-YotiIdvExampleCase -Source $Source -Title $title -Code ($body -join "`n") -SkipReason $(if ($notRun) { "marked $script:NotRunMarker" })
    }
}

# Runs examples, several at a time, each in a fresh pwsh: the built module imported, Start-YotiIdvEmulator
# -Connect done, in an empty folder of its own holding ids.csv (column session_id) and sessions.txt (one id a
# line) with the given session ids. Returns one result per example, keyed by its Key:
# ExitCode, StdOut, StdErr, TimedOut, Missing (expected output not found), and Passed (no error output, the
# expected exit code and output, no time-out).
function Invoke-YotiIdvExample {
    param(
        [Parameter(Mandatory)] [object[]] $Example,
        [Parameter(Mandatory)] [string] $ModuleManifest,
        [Parameter(Mandatory)] [string[]] $SessionId,
        [Parameter(Mandatory)] [string] $WorkRoot,
        [int] $ThrottleLimit = [Math]::Max(2, [Environment]::ProcessorCount),
        [int] $TimeoutSec = 120
    )
    $pwsh = Get-YotiIdvChildPwsh
    $queue = [Collections.Generic.Queue[object]]::new()
    foreach ($e in $Example) { $queue.Enqueue($e) }
    $running = [Collections.Generic.List[object]]::new()
    $results = @{}
    $n = 0
    while ($queue.Count -gt 0 -or $running.Count -gt 0) {
        while ($queue.Count -gt 0 -and $running.Count -lt $ThrottleLimit) {
            $example = $queue.Dequeue()
            $n++
            $dir = Join-Path $WorkRoot "example-$n"
            $work = Join-Path $dir 'work'
            $null = New-Item -ItemType Directory -Force -Path $work
            $SessionId | ForEach-Object { [pscustomobject]@{ session_id = $_ } } |
                Export-Csv -LiteralPath (Join-Path $work 'ids.csv') -NoTypeInformation
            Set-Content -LiteralPath (Join-Path $work 'sessions.txt') -Value $SessionId
            $script = Join-Path $dir 'example.ps1'
            $quote = { param($s) "'" + $s.Replace("'", "''") + "'" }
            $prelude = @(
                '$ErrorActionPreference = ''Stop'''
                '$ProgressPreference = ''SilentlyContinue'''
                'if (Get-Variable -Name PSStyle -ErrorAction Ignore) { $PSStyle.OutputRendering = ''PlainText'' }'
                "Import-Module -Name $(& $quote $ModuleManifest)"
                '$null = Start-YotiIdvEmulator -Connect'
                "Set-Location -LiteralPath $(& $quote $work)"
                '$ErrorActionPreference = ''Continue'''
                '$Error.Clear()'
                "# ---- $($example.Source): $($example.Title)"
            )
            Set-Content -LiteralPath $script -Value (($prelude -join "`n") + "`n" + $example.Code + "`n") -Encoding utf8

            $psi = [Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
            foreach ($a in $pwsh.Arguments + @('-File', $script)) { $psi.ArgumentList.Add($a) }
            $psi.WorkingDirectory = $work
            $psi.UseShellExecute = $false
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.RedirectStandardInput = $true
            foreach ($name in @($psi.Environment.Keys)) { if ($name -like 'YOTI_*') { $null = $psi.Environment.Remove($name) } }
            $psi.Environment['NO_COLOR'] = '1'
            $process = [Diagnostics.Process]::Start($psi)
            $process.StandardInput.Close()
            $running.Add([pscustomobject]@{
                    Example = $example
                    Process = $process
                    Out     = $process.StandardOutput.ReadToEndAsync()
                    Err     = $process.StandardError.ReadToEndAsync()
                    Started = [Diagnostics.Stopwatch]::StartNew()
                })
        }
        foreach ($r in @($running)) {
            $timedOut = -not $r.Process.HasExited -and $r.Started.Elapsed.TotalSeconds -gt $TimeoutSec
            if (-not $r.Process.HasExited -and -not $timedOut) { continue }
            if ($timedOut) { $r.Process.Kill($true) }
            $r.Process.WaitForExit()
            $stdout = $r.Out.GetAwaiter().GetResult()
            $stderr = $r.Err.GetAwaiter().GetResult()
            $exit = $r.Process.ExitCode
            # Examples made elsewhere (Publishing.Tests.ps1) may have no ExpectedOutput.
            # $example is typed [object[]] (it shares the parameter's name), so take its one element.
            $declared = @($r.Example)[0].PSObject.Properties['ExpectedOutput']
            $missing = [Collections.Generic.List[string]]::new()
            if ($declared) { foreach ($text in @($declared.Value)) { if (-not $stdout.Contains($text)) { $missing.Add($text) } } }
            $results[$r.Example.Key] = [pscustomobject]@{
                Missing  = $missing
                ExitCode = $exit
                StdOut   = $stdout
                StdErr   = $stderr
                TimedOut = $timedOut
                Seconds  = [Math]::Round($r.Started.Elapsed.TotalSeconds, 1)
                Passed   = -not $timedOut -and $exit -eq $r.Example.ExpectedExitCode -and -not $stderr.Trim() -and $missing.Count -eq 0
            }
            $r.Process.Dispose()
            $null = $running.Remove($r)
        }
        if ($running.Count -gt 0) { Start-Sleep -Milliseconds 50 }
    }
    $results
}

# Why an example failed, in a few lines: what was expected, the exit code, and the error output.
function Format-YotiIdvExampleFailure {
    param([Parameter(Mandatory)] $Example, [Parameter(Mandatory)] $Result)
    $lines = @()
    if ($Result.TimedOut) { $lines += "timed out after $($Result.Seconds) s" }
    if ($Result.ExitCode -ne $Example.ExpectedExitCode) {
        $lines += "exit code $($Result.ExitCode), expected $($Example.ExpectedExitCode) (declare another with '# Expected exit code: N')"
    }
    foreach ($text in $Result.Missing) { $lines += "the output does not contain '$text' (declared by '# Expected output contains:')" }
    if ($Result.StdErr.Trim()) { $lines += "error output:`n$($Result.StdErr.Trim())" }
    $out = $Result.StdOut.Trim()
    if ($out) { $lines += "output (last 1500 characters):`n$($out.Substring([Math]::Max(0, $out.Length - 1500)))" }
    $lines -join "`n"
}

# Examples that check the runner itself: what must pass and what must fail.
function Get-YotiIdvExampleRunnerCheck {
    $checks = [ordered]@{
        'an error it suppresses passes'                 = @($true, "Get-Item ./missing -ErrorAction SilentlyContinue`nGet-Item ./missing 2>`$null`ntry { throw 'x' } catch { }")
        'an error it writes fails'                      = @($false, "Write-Error 'broken'`n'after'")
        'a throw fails'                                 = @($false, "throw 'broken'")
        'exit 1 fails'                                  = @($false, 'exit 1')
        'exit 1 with its expected exit code passes'     = @($true, "# Expected exit code: 1`n'failing on purpose'`nexit 1")
        'a declared exit code must happen'              = @($false, "# Expected exit code: 3`n'no exit'")
        'its expected output passes'                    = @($true, "# Expected output contains: 12 ids`n# Expected output contains: ready`n""`$(@(Get-Content sessions.txt).Count) ids""`n'ready'")
        'a missing expected output fails'               = @($false, "# Expected output contains: not printed`n'something else'")
        'a credentials example is skipped'              = @($null, "$script:CredentialsMarker`nConnect-YotiIdv -SdkId x -KeyFilePath ./nope.pem")
        'the connection, module and files are there'    = @($true, "if (-not (Get-YotiIdvConnection)) { throw 'no connection' }`nif (@(Import-Csv ids.csv).session_id.Count -ne 12 -or @(Get-Content sessions.txt).Count -ne 12) { throw 'no ids' }`nif (@(Get-ChildItem).Count -ne 2) { throw 'folder not empty' }")
    }
    foreach ($title in $checks.Keys) {
        $case = New-YotiIdvExampleCase -Source 'runner' -Title $title -Code $checks[$title][1]
        $case | Add-Member -NotePropertyName Passes -NotePropertyValue $checks[$title][0] -PassThru
    }
}

Export-ModuleMember -Function Get-YotiIdvExampleRunnerCheck, Get-YotiIdvChildPwsh, Get-YotiIdvDocExample, Get-YotiIdvMarkdownExample, Invoke-YotiIdvExample, Format-YotiIdvExampleFailure
