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

    # An archive as Save-YotiSession documents it: <id>/session.json, manifest.json, media/<Kind>_<MediaId>.<ext>.
    function New-TestArchive([string] $Root, [string] $SessionId) {
        $folder = Join-Path $Root $SessionId
        $session = Get-YotiSession $SessionId
        $null = New-Item -ItemType Directory -Force $folder
        [IO.File]::WriteAllText((Join-Path $folder 'session.json'), $session.GetRawJson())
        $files = @($session | Get-YotiMedia -All -Destination (Join-Path $folder 'media-tmp') -PassThru -ErrorAction SilentlyContinue -ErrorVariable gaps)
        $null = New-Item -ItemType Directory -Force (Join-Path $folder 'media')
        $media = foreach ($file in $files) {
            Move-Item $file.Path (Join-Path $folder "media/$($file.Name)")
            @{ media_id = $file.MediaId; kind = $file.Kind; path = "media/$($file.Name)"; content_type = $file.MediaType
               length = $file.Length; sha256 = (Get-FileHash (Join-Path $folder "media/$($file.Name)") -Algorithm SHA256).Hash.ToLowerInvariant() }
        }
        Remove-Item -Recurse -Force (Join-Path $folder 'media-tmp')
        $unavailable = foreach ($gap in $gaps) { @{ media_id = $gap.TargetObject; kind = 'media'; reason = 'NoContent'; status = 204 } }
        $sessionHash = (Get-FileHash (Join-Path $folder 'session.json') -Algorithm SHA256).Hash.ToLowerInvariant()
        @{ format = 'yotiidv-session-archive/1'; session_id = $SessionId; saved_at = '2026-01-01T00:00:00.000Z'; source = 'test'
           session = @{ path = 'session.json'; sha256 = $sessionHash; length = (Get-Item (Join-Path $folder 'session.json')).Length }
           media = @($media); unavailable = @($unavailable); missing = @() } |
            ConvertTo-Json -Depth 10 | Set-Content (Join-Path $folder 'manifest.json') -Encoding utf8NoBOM
        $folder
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
    It 'writes <SessionId>.html for every piped id, in input order, and -WhatIf writes nothing' {
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

Describe 'Export-YotiEvidenceReport -Path (an archive, offline)' {
    BeforeAll {
        $script:ArchiveRoot = Join-Path $TestDrive 'archive'
        $script:SeedArchive = New-TestArchive $script:ArchiveRoot $script:SeedId
        $script:DoneArchive = New-TestArchive $script:ArchiveRoot $script:DoneId
    }

    It 'makes the same page from the archive without a single request, and names the manifest''s SHA-256' {
        $before = $script:Emulator.Stats.RequestsReceived
        $files = Export-YotiEvidenceReport -Path $script:ArchiveRoot -Destination (Join-Path $TestDrive 'from-archive')
        $script:Emulator.Stats.RequestsReceived | Should -Be $before
        $files.BaseName | Sort-Object | Should -Be (@($script:SeedId, $script:DoneId) | Sort-Object)
        $html = Get-Content -Raw ($files | Where-Object BaseName -eq $script:SeedId).FullName
        $sha = (Get-FileHash (Join-Path $script:SeedArchive 'manifest.json') -Algorithm SHA256).Hash.ToLowerInvariant()
        $html | Should -Match $sha
        $html | Should -Match 'unavailable when archived: 204 NoContent'
        ([regex]::Matches($html, '<img ')).Count | Should -BeGreaterThan 5
    }

    It 'takes archive folders from Get-ChildItem, and never embeds a file that does not match the manifest' {
        $frame = Get-ChildItem (Join-Path $script:DoneArchive 'media') -Filter '*.jpg' | Select-Object -First 1
        [IO.File]::WriteAllBytes($frame.FullName, [byte[]](0xFF, 0xD8, 0xFF, 1, 2, 3))
        $files = Get-ChildItem $script:ArchiveRoot -Directory | Export-YotiEvidenceReport -Destination (Join-Path $TestDrive 'tampered')
        $files | Should -HaveCount 2
        $html = Get-Content -Raw ($files | Where-Object BaseName -eq $script:DoneId).FullName
        $html | Should -Match 'does not match the length and SHA-256 of the manifest'
    }

    It 'says the proof was not checked when the archive holds no key set, and checks it offline with the archive''s key set' {
        $html = Get-Content -Raw (Export-YotiEvidenceReport -Path $script:DoneArchive -OutFile (Join-Path $TestDrive 'no-keys.html') -Force).FullName
        $html | Should -Match ([regex]::Escape('<span class="badge none">not checked</span> not checked (no key set in the archive)'))

        # The archive's key set under keys/, listed in the manifest (as Save-YotiSession keeps it).
        $folder = New-TestArchive (Join-Path $TestDrive 'keyed') $script:DoneId
        $manifestPath = Join-Path $folder 'manifest.json'
        $manifest = Get-Content -Raw $manifestPath | ConvertFrom-Json
        $reportEntry = $manifest.media | Where-Object { (Get-Content -Raw (Join-Path $folder $_.path) -ErrorAction SilentlyContinue) -match '"proof"' } | Select-Object -First 1
        $reportEntry | Should -Not -BeNullOrEmpty
        $reportPath = Join-Path $folder $reportEntry.path
        $keyUrl = (Get-Content -Raw $reportPath | ConvertFrom-Json).proof.public_key_url
        $null = New-Item -ItemType Directory (Join-Path $folder 'keys')
        $keyFile = Join-Path $folder 'keys/report-signing.jwks'
        [IO.File]::WriteAllBytes($keyFile, (Invoke-WebRequest -Uri $keyUrl -UseBasicParsing).RawContentStream.ToArray())
        $manifest | Add-Member -NotePropertyName keys -NotePropertyValue @(@{ path = 'keys/report-signing.jwks'; length = (Get-Item $keyFile).Length
                sha256 = (Get-FileHash $keyFile -Algorithm SHA256).Hash.ToLowerInvariant() })
        $manifest | ConvertTo-Json -Depth 10 | Set-Content $manifestPath -Encoding utf8NoBOM

        $before = $script:Emulator.Stats.RequestsReceived
        $html = Get-Content -Raw (Export-YotiEvidenceReport -Path $folder -OutFile (Join-Path $TestDrive 'keyed.html')).FullName
        $script:Emulator.Stats.RequestsReceived | Should -Be $before -Because '-Path never makes a request, not even for a key set'
        $html | Should -Match ([regex]::Escape('<span class="badge ok">verified</span> signed by key'))
        $html | Should -Match '\(Archive\)'

        # Changed and its manifest entry rewritten to match: only the signature can tell.
        [IO.File]::WriteAllText($reportPath, [IO.File]::ReadAllText($reportPath).Replace('AMELIA', 'AMELIO'))
        $reportEntry.length = (Get-Item $reportPath).Length
        $reportEntry.sha256 = (Get-FileHash $reportPath -Algorithm SHA256).Hash.ToLowerInvariant()
        $manifest | ConvertTo-Json -Depth 10 | Set-Content $manifestPath -Encoding utf8NoBOM
        $html = Get-Content -Raw (Export-YotiEvidenceReport -Path $folder -OutFile (Join-Path $TestDrive 'keyed.html') -Force).FullName
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
            $jobs.Add(@{ name = $Name; file = $File.FullName; checkTypes = @($Session.Checks.Type | Where-Object { $_ }); screenshot = Join-Path $shots "$Name.png" })
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
        $archive = New-TestArchive (Join-Path $TestDrive 'browser-archive') $script:DoneId
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
