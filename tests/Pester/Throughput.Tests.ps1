# Issue #6: concurrent fetching keeps the input order, stops promptly, shows progress only when wanted,
# and accounts for every input exactly once under a mix of faults (the soak test).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Module = Import-YotiIdvTestModule

    # A connected emulator with fast retries, so fault-heavy runs stay short.
    function script:Start-TestEmulator {
        param([int] $AddedLatencyMs = 0)
        $emulator = Start-YotiIdvEmulator -AddedLatencyMs $AddedLatencyMs
        $key = Join-Path $emulator.DataPath 'keys/test-only-private-key.pem'
        $connection = Connect-YotiIdv -SdkId $emulator.SdkId -KeyFilePath $key -ApiUrl $emulator.BaseUri -MaxRetries 10 -PassThru
        $connection.RequestOptions.RetryBaseDelay = [timespan]::FromMilliseconds(5)
        $connection.RequestOptions.RetryMaxDelay = [timespan]::FromMilliseconds(100)
        $emulator
    }

    # The id each output item stands for: a session's id, an error's target.
    function script:Get-OutcomeId {
        param([Parameter(ValueFromPipeline)] $Item)
        process { if ($Item -is [System.Management.Automation.ErrorRecord]) { "error:$($Item.TargetObject)" } else { $Item.SessionId } }
    }

    # Runs a script in a new runspace of this process (the module and its connection are shared).
    function script:New-Shell {
        param([string] $Script, [hashtable] $Variables = @{})
        $shell = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
        $null = $shell.AddScript("Import-Module '$($script:Module.Path)'").AddStatement()
        foreach ($name in $Variables.Keys) { $null = $shell.AddCommand('Set-Variable').AddParameter('Name', $name).AddParameter('Value', $Variables[$name]).AddStatement() }
        $null = $shell.AddScript($Script)
        $shell
    }
}

Describe 'Throughput and resilience (issue #6)' {
    AfterEach {
        Stop-YotiIdvEmulator
    }

    Describe 'Get-YotiSession output order' {
        It 'writes sessions and errors in input order although later requests finish first' {
            $emulator = Start-TestEmulator
            $ids = @($emulator.SessionIds | Sort-Object)
            # The first ids answer slowest, so with 8 in flight the later ones finish first.
            foreach ($i in 0..2) {
                $null = $emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Latency([timespan]::FromMilliseconds(300 - 100 * $i), "/sessions/$($ids[$i])", $null))
            }
            $inputIds = @($ids[0], 'not/valid', '00000000-0000-4000-8000-000000000000') + $ids[1..($ids.Count - 1)] + $ids[0]
            $outcome = $inputIds | Get-YotiSession -ThrottleLimit 8 -ErrorAction Continue 2>&1 | Get-OutcomeId
            $expected = $inputIds | ForEach-Object { if ($_ -in $ids) { $_ } else { "error:$_" } }
            $outcome | Should -Be $expected
        }
    }

    Describe 'Get-YotiSession cancellation' {
        It 'returns well before the 20 s answers when stopped during a slow batch, and writes nothing after the stop' {
            $emulator = Start-TestEmulator
            $null = $emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Latency([timespan]::FromSeconds(20), '*', $null))
            $shell = New-Shell -Script '$ids | Get-YotiSession -ThrottleLimit 4' -Variables @{ ids = @($emulator.SessionIds) }
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $pending = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ($emulator.Stats.RequestsReceived -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $emulator.Stats.RequestsReceived | Should -BeGreaterOrEqual 4

            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            # The answers take 20 s: under 5 s proves the stop did not wait for them, with room for a loaded machine.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0
            $shell.Dispose()
        }
    }

    Describe 'Get-YotiSession progress' {
        It 'shows progress for a long batch and completes it' {
            $emulator = Start-TestEmulator -AddedLatencyMs 40
            $ids = @($emulator.SessionIds) * 4
            $shell = New-Shell -Script '$ProgressPreference = "Continue"; $ids | Get-YotiSession -ThrottleLimit 2 | Out-Null' -Variables @{ ids = $ids }
            $null = $shell.Invoke()
            $records = @($shell.Streams.Progress | Where-Object Activity -eq 'Get-YotiSession')
            $records.Count | Should -BeGreaterThan 1
            # Piped input: no total to promise, so the inputs received so far; "running" is requests in flight, never the look-ahead window.
            foreach ($r in $records | Where-Object RecordType -ne 'Completed') {
                $r.StatusDescription | Should -Match '^\d+ done \(\d+ failed\) of \d+ received so far, (\d+) requests running, [\d.]+/s$'
                [int]($r.StatusDescription -replace '.*, (\d+) requests running.*', '$1') | Should -BeLessOrEqual 2
                $r.PercentComplete | Should -Be -1
            }
            $records[-1].RecordType | Should -Be 'Completed'
            $shell.Dispose()
        }

        It 'shows a total, a percentage and the time left for ids given as an array parameter' {
            $emulator = Start-TestEmulator -AddedLatencyMs 40
            $ids = @($emulator.SessionIds) * 4
            $shell = New-Shell -Script '$ProgressPreference = "Continue"; Get-YotiSession -SessionId $ids -ThrottleLimit 2 | Out-Null' -Variables @{ ids = $ids }
            $null = $shell.Invoke()
            $records = @($shell.Streams.Progress | Where-Object { $_.Activity -eq 'Get-YotiSession' -and $_.RecordType -ne 'Completed' })
            $records.Count | Should -BeGreaterThan 0
            $records[0].StatusDescription | Should -Match "^\d+ of $($ids.Count) done \(\d+ failed\), [0-2] requests running, [\d.]+/s$"
            $records[0].PercentComplete | Should -BeGreaterOrEqual 0
            $shell.Dispose()
        }

        It 'shows none when $ProgressPreference is SilentlyContinue' {
            $emulator = Start-TestEmulator -AddedLatencyMs 40
            $ids = @($emulator.SessionIds) * 4
            $shell = New-Shell -Script '$ProgressPreference = "SilentlyContinue"; $ids | Get-YotiSession -ThrottleLimit 2 | Out-Null' -Variables @{ ids = $ids }
            $null = $shell.Invoke()
            @($shell.Streams.Progress).Count | Should -Be 0
            $shell.Dispose()
        }
    }

    Describe 'Soak: 10,000 fetches under faults' {
        It 'yields exactly one session or one error per input, in order, with 10% 503, 5% 429, 2% truncated and 1% slow answers' {
            $emulator = Start-TestEmulator
            $faults = @(
                [YotiIdv.Emulator.YotiIdvFault]::Status(503, '*', $null, $null)
                [YotiIdv.Emulator.YotiIdvFault]::TooManyRequests(0, '*', $null)  # Retry-After: 0 keeps the run short
                [YotiIdv.Emulator.YotiIdvFault]::TruncateBody('*', $null)
                [YotiIdv.Emulator.YotiIdvFault]::Slow([timespan]::FromMilliseconds(40), 64, '*', $null)
            )
            $faults[0].Probability = 0.10; $faults[1].Probability = 0.05; $faults[2].Probability = 0.02; $faults[3].Probability = 0.01
            $seed = 0
            foreach ($fault in $faults) { $fault.Seed = ++$seed; $null = $emulator.AddFault($fault) }

            # 9,850 sessions that exist, 100 that do not (404) and 50 malformed ids (never sent), shuffled with a fixed seed.
            $random = [Random]::new(42)
            $inputs = [System.Collections.Generic.List[string]]::new()
            foreach ($i in 1..9850) {
                $id = [guid]::new([byte[]]@(foreach ($b in 1..16) { $random.Next(256) })).ToString()
                $null = $emulator.AddSession('{"session_id":"' + $id + '","state":"COMPLETED","resources":{},"checks":[]}')
                $inputs.Add($id)
            }
            foreach ($i in 1..100) { $inputs.Insert($random.Next($inputs.Count), [guid]::new([byte[]]@(foreach ($b in 1..16) { $random.Next(256) })).ToString()) }
            foreach ($i in 1..50) { $inputs.Insert($random.Next($inputs.Count), "bad id $i") }

            $watch = [Diagnostics.Stopwatch]::StartNew()
            $outcome = $inputs | Get-YotiSession -ThrottleLimit 16 -ErrorAction Continue 2>&1 | Get-OutcomeId
            $elapsed = $watch.Elapsed

            $sessions = @($outcome | Where-Object { -not $_.StartsWith('error:') }).Count
            $errors = @($outcome | Where-Object { $_.StartsWith('error:') }).Count
            Write-Host ("  soak: {0} inputs -> {1} sessions + {2} errors in {3:0.0} s; {4} requests received, faults applied: 503 x{5}, 429 x{6}, truncated x{7}, slow x{8}" -f
                $inputs.Count, $sessions, $errors, $elapsed.TotalSeconds, $emulator.Stats.RequestsReceived,
                $faults[0].TimesApplied, $faults[1].TimesApplied, $faults[2].TimesApplied, $faults[3].TimesApplied)

            $outcome.Count | Should -Be $inputs.Count
            $sessions | Should -Be 9850
            $errors | Should -Be 150
            $known = [System.Collections.Generic.HashSet[string]]::new([string[]]$emulator.SessionIds)
            $expected = foreach ($id in $inputs) { if ($known.Contains($id)) { $id } else { "error:$id" } }
            ($outcome -join "`n") | Should -BeExactly ($expected -join "`n")
            foreach ($fault in $faults) { $fault.TimesApplied | Should -BeGreaterThan 0 }
        }
    }
}
