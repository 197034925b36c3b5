BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../browser/BrowserSupport.psm1') -Force
    $script:Browser = Find-YotiReportBrowser
    $script:BrowserSkip = -not $script:Browser -or -not (Test-YotiReportPuppeteer)
    if ($script:BrowserSkip) {
        Write-Warning ("Export-YotiEvidenceReport browser tests SKIPPED: " + $(if (-not $script:Browser) { "no browser; install $(Get-YotiReportBrowserHint)" } else { 'Node.js or puppeteer-core is missing; run: dotnet pwsh ./build.ps1 -Task Test (it runs npm ci in tests/browser)' }))
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../browser/BrowserSupport.psm1') -Force
    $module = Import-YotiIdvTestModule
    $script:RepoRoot = Get-YotiIdvRepoRoot
    $script:SeedId = '52098976-42d0-4051-a80f-7fc3438e4d9e'
    $script:DoneId = 'dc376625-6bec-4fc8-9740-bd06f2220c65'
    $script:ExpiredId = 'f8992779-9335-4678-adfd-3885307ceb44'
    $script:HostileId = '0badc0de-0000-4000-8000-00000000dead'
    $script:Payload = "<script>console.log('YOTI-PWNED')</script><img src=x onerror=console.log('YOTI-PWNED')><a href=`"javascript:console.log('YOTI-PWNED')`">x</a></style></title><svg onload=console.log('YOTI-PWNED')></svg>&amp;`"'"

    # A copy of the sample data plus one hostile session (every string a payload; ids and media types kept so
    # its media are still served), with hostile document fields and a hostile identity profile report.
    $script:DataPath = Join-Path $TestDrive 'emulator-data'
    Copy-Item -Recurse (Join-Path $module.ModuleBase 'Emulator/SampleData') $script:DataPath
    function ConvertTo-Hostile($node) {
        if ($node -is [System.Collections.IDictionary]) {
            foreach ($key in @($node.Keys)) { $node[$key] = ConvertTo-Hostile $node[$key] }
            return $node
        }
        if ($node -is [System.Collections.IList]) {
            for ($i = 0; $i -lt $node.Count; $i++) { $node[$i] = ConvertTo-Hostile $node[$i] }
            return , $node
        }
        if ($node -is [string] -and -not [guid]::TryParse($node, [ref][guid]::Empty) -and $node -notin 'IMAGE', 'JSON', 'BINARY', 'VIDEO') {
            return $script:Payload + $node
        }
        return $node
    }
    $seedFile = Join-Path $script:DataPath 'sessions/seed-example-session.json'
    # One of the seed's frames answers 204 No Content (an image the page must name, not show broken).
    $script:NoContentFrame = '0cb9158b-7940-49af-a72c-bf2f9711c154'
    Remove-Item (Join-Path $script:DataPath "media/$script:NoContentFrame.*")
    $null = New-Item -ItemType File (Join-Path $script:DataPath "media/$script:NoContentFrame.204")
    $hostile = ConvertTo-Hostile (Get-Content -Raw $seedFile | ConvertFrom-Json -AsHashtable -Depth 100)
    $hostile.session_id = $script:HostileId
    $hostile.user_tracking_id = $script:Payload
    # A media id that must never be requested nor become a file name or a URL.
    $hostile.resources.id_documents[0].pages[0].frames += @{ media = @{ id = '../../etc/passwd"><script>console.log(''YOTI-PWNED'')</script>'; type = 'IMAGE' } }
    $hostile | ConvertTo-Json -Depth 100 | Set-Content -LiteralPath (Join-Path $script:DataPath 'sessions/hostile.json') -Encoding utf8NoBOM
    foreach ($json in Get-ChildItem (Join-Path $script:DataPath 'media') -Filter *.json) {
        if ((Get-Content -Raw $seedFile).Contains('"' + $json.BaseName + '"')) {
            $fields = ConvertTo-Hostile (Get-Content -Raw $json.FullName | ConvertFrom-Json -AsHashtable -Depth 100)
            $fields | ConvertTo-Json -Depth 100 | Set-Content -LiteralPath $json.FullName -Encoding utf8NoBOM
        }
    }
    $script:Emulator = Start-YotiIdvEmulator -Path $script:DataPath -Connect
    $script:SampleIds = @($script:Emulator.SessionIds | Where-Object { $_ -ne $script:HostileId })

    # Archives as Save-YotiSession writes them (manifest with key_sets, keys/<kid>.jwks), from the emulator.
    function Save-TestArchive([string] $Root, [string[]] $SessionId) {
        $null = $SessionId | Save-YotiSession -Destination $Root -WarningAction SilentlyContinue
        foreach ($id in $SessionId) { Join-Path $Root $id }
    }
    # A copy of an archive folder under a root of its own (the folder keeps the session id as its name).
    function Copy-TestArchive([string] $Folder, [string] $Root) {
        $null = New-Item -ItemType Directory -Force $Root
        Copy-Item -Recurse $Folder $Root
        Join-Path $Root (Split-Path -Leaf $Folder)
    }
    function Set-TestManifest([string] $Folder, [scriptblock] $Change) {
        $path = Join-Path $Folder 'manifest.json'
        $manifest = Get-Content -Raw $path | ConvertFrom-Json
        & $Change $manifest
        $manifest | ConvertTo-Json -Depth 10 | Set-Content $path -Encoding utf8NoBOM
    }

    # Reading a page: one part by its element id (header, section) or tag (footer); the text of markup (tags and
    # <wbr> removed, entities decoded); the rows of its key/value tables; the rows of its grid tables by column.
    function Get-ReportPart([string] $Html, [string] $Id) {
        $pattern = if ($Id -eq 'footer') { '(?s)<footer\b.*?</footer>' } else { "(?s)<(header|section)\b[^>]*\bid=`"$Id`".*?</\1>" }
        $match = [regex]::Match($Html, $pattern)
        if (-not $match.Success) { throw "The page has no part '$Id'." }
        $match.Value
    }
    function Get-HtmlText([string] $Markup) {
        ([System.Net.WebUtility]::HtmlDecode(($Markup -replace '<br>', ' ' -replace '<[^>]+>', '')) -replace '\s+', ' ').Trim()
    }
    function Get-ReportRow([string] $Markup) {
        $rows = [ordered]@{}
        foreach ($m in [regex]::Matches($Markup, '(?s)<tr><th scope="row">(.*?)</th><td[^>]*>(.*?)</td></tr>')) {
            $rows[(Get-HtmlText $m.Groups[1].Value)] = Get-HtmlText $m.Groups[2].Value
        }
        $rows
    }
    function Get-ReportGrid([string] $Markup) {
        foreach ($row in [regex]::Matches($Markup, '(?s)<tr[^>]*>(<td data-label.*?)</tr>')) {
            $cells = [ordered]@{}
            foreach ($cell in [regex]::Matches($row.Groups[1].Value, '(?s)<td data-label="([^"]*)"[^>]*>(.*?)</td>')) {
                $cells[$cell.Groups[1].Value] = Get-HtmlText $cell.Groups[2].Value
            }
            [pscustomobject]$cells
        }
    }
}

AfterAll {
    Stop-YotiIdvEmulator -Emulator $script:Emulator
}

Describe 'Export-YotiEvidenceReport contract' {
    It 'has exactly the parameters it documents' {
        $skip = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        @((Get-Command Export-YotiEvidenceReport).Parameters.Keys | Where-Object { $skip -notcontains $_ } | Sort-Object) -join ' ' |
            Should -BeExactly 'Connection Destination Force MaxRetries OutFile Path Session SessionId ThrottleLimit TimeoutSec'
    }

    It 'emits the files it writes (FileInfo)' {
        (Get-Command Export-YotiEvidenceReport).OutputType.Type | Should -Be ([System.IO.FileInfo])
    }
}

Describe 'Export-YotiEvidenceReport against the emulator' {
    It 'writes one page per piped id, named after the session id, in input order, and -WhatIf writes nothing' {
        $dest = Join-Path $TestDrive 'live'
        $script:SampleIds | Export-YotiEvidenceReport -Destination $dest -WhatIf
        Test-Path $dest | Should -BeFalse

        $files = $script:SampleIds | Export-YotiEvidenceReport -Destination $dest
        $files | Should -HaveCount $script:SampleIds.Count
        $files[0] | Should -BeOfType ([System.IO.FileInfo])
        $files.BaseName | Should -Be $script:SampleIds
        (Get-ChildItem $dest -Filter *.html).Count | Should -Be $script:SampleIds.Count
    }

    It 'never overwrites without -Force: one YotiOutputFileExists error per existing file, the others still written' {
        $dest = Join-Path $TestDrive 'again'
        $null = $script:SeedId | Export-YotiEvidenceReport -Destination $dest
        $before = (Get-Item (Join-Path $dest "$script:SeedId.html")).LastWriteTimeUtc
        $files = $script:SeedId, $script:DoneId | Export-YotiEvidenceReport -Destination $dest -ErrorVariable errs -ErrorAction SilentlyContinue
        $files.BaseName | Should -Be @($script:DoneId)
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'YotiOutputFileExists,*'
        $errs[0].TargetObject | Should -Be $script:SeedId
        (Get-Item (Join-Path $dest "$script:SeedId.html")).LastWriteTimeUtc | Should -Be $before

        $forced = $script:SeedId | Export-YotiEvidenceReport -Destination $dest -Force
        $forced.Name | Should -Be "$script:SeedId.html"
    }

    It 'writes one session to -OutFile and refuses a second session for the same file' {
        $out = Join-Path $TestDrive 'one.html'
        $files = $script:SeedId, $script:DoneId | Export-YotiEvidenceReport -OutFile $out -ErrorVariable errs -ErrorAction SilentlyContinue
        $files.FullName | Should -Be $out
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be $script:DoneId
        Get-Content -Raw $out | Should -Match ([regex]::Escape($script:SeedId))
    }

    It 'shows the report''s proof as verified, checked with the key set fetched from the emulator''s trusted origin' {
        $html = Get-Content -Raw ($script:DoneId | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'proof')).FullName
        $html | Should -Match ([regex]::Escape('<span class="badge ok">verified</span> signed by key'))
        $html | Should -Match '\(Fetched\)'
    }

    It 'reports bad and unknown ids as error records and goes on' {
        $files = 'not/an id', '00000000-0000-4000-8000-000000000000', $script:SeedId |
            Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'errors') -ErrorVariable errs -ErrorAction SilentlyContinue
        $files.BaseName | Should -Be @($script:SeedId)
        $errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('YotiInvalidSessionId', 'YotiSessionNotFound')
    }

    It 'takes session objects (not fetched again) and -OutFile and -Destination together is one terminating error' {
        $session = Get-YotiSession $script:DoneId
        $file = $session | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'objects')
        $file.BaseName | Should -Be $script:DoneId
        { $session | Export-YotiEvidenceReport -OutFile x.html -Destination y } | Should -Throw -ErrorId 'YotiInvalidParameterCombination*'
    }

    It 'names media that could not be had (204, 404) and embeds the rest' {
        $dest = Join-Path $TestDrive 'missing'
        $null = $script:SeedId, $script:ExpiredId | Export-YotiEvidenceReport -Destination $dest
        $seed = Get-Content -Raw (Join-Path $dest "$script:SeedId.html")
        $seed | Should -Match "Not available: 204 No Content[^<]*</div><figcaption>Page 1, frame 1<br><span class=`"mono`">$script:NoContentFrame"
        $seed | Should -Match 'src="data:image/(jpeg|png);base64,'
        $expired = Get-Content -Raw (Join-Path $dest "$script:ExpiredId.html")
        $expired | Should -Match '404 Not Found'
        $expired | Should -Not -Match '<img'
    }

    It 'puts failed checks and failed sub-checks first, and every check type in the page' {
        $file = $script:SeedId | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'order')
        $html = Get-Content -Raw $file.FullName
        $html.IndexOf('id="attention"') | Should -BeLessThan $html.IndexOf('id="documents"')
        $attention = $html.Substring($html.IndexOf('id="attention"'), $html.IndexOf('id="documents"') - $html.IndexOf('id="attention"'))
        $attention | Should -Match 'hologram_<wbr>movement'
        $attention | Should -Match 'ocr_<wbr>mrz_<wbr>comparison'
        foreach ($type in (Get-YotiSession $script:SeedId).Checks.Type) {
            $html | Should -Match ([regex]::Escape($type.Replace('_', '_<wbr>')))
        }
    }

    It 'encodes every hostile value: no script element, no handler attribute, no javascript: URL' {
        $file = $script:HostileId | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'hostile')
        $html = Get-Content -Raw $file.FullName
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '<svg'
        # Attribute names of every tag (values removed: a quote inside a value is always &quot;).
        $attributes = [regex]::Matches($html, '<[a-zA-Z][^>]*>') | ForEach-Object { $_.Value -replace '"[^"]*"', '""' }
        $attributes | Where-Object { $_ -match '\son\w*\s*=' } | Should -BeNullOrEmpty
        $html | Should -Not -Match '="javascript:'
        $html | Should -Match '&lt;script&gt;'
        $html | Should -Match "Content-Security-Policy`" content=`"default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        $html | Should -Match 'not requested: the media id is not valid'
    }
}

Describe 'Export-YotiEvidenceReport page content (the emulator''s sample data)' {
    BeforeAll {
        # The sample data as shipped (the emulator above serves hostile document fields for the seed's media).
        $script:Clean = Start-YotiIdvEmulator
        $key = Join-Path $script:Clean.DataPath 'keys/test-only-private-key.pem'
        $script:CleanConnection = Connect-YotiIdv -SdkId $script:Clean.SdkId -KeyFilePath $key -ApiUrl $script:Clean.BaseUri -PassThru
        $null = Connect-YotiIdv -SdkId $script:Emulator.SdkId -KeyFilePath $key -ApiUrl $script:Emulator.BaseUri
        $script:Started = [DateTime]::UtcNow.AddSeconds(-1)
        $files = $script:SeedId, $script:DoneId | Export-YotiEvidenceReport -Connection $script:CleanConnection -Destination (Join-Path $TestDrive 'content')
        $script:Ended = [DateTime]::UtcNow.AddSeconds(1)
        $script:Seed = Get-Content -Raw ($files | Where-Object BaseName -eq $script:SeedId).FullName
        $script:Done = Get-Content -Raw ($files | Where-Object BaseName -eq $script:DoneId).FullName
        $script:SampleSessions = Join-Path $script:Clean.DataPath 'sessions'
    }
    AfterAll {
        Stop-YotiIdvEmulator -Emulator $script:Clean
    }

    It 'heads the page with the session id, state, results, user tracking id and dates (seed-example-session.json, session-identity-profile-done.json)' {
        $header = Get-ReportPart $script:Seed 'summary'
        Get-HtmlText ([regex]::Match($header, '<p class="id">.*?</p>').Value) | Should -BeExactly "Session $script:SeedId"
        $rows = Get-ReportRow $header
        # biometric_consent 2024-06-24T14:44:33Z; the earliest and latest check/resource dates of the seed.
        $rows.Keys -join '|' | Should -BeExactly 'Worst recommendation|State|Identity profile|Checks|Biometric consent|First activity|Last update'
        $rows['Worst recommendation'] | Should -BeExactly 'APPROVE'
        $rows['State'] | Should -BeExactly 'COMPLETED'
        $rows['Identity profile'] | Should -BeExactly 'DONE'
        $rows['Checks'] | Should -BeExactly '3 (3 done)'
        $rows['Biometric consent'] | Should -BeExactly '2024-06-24 14:44:33 UTC'
        $rows['First activity'] | Should -BeExactly '2024-06-24 14:43:40 UTC'
        $rows['Last update'] | Should -BeExactly '2024-06-24 14:46:57 UTC'
        $seedJson = Get-Content -Raw (Join-Path $script:SampleSessions 'seed-example-session.json')
        $seedJson | Should -Match '"2024-06-24T14:43:40Z"'
        $seedJson | Should -Match '"2024-06-24T14:46:57Z"'

        $done = Get-ReportRow (Get-ReportPart $script:Done 'summary')
        $done['User tracking id'] | Should -BeExactly 'hr-onboarding-77188'
        $done['Checks'] | Should -BeExactly '7 (7 done)'
        $done['Biometric consent'] | Should -BeExactly '2025-03-11 10:15:07 UTC'
    }

    It 'tables the extracted document fields from the document fields media (cca362fc-….json)' {
        $documents = Get-ReportPart $script:Seed 'documents'
        Get-HtmlText ([regex]::Match($documents, '<h3>.*?</h3>').Value) | Should -BeExactly 'ID document: PASSPORT, GBR'
        $fields = Get-ReportRow ([regex]::Match($documents, '(?s)<table class="kv fields">.*?</table>').Value)
        $expected = [ordered]@{ 'Full name' = 'JANE SAMPLE DOE'; 'Given names' = 'JANE SAMPLE'; 'Family name' = 'DOE'; 'Date of birth' = '1988-12-01'
            'Document type' = 'PASSPORT'; 'Issuing country' = 'GBR'; 'Document number' = '000000000'; 'Expiration date' = '2030-01-01' }
        foreach ($name in $expected.Keys) { $fields[$name] | Should -BeExactly $expected[$name] -Because $name }
        $media = Get-Content -Raw (Join-Path $script:Clean.DataPath 'media/cca362fc-fc05-4221-87a1-8c33ec0aec90.json') | ConvertFrom-Json
        $fields['Full name'] | Should -BeExactly $media.full_name
        $fields['Document number'] | Should -BeExactly $media.document_number
    }

    It 'shows the face-match score beside the document ID photo and the liveness frames' {
        $face = Get-ReportPart $script:Seed 'face'
        $scores = @(Get-ReportGrid $face)
        ($scores | Where-Object Check -eq 'ID_DOCUMENT_FACE_MATCH').Score | Should -BeExactly '0.68 ai_face_match confidence_score'
        ($scores | Where-Object Check -eq 'ID_DOCUMENT_FACE_MATCH').Recommendation | Should -BeExactly 'APPROVE'
        ($scores | Where-Object Check -eq 'ID_DOCUMENT_AUTHENTICITY').Score | Should -BeExactly '0.99 portrait_integrity portrait_substitution_trust_score'
        $sides = [regex]::Matches($face, '(?s)<div class="side">.*?(?=<div class="side">|</div>\s*</section>)')
        $sides.Count | Should -Be 2
        $sides[0].Value | Should -Match '<h3>Document ID photo</h3>.*<img alt="ID photo, PASSPORT GBR" src="data:image/png;base64,[^"]+"><figcaption>ID photo, PASSPORT GBR<br><span class="mono">323eda4e-c32a-4d4b-9ee9-1fbfe9701000</span>'
        $frames = [regex]::Matches($sides[1].Value, '<img alt="Liveness frame (\d)" src="data:image/jpeg;base64,[^"]+"><figcaption>[^<]*<br><span class="mono">([^<]+)</span>') | ForEach-Object { $_.Groups[2].Value }
        $frames | Should -Be @('77460817-723d-464b-a78f-eb3980002e3f', '8bbc343a-7632-4e18-9f03-1fc84470877b', '24bafb64-464f-4e10-981b-9b8c52d4e6a3')
    }

    It 'has one details element per check, each naming its type, recommendation and state' {
        foreach ($case in @(@{ Html = $script:Seed; Id = $script:SeedId }, @{ Html = $script:Done; Id = $script:DoneId })) {
            $checks = (Get-YotiSession $case.Id -Connection $script:CleanConnection).Checks
            $details = [regex]::Matches((Get-ReportPart $case.Html 'checks'), '(?s)<details class="check (pass|fail)"[^>]*>\s*<summary>(.*?)</summary>(.*?)</details>')
            $details.Count | Should -Be $checks.Count
            $summaries = $details | ForEach-Object { Get-HtmlText $_.Groups[2].Value }
            foreach ($check in $checks) {
                $summaries | Should -Contain "$($check.Report.Recommendation.Value) $($check.Type) $($check.State)"
            }
            ($details | ForEach-Object { (Get-ReportRow $_.Groups[3].Value)['Check id'] } | Sort-Object) | Should -Be ($checks.CheckId | Sort-Object)
        }
    }

    It 'tables the trust frameworks and schemes of the identity profile, with the verified identity from the report' {
        $seedSchemes = @(Get-ReportGrid ([regex]::Match((Get-ReportPart $script:Seed 'identity-profile'), '(?s)<h3>Trust frameworks and schemes</h3>.*?</table>').Value))
        $seedSchemes | Should -HaveCount 1
        $seedSchemes[0].'Trust framework' | Should -BeExactly 'YOTI_GLOBAL'
        $seedSchemes[0].Scheme | Should -BeExactly 'IDENTITY AL_M1 (EXAMPLEALL1)'
        $seedSchemes[0].Met | Should -BeExactly 'met'

        $profile = Get-ReportPart $script:Done 'identity-profile'
        $schemes = @(Get-ReportGrid ([regex]::Match($profile, '(?s)<h3>Trust frameworks and schemes</h3>.*?</table>').Value))
        ($schemes | ForEach-Object { "$($_.'Trust framework') $($_.Scheme) $($_.Met)" }) | Should -Be @('UK_TFIDA DBS BASIC met', 'UK_TFIDA RTW met')
        $identity = Get-ReportRow ([regex]::Match($profile, '(?s)<h3>Verified identity</h3>.*?</table>').Value)
        $identity['Full name'] | Should -BeExactly 'AMELIA ROSE HARTLEY'
        $identity['Date of birth'] | Should -BeExactly '1991-04-17'
        $identity['Level of assurance'] | Should -BeExactly 'MEDIUM'
        $identity['Report media id'] | Should -BeExactly '1ad3a591-2a8c-4767-8c60-c2501402e485'
        (Get-ReportRow $profile)['Subject id'] | Should -BeExactly 'cand-2025-00452'
    }

    It 'ends with the module version, when and where it was generated, and the source' {
        $footer = Get-ReportRow (Get-ReportPart $script:Seed 'footer')
        $footer['Generated by'] | Should -BeExactly "YotiIdv $((Get-Module YotiIdv).Version)"
        $at = [DateTime]::ParseExact($footer['Generated at'], "yyyy-MM-dd HH:mm:ss 'UTC'", [Globalization.CultureInfo]::InvariantCulture, 'AssumeUniversal,AdjustToUniversal')
        $at | Should -BeGreaterOrEqual $script:Started
        $at | Should -BeLessOrEqual $script:Ended
        $footer['Generated on'] | Should -BeExactly "$([Environment]::UserName)@$([Environment]::MachineName)"
        $footer['Source'] | Should -BeExactly "Yoti IDV API $($script:Clean.BaseUri.AbsoluteUri.TrimEnd('/'))"
        $footer.Contains('Archive manifest SHA-256') | Should -BeFalse -Because 'a live page has no manifest'
    }
}

Describe 'Export-YotiEvidenceReport -Path (an archive, offline)' {
    BeforeAll {
        # Real archives: Save-YotiSession against the emulator (its manifest lists the report's key set in key_sets).
        $script:ArchiveRoot = Join-Path $TestDrive 'archive'
        $script:SeedArchive, $script:DoneArchive = Save-TestArchive $script:ArchiveRoot $script:SeedId, $script:DoneId
        (Get-Content -Raw (Join-Path $script:DoneArchive 'manifest.json') | ConvertFrom-Json).key_sets | Should -HaveCount 1
        # Request counting: -Path must send nothing at all, not even for a key set.
        function Invoke-Offline([scriptblock] $Run) {
            $received = $script:Emulator.Stats.RequestsReceived
            $script:Emulator.ClearRequestLog()
            $out = & $Run
            @($script:Emulator.RequestLog) | Should -BeNullOrEmpty -Because '-Path never makes a request'
            $script:Emulator.Stats.RequestsReceived | Should -Be $received
            $out
        }
        # A page with what legitimately differs between live and archive made the same: where the key set came
        # from (Fetched / Archive) and the wording of why a media item is not shown (204 No Content / unavailable when archived).
        function Get-ContentPart([string] $Html, [string] $Id) {
            (Get-ReportPart $Html $Id) -replace '\((Fetched|Archive)\)', '(key set)' -replace '(<div class="missing-box">)[^<]*', '$1'
        }
    }

    It 'makes the same page from a Save-YotiSession archive as live, without a single request, and names the manifest''s SHA-256' {
        $live = $script:SeedId, $script:DoneId | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'archive-live')
        $files = Invoke-Offline { Export-YotiEvidenceReport -Path $script:ArchiveRoot -Destination (Join-Path $TestDrive 'from-archive') }
        $files.BaseName | Sort-Object | Should -Be (@($script:SeedId, $script:DoneId) | Sort-Object)
        foreach ($id in $script:SeedId, $script:DoneId) {
            $fromLive = Get-Content -Raw ($live | Where-Object BaseName -eq $id).FullName
            $fromArchive = Get-Content -Raw ($files | Where-Object BaseName -eq $id).FullName
            foreach ($part in 'summary', 'attention', 'documents', 'face', 'checks', 'identity-profile') {
                Get-ContentPart $fromArchive $part | Should -BeExactly (Get-ContentPart $fromLive $part) -Because "the $part of $id"
            }
            ([regex]::Matches($fromArchive, '<img ')).Count | Should -Be ([regex]::Matches($fromLive, '<img ')).Count
        }
        $html = Get-Content -Raw ($files | Where-Object BaseName -eq $script:SeedId).FullName
        $footer = Get-ReportRow (Get-ReportPart $html 'footer')
        $footer['Archive manifest SHA-256'] | Should -Be (Get-FileHash (Join-Path $script:SeedArchive 'manifest.json') -Algorithm SHA256).Hash.ToLowerInvariant()
        $footer['Source'] | Should -Be "archive $script:SeedArchive"
        $html | Should -Match "Not available: unavailable when archived: 204 NoContent</div><figcaption>Page 1, frame 1<br><span class=`"mono`">$script:NoContentFrame"
    }

    It 'shows the report''s proof verified, checked offline with the key set Save-YotiSession kept in the archive' {
        $html = Get-Content -Raw (Invoke-Offline { Export-YotiEvidenceReport -Path $script:DoneArchive -OutFile (Join-Path $TestDrive 'keyed.html') }).FullName
        $kid = (Get-Content -Raw (Join-Path $script:DoneArchive 'manifest.json') | ConvertFrom-Json).key_sets[0].kid
        Get-HtmlText ([regex]::Match($html, '<p class="proof">.*?</p>').Value) | Should -BeExactly "verified signed by key $kid (Archive)"
    }

    It 'never embeds a media file flipped in the archive, and says so where the image would be' {
        $folder = Copy-TestArchive $script:DoneArchive (Join-Path $TestDrive 'flipped')
        $entry = (Get-Content -Raw (Join-Path $folder 'manifest.json') | ConvertFrom-Json).media | Where-Object path -like '*liveness-capture-1-frames_*' | Select-Object -First 1
        $file = Join-Path $folder $entry.path
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[$bytes.Length - 3] = $bytes[$bytes.Length - 3] -bxor 0xFF # same length, still a JPEG to a sniffer: only the hash tells
        [IO.File]::WriteAllBytes($file, $bytes)
        $intact = Get-Content -Raw (Invoke-Offline { Export-YotiEvidenceReport -Path $script:DoneArchive -OutFile (Join-Path $TestDrive 'intact.html') -Force }).FullName
        $files = Invoke-Offline { Get-ChildItem (Split-Path $folder) -Directory | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'tampered') }
        $html = Get-Content -Raw $files.FullName
        $html | Should -Match ("Not available: $([regex]::Escape($entry.path)) does not match the length and SHA-256 of the manifest; not shown</div><figcaption>Liveness frame \d+<br><span class=`"mono`">$($entry.media_id)<")
        $html | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String($bytes)))
        ([regex]::Matches($html, '<img ')).Count | Should -Be (([regex]::Matches($intact, '<img ')).Count - 1)
        (Get-ReportGrid (Get-ReportPart $html 'missing')) | Where-Object 'Media id' -eq $entry.media_id | Should -HaveCount 1
    }

    It 'says why the proof was not checked: an archive from before key_sets, a key set that does not match its manifest' {
        $old = Copy-TestArchive $script:DoneArchive (Join-Path $TestDrive 'old-archive')
        Remove-Item -Recurse (Join-Path $old 'keys')
        Set-TestManifest $old { param($m) $m.PSObject.Properties.Remove('key_sets'); $m.PSObject.Properties.Remove('key_set_note') }
        $html = Get-Content -Raw (Invoke-Offline { Export-YotiEvidenceReport -Path $old -OutFile (Join-Path $TestDrive 'old.html') }).FullName
        $html | Should -Match ([regex]::Escape('<span class="badge none">not checked</span> not checked (no key set in the archive)'))

        $bad = Copy-TestArchive $script:DoneArchive (Join-Path $TestDrive 'bad-key')
        $keyFile = Get-ChildItem (Join-Path $bad 'keys') -Filter *.jwks | Select-Object -First 1
        [IO.File]::WriteAllText($keyFile.FullName, [IO.File]::ReadAllText($keyFile.FullName).Replace('"x"', '"X"'))
        $html = Get-Content -Raw (Invoke-Offline { Export-YotiEvidenceReport -Path $bad -OutFile (Join-Path $TestDrive 'bad-key.html') }).FullName
        $html | Should -Match ([regex]::Escape("<span class=`"badge none`">not checked</span> not checked: the archive&#39;s key set cannot be used: keys/$($keyFile.Name) does not match the length and SHA-256 of the manifest"))
    }

    It 'shows a report changed in the archive (its manifest entry rewritten to match) as NOT verified' {
        $folder = Copy-TestArchive $script:DoneArchive (Join-Path $TestDrive 'changed-report')
        $manifestPath = Join-Path $folder 'manifest.json'
        $manifest = Get-Content -Raw $manifestPath | ConvertFrom-Json
        $reportEntry = $manifest.media | Where-Object kind -eq 'identity-profile-report'
        $reportPath = Join-Path $folder $reportEntry.path
        [IO.File]::WriteAllText($reportPath, [IO.File]::ReadAllText($reportPath).Replace('AMELIA', 'AMELIO'))
        $reportEntry.length = (Get-Item $reportPath).Length
        $reportEntry.sha256 = (Get-FileHash $reportPath -Algorithm SHA256).Hash.ToLowerInvariant()
        $manifest | ConvertTo-Json -Depth 10 | Set-Content $manifestPath -Encoding utf8NoBOM
        $html = Get-Content -Raw (Invoke-Offline { Export-YotiEvidenceReport -Path $folder -OutFile (Join-Path $TestDrive 'changed.html') }).FullName
        $html | Should -Match ([regex]::Escape('<span class="badge bad">NOT verified</span> Tampered (key set: Archive)'))
        $html | Should -Not -Match ([regex]::Escape('<span class="badge ok">verified</span>'))
    }

    It 'reports a folder that is no archive as an error record' {
        $empty = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'empty-archive')
        Export-YotiEvidenceReport -Path $empty -Destination (Join-Path $TestDrive 'none') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'YotiSessionFileNotFound,*'
    }

    It 'reports a wildcard that matches nothing as an error record, not silence' {
        $empty = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'no-archives')
        $out = Export-YotiEvidenceReport -Path (Join-Path $empty 'nothing-*') -Destination (Join-Path $TestDrive 'none') -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'YotiSessionFileNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -BeLike '*nothing-*'
    }
}

Describe 'Export-YotiEvidenceReport in a real browser' -Skip:$script:BrowserSkip {
    BeforeAll {
        $script:Browser = Find-YotiReportBrowser
        $shots = Join-Path $script:RepoRoot 'out/evidence-report-screenshots'
        if (Test-Path $shots) { Remove-Item -Recurse -Force $shots }
        $pages = Join-Path $TestDrive 'browser'
        $jobs = [System.Collections.Generic.List[hashtable]]::new()
        $seenContent = [System.Collections.Generic.HashSet[string]]::new()
        function Add-Job([string] $Name, [System.IO.FileInfo] $File, $Session) {
            $jobs.Add(@{ name = $Name; file = $File.FullName; checkTypes = @($Session.Checks.Type | Where-Object { $_ }); checkCount = @($Session.Checks).Count
                    state = $Session.State; screenshot = Join-Path $shots "$Name.png" })
        }

        # Every session the emulator serves (with its sample media), the hostile one included.
        foreach ($id in $script:Emulator.SessionIds) {
            $session = Get-YotiSession $id
            $null = $seenContent.Add($session.GetRawJson())
            Add-Job "emulator-$id" ($session | Export-YotiEvidenceReport -Destination (Join-Path $pages 'emulator')) $session
        }
        # Every fixture file of tests/fixtures and ../shared/fixtures whose content the emulator does not already serve.
        $fixtureFolders = @((Join-Path $script:RepoRoot 'tests/fixtures'), (Join-Path $script:RepoRoot '../shared/fixtures')) | Where-Object { Test-Path $_ }
        $script:FixtureFiles = @($fixtureFolders | ForEach-Object { Get-ChildItem $_ -Filter '*.json' } | Where-Object { $_.Name -like 'seed-*' -or $_.Name -like 'session-*' })
        foreach ($file in $script:FixtureFiles) {
            $session = Get-YotiSession -Path $file.FullName
            if ($seenContent.Add($session.GetRawJson())) {
                Add-Job "fixture-$($file.BaseName)" ($session | Export-YotiEvidenceReport -Destination (Join-Path $pages "fixture-$($file.Directory.Parent.Name)")) $session
            }
        }
        # A page made from an archive, offline.
        $archive = Save-TestArchive (Join-Path $TestDrive 'browser-archive') $script:DoneId
        Add-Job "archive-$script:DoneId" (Export-YotiEvidenceReport -Path $archive -Destination (Join-Path $pages 'archive')) (Get-YotiSession $script:DoneId)
        ($jobs | Where-Object name -eq "emulator-$script:SeedId").desktopScreenshot = Join-Path $shots 'desktop-seed.png'

        $script:Jobs = $jobs
        $script:Results = @(Invoke-YotiReportBrowserCheck -Browser $script:Browser -Jobs $jobs -WorkFolder (Join-Path $TestDrive 'browser-run'))
        function Get-Bad([scriptblock] $IsBad) { @($script:Results | Where-Object $IsBad | ForEach-Object name) }
    }

    It 'opened every fixture session, the hostile one and an archive' {
        $script:Results.Count | Should -Be $script:Jobs.Count
        $script:Results.Count | Should -BeGreaterOrEqual 13
        $script:Results.name | Should -Contain "emulator-$script:HostileId"
        Get-Bad { $_.problems.Count -gt 0 } | Should -BeNullOrEmpty
    }

    It 'runs no script: no console output, no page error, no CSP violation, no script element or handler' {
        Get-Bad { $_.consoleMessages.Count -gt 0 -or $_.pageErrors.Count -gt 0 } | Should -BeNullOrEmpty
        Get-Bad { $_.cspViolations.Count -gt 0 } | Should -BeNullOrEmpty
        Get-Bad { $_.scripts -gt 0 -or $_.embeds -gt 0 -or $_.handlerAttributes.Count -gt 0 -or $_.scriptUrls.Count -gt 0 -or $_.links -gt 0 } | Should -BeNullOrEmpty
        Get-Bad { $_.csp -notlike "default-src 'none';*img-src data:*" } | Should -BeNullOrEmpty
    }

    It 'lets no request leave the page' {
        Get-Bad { $_.requests.Count -gt 0 } | Should -BeNullOrEmpty
    }

    It 'decodes every embedded image (natural width above 0), all of them data: URIs' {
        Get-Bad { $_.brokenImages.Count -gt 0 -or $_.nonDataImages.Count -gt 0 } | Should -BeNullOrEmpty
        ($script:Results | Where-Object name -eq "emulator-$script:DoneId").images | Should -BeGreaterThan 10
    }

    It 'puts failures before passes and names every check type' {
        Get-Bad { -not $_.failuresBeforePasses -or -not $_.attentionFirst } | Should -BeNullOrEmpty
        Get-Bad { $_.missingCheckTypes.Count -gt 0 } | Should -BeNullOrEmpty
    }

    It 'has one details element per check, and the header and footer read as written' {
        Get-Bad { $_.checks -ne ($script:Jobs | Where-Object name -eq $_.name).checkCount } | Should -BeNullOrEmpty
        Get-Bad { ($job = $script:Jobs | Where-Object name -eq $_.name).state -and $_.summaryRows.State -ne $job.state } | Should -BeNullOrEmpty
        Get-Bad { $_.footerRows.'Generated by' -notlike 'YotiIdv *' -or -not $_.footerRows.'Generated at' -or -not $_.footerRows.Source } | Should -BeNullOrEmpty
        $seed = $script:Results | Where-Object name -eq "emulator-$script:SeedId"
        $seed.summaryRows.'Biometric consent' | Should -BeExactly '2024-06-24 14:44:33 UTC'
        $seed.summaryRows.'Identity profile' | Should -BeExactly 'DONE'
        # ID_DOCUMENT_AUTHENTICITY is approved with failed sub-checks (open); LIVENESS and ID_DOCUMENT_FACE_MATCH pass (closed).
        $seed.closedPasses | Should -Be 2
        $archive = $script:Results | Where-Object name -eq "archive-$script:DoneId"
        $archive.footerRows.Source | Should -BeLike 'archive *'
        $archive.footerRows.'Archive manifest SHA-256' | Should -Match '^[0-9a-f]{64}$'
    }

    It 'has no horizontal overflow at 390 px' {
        Get-Bad { $_.scrollWidth -gt 390 -or $_.viewportWidth -ne 390 } | Should -BeNullOrEmpty
    }

    It 'shows the hostile strings as inert text' {
        $hostile = $script:Results | Where-Object name -eq "emulator-$script:HostileId"
        $hostile.bodyText | Should -Match ([regex]::Escape("<script>console.log('YOTI-PWNED')</script>"))
        $hostile.bodyText | Should -Match ([regex]::Escape('</style></title>'))
        $hostile.title | Should -Match 'Evidence report'
        $hostile.images | Should -BeGreaterThan 3
    }

    It 'saved a screenshot of each page under out/' {
        foreach ($job in $script:Jobs) { Test-Path $job.screenshot | Should -BeTrue -Because $job.name }
    }
}
