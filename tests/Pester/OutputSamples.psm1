# Real objects of every output type, made from every fixture (tests/fixtures) and the emulator, for the view and
# CSV tests (Views.Tests.ps1). A new command or output type: add one line to $script:Producers that makes one.
Set-StrictMode -Version 3.0

# Each producer gets the fixtures folder and a scratch folder; the emulator is started and connected already.
$script:Producers = [ordered]@{
    'sessions from every session fixture' = {
        param($Fixtures, $Scratch)
        Get-YotiSession -Path (Join-Path $Fixtures 'session-*.json'), (Join-Path $Fixtures 'seed-example-session.json')
    }
    'breakdown rows of every session fixture' = {
        param($Fixtures, $Scratch)
        Get-YotiSession -Path (Join-Path $Fixtures 'session-*.json'), (Join-Path $Fixtures 'seed-example-session.json') | Get-YotiCheckBreakdown
    }
    'identity profile reports, and why the others have none' = {
        param($Fixtures, $Scratch)
        (Get-SampleEmulator).SessionIds | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue -ErrorVariable unavailable
        $unavailable | ForEach-Object TargetObject | Where-Object { $_ -is [YotiIdv.Model.YotiIdentityProfileUnavailable] }
    }
    'report proof checks, verified and not' = {
        param($Fixtures, $Scratch)
        (Get-SampleEmulator).SessionIds | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue | Test-YotiIdentityProfileReport
        Test-YotiIdentityProfileReport (Join-Path $Fixtures 'extra/report-proofs/*.json') -JwksPath (Join-Path $Fixtures 'extra/report-proofs/test-only-fixture-01.jwks')
    }
    'media content and saved media files' = {
        param($Fixtures, $Scratch)
        $session = Get-YotiSession -SessionId 'dc376625-6bec-4fc8-9740-bd06f2220c65'
        $media = @($session.GetAllMedia())
        Get-YotiMedia -SessionId $session.SessionId -MediaId $media[0].MediaId, $media[-1].MediaId
        $session | Get-YotiMedia -All -Destination (Join-Path $Scratch 'media') -PassThru
    }
    'document fields from every document-fields fixture' = {
        param($Fixtures, $Scratch)
        ConvertFrom-YotiDocumentFields -Path (Join-Path $Fixtures 'media-document-fields.json')
        Get-ChildItem (Join-Path $Fixtures 'extra') -Filter '*document-fields.json' | ForEach-Object { ConvertFrom-YotiDocumentFields -Path $_.FullName }
    }
    'session configurations, tracked devices and supported documents' = {
        param($Fixtures, $Scratch)
        $ids = (Get-SampleEmulator).SessionIds
        $ids | Get-YotiSessionConfiguration -ErrorAction SilentlyContinue
        $ids | Get-YotiTrackedDevice -ErrorAction SilentlyContinue
        Get-YotiSupportedDocument -IncludeNonLatin
    }
    'archives saved, checked whole and checked after damage' = {
        param($Fixtures, $Scratch)
        $destination = Join-Path $Scratch 'archive'
        $saved = @((Get-SampleEmulator).SessionIds | Save-YotiSession -Destination $destination -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $saved
        $saved | Where-Object Path | ForEach-Object Path | Test-YotiSessionArchive
        # a damaged copy gives problems: a changed file
        $damaged = Join-Path $Scratch 'damaged'
        Copy-Item -LiteralPath ($saved | Where-Object Path | Select-Object -First 1).Path -Destination $damaged -Recurse
        $file = Get-ChildItem -LiteralPath $damaged -Recurse -File | Where-Object Name -ne 'manifest.json' | Select-Object -First 1
        [IO.File]::AppendAllText($file.FullName, 'changed')
        Test-YotiSessionArchive -LiteralPath $damaged -ErrorAction SilentlyContinue
    }
    'notifications from every notification payload' = {
        param($Fixtures, $Scratch)
        # Each payload as its own body (the fixture is a JSON array of bodies).
        (Get-Content -Raw (Join-Path $Fixtures 'extra/notification-payloads.json') | ConvertFrom-Json) |
            ForEach-Object { ConvertTo-Json $_ -Compress -Depth 10 } |
            ConvertFrom-YotiNotification -SkipAuthorization -ErrorAction SilentlyContinue
    }
    'the connection, the emulator and its faults' = {
        param($Fixtures, $Scratch)
        Get-YotiIdvConnection
        $emulator = Get-SampleEmulator
        $emulator
        $emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Latency([TimeSpan]::FromMilliseconds(1), '/nothing/*'))
        $emulator.AddFault([YotiIdv.Emulator.YotiIdvFault]::Status(503, '/nothing/*'))
        $emulator.ClearFaults()
    }
    'the notifications the emulator sent' = {
        param($Fixtures, $Scratch)
        $emulator = Get-SampleEmulator
        $null = $emulator.ConfigureNotifications('http://127.0.0.1:9/nothing/', (ConvertTo-SecureString 'sample-token' -AsPlainText -Force), 'Bearer')
        $emulator.SendNotification('e36241c0-7098-407f-a4a5-39b82fb54e31', 'client_session_token_deleted')
        $emulator.SendNotification('dc376625-6bec-4fc8-9740-bd06f2220c65', 'check_completion', 'check_id', '05e9b4a3-8fd0-4ac6-a5f7-ee325ac23b97')
    }
}

# The emulator Start-YotiIdvEmulator -Connect returned (remembered by Get-YotiIdvOutputSample).
function Get-SampleEmulator { $script:Emulator }

<#
.SYNOPSIS
    Every object the producers make, plus every YotiIdv.* object reachable from them through properties
    (checks, documents, media, ...), as [pscustomobject]@{ Type; Objects }. Starts and stops its own emulator.
#>
function Get-YotiIdvOutputSample {
    param([Parameter(Mandatory)] [string] $Fixtures, [Parameter(Mandatory)] [string] $Scratch)
    $script:Emulator = Start-YotiIdvEmulator -Connect
    try {
        $roots = foreach ($name in $script:Producers.Keys) {
            $made = @(& $script:Producers[$name] $Fixtures $Scratch)
            if ($made.Count -eq 0) { throw "The producer '$name' made nothing." }
            $made
        }
    }
    finally {
        $script:Emulator | Stop-YotiIdvEmulator
    }

    $byType = [ordered]@{}
    $seen = [System.Collections.Generic.HashSet[object]]::new([System.Collections.Generic.ReferenceEqualityComparer]::Instance)
    $queue = [System.Collections.Generic.Queue[object]]::new()
    foreach ($r in $roots) { if ($null -ne $r) { $queue.Enqueue($r) } }
    while ($queue.Count -gt 0) {
        $o = $queue.Dequeue()
        if ($o -is [System.Management.Automation.PSObject]) { $o = $o.PSObject.BaseObject }
        $type = $o.GetType()
        if ($type.IsValueType) {
            # YotiIdv structs (timestamps): a few samples, no walk
            if ($type.FullName.StartsWith('YotiIdv.')) {
                if (-not $byType.Contains($type.FullName)) { $byType[$type.FullName] = [System.Collections.Generic.List[object]]::new() }
                if ($byType[$type.FullName].Count -lt 20) { $byType[$type.FullName].Add($o) }
            }
            continue
        }
        if ($o -is [string] -or -not $seen.Add($o)) { continue }
        if ($o -is [System.Collections.IEnumerable]) {
            foreach ($item in $o) { if ($null -ne $item) { $queue.Enqueue($item) } }
            continue
        }
        if (-not $type.FullName.StartsWith('YotiIdv.')) { continue }
        if (-not $byType.Contains($type.FullName)) { $byType[$type.FullName] = [System.Collections.Generic.List[object]]::new() }
        $byType[$type.FullName].Add($o)
        foreach ($p in $type.GetProperties()) {
            if ($p.GetIndexParameters().Count -gt 0 -or $p.PropertyType -eq [byte[]]) { continue }
            try { $v = $p.GetValue($o) } catch { continue }
            if ($null -ne $v) { $queue.Enqueue($v) }
        }
    }
    foreach ($k in $byType.Keys) { [pscustomobject]@{ Type = $k; Objects = $byType[$k].ToArray() } }
}

Export-ModuleMember -Function Get-YotiIdvOutputSample, Get-SampleEmulator
