# docs/examples/azure-function/YotiNotification/run.ps1 called as the Azure Functions PowerShell worker calls it:
# a Request (Headers with lower-case names, Body, RawBody), a Push-OutputBinding and an HttpResponseContext of the
# test's own, the app settings in the environment, and the emulator as Yoti's API.
BeforeAll {
    Import-Module $env:YOTIIDV_TEST_MANIFEST -Force
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:RunPs1 = Join-Path $script:RepoRoot 'docs/examples/azure-function/YotiNotification/run.ps1'
    # Yoti's shapes (the shared fixture, copied into tests/fixtures); session dc376625-... is COMPLETED in the sample data.
    $script:Payloads = @(Get-Content -Raw (Join-Path $script:RepoRoot 'tests/fixtures/extra/notification-payloads.json') | ConvertFrom-Json)
    $script:Emulator = Start-YotiIdvEmulator -Connect
    $script:Token = 'function-Token-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:Archive = Join-Path ([IO.Path]::GetTempPath()) ('yotiidv-function-' + [guid]::NewGuid().ToString('N'))
    $script:Saved = @{}
    foreach ($name in 'YOTI_NOTIFICATION_AUTH_TOKEN', 'YOTI_NOTIFICATION_AUTH_TYPE', 'YOTI_ARCHIVE_PATH') { $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:YOTI_NOTIFICATION_AUTH_TOKEN = $script:Token
    $env:YOTI_NOTIFICATION_AUTH_TYPE = 'Basic'
    $env:YOTI_ARCHIVE_PATH = $script:Archive

    # What the Functions worker provides.
    if (-not ('HttpResponseContext' -as [type])) {
        Add-Type -TypeDefinition 'public class HttpResponseContext { public System.Net.HttpStatusCode StatusCode { get; set; } public System.Collections.Hashtable Headers { get; set; } public object Body { get; set; } }'
    }
    $global:YotiTestResponses = [Collections.Generic.List[object]]::new()
    function global:Push-OutputBinding([string] $Name, $Value) { $global:YotiTestResponses.Add([pscustomobject]@{ Name = $Name; Value = $Value }) }

    # Calls run.ps1 with one request; returns the response it pushed (exactly one).
    function script:Invoke-Function([string] $Body, [string] $Authorization) {
        $global:YotiTestResponses.Clear()
        $headers = @{ 'content-type' = 'application/json' }
        if ($Authorization) { $headers['authorization'] = $Authorization }
        $parsed = try { $Body | ConvertFrom-Json -AsHashtable } catch { $null }
        $request = [pscustomobject]@{ Method = 'POST'; Url = 'https://example.azurewebsites.net/api/YotiNotification'; Headers = $headers; Query = @{}; Body = $parsed; RawBody = $Body }
        $streams = & $script:RunPs1 -Request $request -TriggerMetadata @{} 3>&1 6>&1 | Out-String
        $global:YotiTestResponses.Count | Should -Be 1 -Because 'run.ps1 answers each request once'
        $response = $global:YotiTestResponses[0]
        $response.Name | Should -Be 'Response'
        $response.Value | Add-Member -NotePropertyName Streams -NotePropertyValue $streams -PassThru
    }

    $script:Basic = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Token))
}

AfterAll {
    Stop-YotiIdvEmulator
    foreach ($entry in $script:Saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value) }
    Remove-Item function:global:Push-OutputBinding -ErrorAction SilentlyContinue
    Remove-Variable -Name YotiTestResponses -Scope Global -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Archive -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The Azure Functions example (run.ps1)' {
    It 'answers 401 without the right Authorization header, and stores nothing' {
        $body = $script:Payloads | Where-Object topic -eq session_completion | ConvertTo-Json -Compress
        foreach ($authorization in $null, 'Basic d3Jvbmc=', "Bearer $script:Token", $script:Token) {
            $response = Invoke-Function $body $authorization
            $response.StatusCode | Should -Be ([Net.HttpStatusCode]::Unauthorized)
            $response.Streams | Should -Not -Match ([regex]::Escape($script:Token))
        }
        Test-Path $script:Archive | Should -BeFalse
    }

    It 'answers 400 for a body that is not a Yoti notification' {
        foreach ($body in '{', '[]', '{"topic":"session_completion"}', '') {
            (Invoke-Function $body $script:Basic).StatusCode | Should -Be ([Net.HttpStatusCode]::BadRequest) -Because "'$body' is not a notification"
        }
    }

    It 'answers 200 at once to every topic but session_completion' {
        foreach ($payload in $script:Payloads | Where-Object topic -ne session_completion) {
            $response = Invoke-Function ($payload | ConvertTo-Json -Compress) $script:Basic
            $response.StatusCode | Should -Be ([Net.HttpStatusCode]::OK) -Because $payload.topic
        }
        Test-Path $script:Archive | Should -BeFalse
    }

    It 'archives a completed session before answering 200, and the archive verifies' {
        $payload = $script:Payloads | Where-Object topic -eq session_completion
        $response = Invoke-Function ($payload | ConvertTo-Json -Compress) $script:Basic
        $response.StatusCode | Should -Be ([Net.HttpStatusCode]::OK) -Because $response.Streams
        ($response.Body | ConvertFrom-Json).message | Should -Be 'Archived.'
        $verified = Test-YotiSessionArchive -Path (Join-Path $script:Archive $payload.session_id)
        $verified.Valid | Should -BeTrue
        $response.Streams | Should -Not -Match ([regex]::Escape($script:Token))
    }

    It 'answers 500 when the session cannot be archived, so that Yoti does not take it as done' {
        $response = Invoke-Function '{"session_id":"00000000-0000-4000-8000-000000000000","topic":"session_completion"}' $script:Basic
        $response.StatusCode | Should -Be ([Net.HttpStatusCode]::InternalServerError)
        $response.Streams | Should -Match 'YotiSessionNotFound'
    }
}
