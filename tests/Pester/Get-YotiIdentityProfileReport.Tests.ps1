BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:AbortedId = '26b519b1-480e-403d-935f-c6d7cc45c8f6'
    $script:OngoingId = 'e36241c0-7098-407f-a4a5-39b82fb54e31'
    $script:MultiId = '5d709d2b-1759-4f1e-8f4c-393c7ab9b596'
    $script:UnknownId = '00000000-0000-4000-8000-000000000000'
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("yotiidv-report-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $script:WorkDir
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)

    # Runs the scheduled example in a child pwsh with the connection in the environment, as a scheduler would.
    function script:Invoke-ScheduledExample([string] $InputPath, [string] $OutputPath) {
        $script = Join-Path $script:RepoRoot 'docs/examples/Scheduled-IdentityProfileReport.ps1'
        $env:YOTI_CLIENT_SDK_ID = $script:Emulator.SdkId
        $env:YOTI_KEY_FILE_PATH = Join-Path $script:Emulator.DataPath 'keys/test-only-private-key.pem'
        $env:YOTI_IDV_API_URL = $script:Emulator.BaseUri.AbsoluteUri
        try {
            $exe = [Environment]::ProcessPath
            $arguments = @('-NoProfile', '-NonInteractive', '-File', $script, '-InputPath', $InputPath, '-OutputPath', $OutputPath, '-Module', $env:YOTIIDV_TEST_MANIFEST)
            if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
            $output = & $exe @arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            Remove-Item Env:YOTI_CLIENT_SDK_ID, Env:YOTI_KEY_FILE_PATH, Env:YOTI_IDV_API_URL
        }
    }
}

AfterAll {
    Stop-YotiIdvEmulator
    Remove-Item -Recurse -Force $script:WorkDir -ErrorAction SilentlyContinue
}

Describe 'Get-YotiIdentityProfileReport parameters' {
    It 'has exactly the documented parameters' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $names = (Get-Command Get-YotiIdentityProfileReport).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
        $names | Should -Be (@('Connection', 'Force', 'MaxRetries', 'OutFile', 'PassThru', 'Path', 'Raw', 'Session', 'SessionId', 'SkipNotRequested', 'ThrottleLimit', 'TimeoutSec') | Sort-Object)
    }

    It 'binds a piped session object to -Session and CSV rows and strings to -SessionId' {
        $session = Get-YotiSession $script:DoneId
        $before = $script:Emulator.Stats.RequestsReceived
        ($session | Get-YotiIdentityProfileReport).SessionId | Should -Be $script:DoneId
        $script:Emulator.Stats.RequestsReceived - $before | Should -Be 1 -Because 'the piped session is not fetched again'
        ([pscustomobject]@{ session_id = $script:DoneId } | Get-YotiIdentityProfileReport).SessionId | Should -Be $script:DoneId
        ($script:DoneId | Get-YotiIdentityProfileReport).SessionId | Should -Be $script:DoneId
    }
}

Describe 'Get-YotiIdentityProfileReport against the emulator' {
    It 'returns the typed report of the seed (advanced) session' {
        $r = Get-YotiIdentityProfileReport $script:SeedId
        $r | Should -BeOfType ([YotiIdv.Model.YotiProfileReport])
        $r.ProfileType | Should -Be 'advanced_identity_profile'
        $r.TrustFramework | Should -Be 'YOTI_GLOBAL'
        $r.SchemesCompliance[0].Label | Should -Be 'EXAMPLEALL1'
        $r.RequirementsMet | Should -BeTrue
    }

    It 'returns the plain identity profile report with the values of the fixture' {
        $fixture = Get-Content -Raw (Join-Path $script:RepoRoot 'tests/fixtures/media-identity-profile-report.json') | ConvertFrom-Json
        $r = Get-YotiIdentityProfileReport $script:DoneId
        $r.FullName | Should -Be $fixture.identity_assertion.current_name.full_name
        $r.DateOfBirth | Should -Be $fixture.identity_assertion.date_of_birth
        $r.VerificationReports[0].ReportId | Should -Be $fixture.verification_report.report_id
        $r.VerificationReports[0].AssuranceProcess.LevelOfAssurance | Should -Be $fixture.verification_report.assurance_process.level_of_assurance
        $r.VerificationReports[0].Evidence.Documents.EvidenceId | Should -Be $fixture.verification_report.evidence.documents.evidence_id
        # The emulator signs its sample report for its own origin (TEST-ONLY report key).
        $r.Proof.PublicKeyUrl | Should -Be ($script:Emulator.BaseUri.AbsoluteUri.TrimEnd('/') + '/keys/yotiidv-emulator-test-only-01')
        $r.Scheme | Should -Be 'DBS BASIC, RTW'
    }

    It 'reports DBS STANDARD not met in the multi-framework session' {
        $r = Get-YotiIdentityProfileReport $script:MultiId
        $r.RequirementsMet | Should -BeFalse
        $r.RequirementsNotMet | Should -Be 'DBS STANDARD (INSUFFICIENT_ACTIVITY_HISTORY)'
        $r.TrustFramework | Should -Be 'UK_TFIDA, YOTI_GLOBAL'
    }

    It 'says why there is no report, with the reason on the target object' {
        $out = $script:AbortedId, $script:OngoingId | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'YotiIdentityProfileAborted,YotiIdv.Commands.GetYotiIdentityProfileReportCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].TargetObject.ReasonCode | Should -Be 'UNABLE_TO_VALIDATE_DOCUMENT'
        $errs[0].TargetObject.RequirementsNotMetDetails.Details | Should -Be @('PARTIAL_PHOTO', 'PHOTO_TOO_DARK')
        "$($errs[0].TargetObject)" | Should -Be $script:AbortedId
        $errs[0].ErrorDetails.Message | Should -Match 'UNABLE_TO_VALIDATE_DOCUMENT'
        $errs[1].FullyQualifiedErrorId | Should -Be 'YotiIdentityProfileNotReady,YotiIdv.Commands.GetYotiIdentityProfileReportCommand'
        $errs[1].TargetObject.State | Should -Be 'ONGOING'
    }

    It 'turns a per-session error into a terminating one with -ErrorAction Stop' {
        { Get-YotiIdentityProfileReport $script:AbortedId -ErrorAction Stop } |
            Should -Throw -ErrorId 'YotiIdentityProfileAborted,YotiIdv.Commands.GetYotiIdentityProfileReportCommand'
    }

    It 'saves the JSON exactly as received, never overwriting without -Force, and honours -WhatIf' {
        $file = Join-Path $script:WorkDir 'report.json'
        Get-YotiIdentityProfileReport $script:DoneId -OutFile $file -WhatIf
        $file | Should -Not -Exist
        Get-YotiIdentityProfileReport $script:DoneId -OutFile $file | Should -BeNullOrEmpty
        # As received: the emulator serves its sample report signed for its own origin (TEST-ONLY report key).
        $expected = $script:Emulator.GetServedMedia($script:DoneId, '1ad3a591-2a8c-4767-8c60-c2501402e485')
        [IO.File]::ReadAllBytes($file) | Should -Be $expected
        Get-YotiIdentityProfileReport $script:DoneId -OutFile $file -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -BeLike 'YotiOutputFileExists,*'
        (Get-YotiIdentityProfileReport $script:DoneId -OutFile $file -Force -PassThru -Raw) | Should -Be ([Text.Encoding]::UTF8.GetString($expected))
    }

    It 'renders the table and list views' {
        $r = Get-YotiIdentityProfileReport $script:MultiId
        $table = $r | Format-Table | Out-String -Width 120
        $table | Should -Match 'SessionId\s+Result\s+Met\s+TrustFramework\s+Scheme'
        $table | Should -Match ([regex]::Escape($script:MultiId))
        $list = $r | Format-List | Out-String -Width 120
        $list | Should -Match 'UK_TFIDA DBS STANDARD: NOT met \(INSUFFICIENT_ACTIVITY_HISTORY\)'
        $list | Should -Match 'IRL PASSPORT: CHIP_DIGITAL_SIGNATURE'
        $list | Should -Match 'LevelOfAssurance\s+: MEDIUM'
    }
}

Describe 'The scheduled-automation example (docs/examples/Scheduled-IdentityProfileReport.ps1)' {
    It 'writes one row per session and exits 0 when every session was retrieved' {
        $in = Join-Path $script:WorkDir 'good.csv'
        $out = Join-Path $script:WorkDir 'good-out.csv'
        @($script:SeedId, $script:DoneId, $script:AbortedId, $script:OngoingId, $script:MultiId) |
            ForEach-Object { [pscustomobject]@{ session_id = $_ } } | Export-Csv $in -NoTypeInformation
        $run = Invoke-ScheduledExample $in $out
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $rows = Import-Csv $out
        $rows.SessionId | Should -Be @($script:SeedId, $script:DoneId, $script:AbortedId, $script:OngoingId, $script:MultiId)
        $rows[1].Status | Should -Be 'OK'
        $rows[1].TrustFramework | Should -Be 'UK_TFIDA'
        $rows[1].Scheme | Should -Be 'DBS BASIC, RTW'
        $rows[1].RequirementsMet | Should -Be 'True'
        $rows[2].Status | Should -Be 'Aborted'
        $rows[2].Result | Should -Be 'ABORTED'
        $rows[2].FailureReason | Should -Be 'UNABLE_TO_VALIDATE_DOCUMENT'
        $rows[3].Status | Should -Be 'NotReady'
        $rows[4].RequirementsMet | Should -Be 'False'
        $rows[4].FailureReason | Should -Be 'DBS STANDARD (INSUFFICIENT_ACTIVITY_HISTORY)'
    }

    It 'exits 1 when a session cannot be retrieved, and still writes every row' {
        $in = Join-Path $script:WorkDir 'bad.txt'
        $out = Join-Path $script:WorkDir 'bad-out.csv'
        Set-Content -Path $in -Value @($script:DoneId, $script:UnknownId, $script:SeedId)
        $run = Invoke-ScheduledExample $in $out
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $rows = Import-Csv $out
        $rows.SessionId | Should -Be @($script:DoneId, $script:UnknownId, $script:SeedId)
        $rows.Status | Should -Be @('OK', 'Error', 'OK')
        $rows[1].FailureReason | Should -Be 'YotiSessionNotFound'
    }
}
