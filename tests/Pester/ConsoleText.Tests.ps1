# Issue #10 item 3: no control characters on the console. A hostile server (or file) puts ANSI sequences, OSC
# window titles and hyperlinks, NUL, backspace, DEL, C1 controls and bidirectional overrides into the values the
# module shows; every view, the error view, warnings and verbose lines must show them as visible escapes, while
# the property values and GetRawJson() keep the exact text.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $PSStyle.OutputRendering = 'PlainText' # PowerShell's own colours are not the module's text
    $e = [char]0x1B
    $bel = [char]0x07
    $script:Hostile = "$e[31mRED$e[0m $e]0;TITLE$bel $e]8;;https://evil.example/$($bel)LINK$e]8;;$bel $e[2J NUL:$([char]0) BS:$([char]8) DEL:$([char]0x7F) C1:$([char]0x9B)31m BIDI:$([char]0x202E)exe.txt$([char]0x2066)x$([char]0x2069) NL:`nTAB:`t"
    $script:Unsafe = '[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]'
    function script:Assert-Safe([string] $Text, [string] $What) {
        $Text | Should -Not -BeNullOrEmpty
        $Text | Should -Not -Match $script:Unsafe -Because "$What must show control characters as escapes"
    }

    # The seed session with the hostile text in the tracking id, a check type, breakdown names, details and a reason.
    $session = Get-Content -Raw (Join-Path (Get-YotiIdvRepoRoot) 'tests/fixtures/seed-example-session.json') | ConvertFrom-Json -Depth 100
    $script:SessionId = '0bad0bad-1111-4222-8333-444455556666'
    $session.session_id = $script:SessionId
    $session | Add-Member -NotePropertyName user_tracking_id -NotePropertyValue $script:Hostile -Force
    $session.checks[0].type = $script:Hostile
    $session.checks[0].report.recommendation = [pscustomobject]@{ value = 'REJECT'; reason = $script:Hostile }
    $session.checks[0].report.breakdown[0].sub_check = $script:Hostile
    $session.checks[0].report.breakdown[0].result = $script:Hostile
    $session.checks[0].report.breakdown[0].details = @([pscustomobject]@{ name = $script:Hostile; value = $script:Hostile })
    $session.resources.id_documents[0].document_type = $script:Hostile
    $script:Json = $session | ConvertTo-Json -Depth 100
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $null = $script:Emulator.AddSession($script:Json)
}

AfterAll { $script:Emulator | Stop-YotiIdvEmulator }

Describe 'Hostile text from the API' {
    BeforeAll {
        $script:Session = Get-YotiSession -SessionId $script:SessionId
        $script:Rows = $script:Session | Get-YotiCheckBreakdown
    }

    It 'keeps the exact text in the property values and in GetRawJson()' {
        $script:Session.UserTrackingId | Should -BeExactly $script:Hostile
        $script:Session.Checks[0].Type | Should -BeExactly $script:Hostile
        $script:Rows[0].SubCheck | Should -BeExactly $script:Hostile
        (ConvertFrom-Json $script:Session.GetRawJson()).user_tracking_id | Should -BeExactly $script:Hostile
    }

    It 'shows escapes in the <View> view at <Width> columns' -ForEach @(
        @{ View = 'session table'; Width = 80; Render = { $script:Session | Format-Table } }
        @{ View = 'session Wide table'; Width = 120; Render = { $script:Session | Format-Table -View Wide } }
        @{ View = 'session list'; Width = 80; Render = { $script:Session | Format-List } }
        @{ View = 'check table'; Width = 80; Render = { $script:Session.Checks | Format-Table } }
        @{ View = 'check list'; Width = 120; Render = { $script:Session.Checks | Format-List } }
        @{ View = 'breakdown table'; Width = 120; Render = { $script:Rows | Format-Table } }
        @{ View = 'breakdown Wide table'; Width = 120; Render = { $script:Rows | Format-Table -View Wide } }
        @{ View = 'breakdown list'; Width = 120; Render = { $script:Rows | Format-List } }
        @{ View = 'document table'; Width = 120; Render = { $script:Session.Resources.IdDocuments | Format-Table } }
        @{ View = 'document list'; Width = 120; Render = { $script:Session.Resources.IdDocuments | Format-List } }
        # Each type on its own: a stream of mixed types makes PowerShell list the raw properties of the later ones.
        @{ View = 'default output of sessions'; Width = 120; Render = { $script:Session } }
        @{ View = 'default output of breakdown rows'; Width = 80; Render = { $script:Rows } }
        @{ View = 'default output of checks'; Width = 80; Render = { $script:Session.Checks } }
    ) {
        $text = & $Render | Out-String -Width $Width
        Assert-Safe $text $View
        $text | Should -Match ([regex]::Escape('\u001B')) -Because 'the hostile text is shown, escaped'
    }

    It 'shows escapes in ToString() of the output types' {
        Assert-Safe $script:Session.Checks[0].Report.ToString() 'the report text'
        Assert-Safe $script:Session.Checks[0].Report.Breakdown[0].Details.ToString() 'the details text'
        Assert-Safe $script:Rows[0].ToString() 'a breakdown row'
        Assert-Safe "$($script:Session.Checks)" 'a list of checks'
        Assert-Safe ([YotiIdv.ConsoleText]::Escape($script:Hostile)) 'ConsoleText.Escape'
    }

    It 'shows escapes in warnings (a filter value echoed back)' {
        $null = $script:Session | Get-YotiCheckBreakdown -Result $script:Hostile -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        Assert-Safe $warnings[0].Message 'the warning'
    }

    It 'shows escapes in the error view, its details and the verbose lines of a hostile error body' {
        $body = @{ code = "BAD$script:Hostile"; message = $script:Hostile; errors = @(@{ property = $script:Hostile; message = $script:Hostile }) } | ConvertTo-Json
        $fault = [YotiIdv.Emulator.YotiIdvFault]::Status(400, "*$script:SessionId*")
        $fault.Body = $body
        $fault.ContentType = 'application/json'
        $null = $script:Emulator.AddFault($fault)
        try {
            $out = Get-YotiSession -SessionId $script:SessionId -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        }
        finally { $script:Emulator.ClearFaults() }
        $errs.Count | Should -Be 1
        $errs[0].Exception.Message | Should -Match $script:Unsafe -Because 'the exception keeps the text for scripts (the test must be able to fail)'
        # DetailedView (Get-Error) lists the exception's own properties, which keep the exact text for scripts.
        foreach ($view in 'ConciseView', 'NormalView', 'CategoryView') {
            $ErrorView = $view
            Assert-Safe ($errs[0] | Out-String -Width 120) "the error view ($view)"
        }
        Assert-Safe $errs[0].ErrorDetails.Message 'ErrorDetails'
        Assert-Safe ([string]$errs[0].ErrorDetails.RecommendedAction + '.') 'the recommended action'
        Assert-Safe $errs[0].CategoryInfo.GetMessage() 'the category info'
        foreach ($verbose in @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })) { Assert-Safe $verbose.Message 'a verbose line' }
    }

    It 'shows escapes in the error of a hostile id and of a hostile saved file' {
        $null = "x$script:Hostile" | Get-YotiSession -ErrorVariable errs -ErrorAction SilentlyContinue
        $ErrorView = 'NormalView'
        Assert-Safe ($errs[0] | Out-String -Width 120) 'the invalid-id error'
        $file = Join-Path $TestDrive 'hostile.json'
        Set-Content -Path $file -Value ('{"session_id": "' + $script:SessionId + '", "state": 42, "checks": "' + ($script:Hostile -replace '[\x00-\x1F\\"]', { '\u{0:x4}' -f [int][char]$_.Value }) + '"}')
        $saved = Get-YotiSession -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        if ($errs.Count -gt 0) { Assert-Safe ($errs[0] | Out-String -Width 120) 'the saved-file error' }
        else { Assert-Safe ($saved | Out-String -Width 120) 'a saved file' }
    }
}
