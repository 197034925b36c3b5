BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:Sessions = @(Get-YotiSession -Path (Join-Path $script:Emulator.DataPath 'sessions/*.json'))
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-pester-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:WorkDir
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Get-YotiCheckBreakdown parameters' {
    It 'has exactly the documented parameters' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $names = (Get-Command Get-YotiCheckBreakdown).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
        $names | Should -Be (@('CheckType', 'Connection', 'MaxRetries', 'Result', 'Session', 'SessionId', 'SubCheck', 'ThrottleLimit', 'TimeoutSec') | Sort-Object)
    }

    It 'completes the documented check types and results' {
        $line = 'Get-YotiCheckBreakdown -CheckType '
        $types = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $types | Should -Contain 'ID_DOCUMENT_AUTHENTICITY'
        $types | Should -Contain 'LIVENESS'
        $types | Should -Contain 'WATCHLIST_SCREENING'
        $types.Count | Should -Be ([YotiIdv.Model.YotiCheckTypes]::All.Count)

        $line = 'Get-YotiCheckBreakdown -CheckType id_document_f'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'ID_DOCUMENT_FACE_MATCH'

        $line = 'Get-YotiCheckBreakdown x -Result '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('PASS', 'FAIL', 'WARNING')
    }
}

Describe 'Get-YotiCheckBreakdown rows' {
    It 'gives exactly the breakdown items of the 3 checks of the seed example' {
        $rows = @(Get-YotiCheckBreakdown $script:SeedId)
        $rows.Count | Should -Be 16
        $seed = Get-YotiSession $script:SeedId
        $expected = foreach ($c in $seed.Checks) { foreach ($b in $c.Report.Breakdown) { '{0}/{1}/{2}' -f $c.CheckId, $b.SubCheck, $b.Result } }
        $rows | ForEach-Object { '{0}/{1}/{2}' -f $_.CheckId, $_.SubCheck, $_.Result } | Should -Be $expected
        $rows[0].PSObject.TypeNames[0] | Should -Be 'YotiIdv.Model.YotiCheckBreakdownRow'
        ($rows.SessionId | Sort-Object -Unique) | Should -Be $script:SeedId
    }

    It 'filters with -Result, -CheckType and -SubCheck (wildcards)' {
        (Get-YotiCheckBreakdown $script:SeedId -Result FAIL).SubCheck | Should -Be @('hologram_movement', 'ocr_mrz_comparison')
        (Get-YotiCheckBreakdown $script:SeedId -Result fail -CheckType LIVENESS) | Should -BeNullOrEmpty
        (Get-YotiCheckBreakdown $script:SeedId -CheckType LIVENESS, ID_DOCUMENT_FACE_MATCH).SubCheck | Should -Be @('liveness_auth', 'ai_face_match')
        (Get-YotiCheckBreakdown $script:SeedId -SubCheck '*hologram*').SubCheck | Should -Be @('hologram', 'hologram_movement')
        $ocr = Get-YotiCheckBreakdown $script:SeedId -SubCheck ocr_mrz_comparison
        $ocr.Details | Should -Match 'document_number=MISMATCH'
        ($ocr.GetDetails() | Where-Object Value -eq MISMATCH).Name | Should -Be @('document_number', 'name')
    }

    It 'uses a piped session object without fetching it again' {
        $session = Get-YotiSession $script:SeedId
        Stop-YotiIdvEmulator
        try {
            ($session | Get-YotiCheckBreakdown).Count | Should -Be 16
            (Get-YotiCheckBreakdown -Session $session -Result FAIL).Count | Should -Be 2
        }
        finally {
            $script:Emulator = Start-YotiIdvEmulator -Connect
        }
    }

    It 'binds ids from Import-Csv rows and from plain strings, and writes errors per id' {
        $csv = Join-Path $script:WorkDir 'ids.csv'
        $script:Sessions | ForEach-Object { [pscustomobject]@{ session_id = $_.SessionId } } | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv | Get-YotiCheckBreakdown
        $expected = ($script:Sessions | ForEach-Object { [Math]::Max(1, ($_.Checks | ForEach-Object { [Math]::Max(1, @($_.Report.Breakdown).Count) } | Measure-Object -Sum).Sum) } | Where-Object { $_ } | Measure-Object -Sum).Sum
        $withChecks = $script:Sessions | Where-Object CheckCount -gt 0
        ($rows.SessionId | Sort-Object -Unique) | Should -Be ($withChecks.SessionId | Sort-Object -Unique)
        $rows.Count | Should -Be ($expected - 1) -Because 'the session without checks gives no row'

        $out = 'bad id', $script:SeedId | Get-YotiCheckBreakdown -Result FAIL -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'YotiInvalidSessionId,YotiIdv.Commands.GetYotiCheckBreakdownCommand'
        $errs[0].TargetObject | Should -Be 'bad id'
    }

    It 'gives one row with no sub-check for a check without breakdown (pending or empty)' {
        $expired = $script:Sessions | Where-Object State -eq EXPIRED
        $rows = @($expired | Get-YotiCheckBreakdown)
        $rows.Count | Should -Be $expired.CheckCount
        $rows.CheckState | Sort-Object -Unique | Should -Be 'CREATED'
        $rows.SubCheck | Where-Object { $_ } | Should -BeNullOrEmpty
        $rows.Result | Where-Object { $_ } | Should -BeNullOrEmpty
    }
}

Describe 'CSV and JSON output of sessions and rows' {
    It 'exports every fixture session and its rows with no System. cell and round-trips through Import-Csv' {
        foreach ($session in $script:Sessions) {
            $sessionCsv = Join-Path $script:WorkDir "$($session.SessionId).csv"
            $session | Export-Csv $sessionCsv -NoTypeInformation
            Get-Content -Raw $sessionCsv | Should -Not -Match 'System\.|YotiIdv\.' -Because "session $session"
            $back = @(Import-Csv $sessionCsv)
            $back.Count | Should -Be 1
            $back[0].SessionId | Should -Be $session.SessionId
            $back[0].WorstRecommendation | Should -Be "$($session.WorstRecommendation)"

            $rows = @($session | Get-YotiCheckBreakdown)
            if ($rows.Count -eq 0) { continue }
            $rowCsv = Join-Path $script:WorkDir "$($session.SessionId)-rows.csv"
            $rows | Export-Csv $rowCsv -NoTypeInformation
            Get-Content -Raw $rowCsv | Should -Not -Match 'System\.|YotiIdv\.' -Because "rows of session $session"
            $rowsBack = @(Import-Csv $rowCsv)
            $rowsBack.Count | Should -Be $rows.Count
            $rowsBack[0].PSObject.Properties.Name | Should -Be @('SessionId', 'CheckType', 'CheckId', 'CheckState', 'Recommendation', 'RecommendationReason', 'SubCheck', 'Result', 'Process', 'Details', 'ResourcesUsed', 'Created', 'LastUpdated')
        }
    }

    It 'has session summary properties derived from the checks and the identity profile' {
        $seed = $script:Sessions | Where-Object SessionId -eq $script:SeedId
        $seed.DocumentType | Should -Be 'PASSPORT'
        $seed.IssuingCountry | Should -Be 'GBR'
        $seed.CheckCount | Should -Be 3
        $seed.ChecksDone | Should -Be 3
        $seed.ChecksPending | Should -Be 0
        $seed.WorstRecommendation | Should -Be 'APPROVE'
        $seed.IdentityProfileResult | Should -Be 'DONE'
        $aborted = $script:Sessions | Where-Object IdentityProfileResult -eq ABORTED
        $aborted.IdentityProfileFailureReason | Should -Be 'UNABLE_TO_VALIDATE_DOCUMENT'
        ($script:Sessions | Where-Object WorstRecommendation -eq REJECT).Count | Should -BeGreaterThan 0
    }

    It 'converts rows and sessions to JSON with Yoti''s own strings and ISO dates' {
        $row = Get-YotiCheckBreakdown $script:SeedId -SubCheck ocr_mrz_comparison
        $json = $row | ConvertTo-Json
        $back = $json | ConvertFrom-Json -DateKind String
        $back.Result | Should -Be 'FAIL'
        $back.CheckState | Should -Be 'DONE'
        # A YotiTimestamp is an object to ConvertTo-Json: its Value is the ISO date (about_YotiIdv, DATES).
        $back.Created.Value | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'

        foreach ($session in $script:Sessions) {
            $s = $session | ConvertTo-Json -Depth 12 -WarningAction Stop | ConvertFrom-Json
            $s.State | Should -Be $session.State
            $s.Checks.Count | Should -Be $session.CheckCount
            foreach ($i in 0..($session.CheckCount - 1)) {
                if ($session.CheckCount -eq 0) { break }
                $s.Checks[$i].Type | Should -Be $session.Checks[$i].Type
                $s.Checks[$i].State | Should -BeOfType [string]
            }
        }
    }
}

Describe 'Formatting views' {
    It 'renders table and list views of every fixture at 120 columns' {
        foreach ($session in $script:Sessions) {
            $table = $session | Format-Table | Out-String -Width 120
            $table | Should -Match 'SessionId\s+State\s+Worst\s+Profile\s+TrackingId'
            ($session | Format-Table -View Wide | Out-String -Width 120) | Should -Match 'SessionId\s+State\s+Checks\s+Worst\s+Document\s+Profile\s+UserTrackingId'
            $table | Should -Match $session.SessionId
            ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
            $list = $session | Format-List | Out-String -Width 120
            $list | Should -Match "WorstRecommendation\s+: $($session.WorstRecommendation)"
            $list | Should -Match "CheckCount\s+: $($session.CheckCount)"

            if ($session.CheckCount -gt 0) {
                $checks = $session.Checks | Format-Table | Out-String -Width 120
                $checks | Should -Match 'Type\s+State\s+Recommendation'
                $checks | Should -Match ([regex]::Escape($session.Checks[0].Type))
                ($session.Checks | Format-List | Out-String -Width 120) | Should -Match 'Breakdown\s+:'

                $rows = $session | Get-YotiCheckBreakdown
                $rowTable = $rows | Format-Table | Out-String -Width 120
                $rowTable | Should -Match "SessionId: $($session.SessionId)"
                $rowTable | Should -Match 'CheckType\s+Check\s+SubCheck\s+Result\s+Details'
                ($rows | Format-Table -View Wide | Out-String -Width 120) | Should -Match 'CheckType\s+Check\s+Recommendation\s+SubCheck\s+Result\s+Details'
                ($rowTable -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
                ($rows | Format-List | Out-String -Width 120) | Should -Match 'RecommendationReason\s+:'
            }

            $media = $session.GetAllMedia()
            if ($media.Count -gt 0) {
                $mediaTable = $media | Format-Table | Out-String -Width 120
                $mediaTable | Should -Match 'MediaId\s+Type\s+Created\s+SessionId'
                $mediaTable | Should -Match $media[0].MediaId
            }

            $documents = @($session.Resources.IdDocuments) + @($session.Resources.SupplementaryDocuments)
            if ($documents.Count -gt 0) {
                $docTable = $documents | Format-Table | Out-String -Width 120
                $docTable | Should -Match 'ResourceId\s+DocumentType\s+Country'
                $docTable | Should -Match $documents[0].ResourceId
                ($documents | Format-List | Out-String -Width 120) | Should -Match 'CollectionName\s+:'
            }
        }
    }

    It 'shows the failed sub-checks of the seed example in the default table' {
        $text = Get-YotiCheckBreakdown $script:SeedId -Result FAIL | Out-String -Width 120
        $text | Should -Match 'ID_DOCUMENT_AUTHENTICITY\s+[0-9a-f]{8}\s+hologram_movement\s+FAIL'
        (Get-YotiCheckBreakdown $script:SeedId -Result FAIL | Format-Table -View Wide | Out-String -Width 120) | Should -Match 'ID_DOCUMENT_AUTHENTICITY\s+[0-9a-f]{8}\s+APPROVE\s+hologram_movement\s+FAIL'
        $text | Should -Match 'ocr_mrz_comparison\s+FAIL\s+date_of_birth=MATCH'
    }
}
