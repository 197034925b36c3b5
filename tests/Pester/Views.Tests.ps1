# Every view of YotiIdv.Format.ps1xml, and every output type rendered and exported the way an admin does it:
# 80 and 120 columns, one-line headers, no line wider than the window, no .NET type name in a cell, ISO dates in
# CSV on de-DE, en-US and en-GB. Output types are found generically (every OutputType of every exported command,
# every type with a view, every YotiIdv.* object reachable from them), so new commands and types are covered.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-YotiIdvTestModule
    [xml] $format = Get-Content -Raw (Join-Path $module.ModuleBase 'YotiIdv.Format.ps1xml')
    $firstTable = @{}
    $script:tableCases = foreach ($view in $format.Configuration.ViewDefinitions.View) {
        if ($null -eq $view['TableControl']) { continue }
        $types = @($view.ViewSelectedBy.TypeName)
        # The first table view of a type is its default (PowerShell picks it): 80 columns. Others (Wide): 120.
        $isDefault = $false
        foreach ($t in $types) { if (-not $firstTable.ContainsKey($t)) { $firstTable[$t] = $view.Name; $isDefault = $true } }
        @{ Name = $view.Name; Types = ($types -join ', '); Limit = $(if ($isDefault) { 80 } else { 120 }); Xml = $view.OuterXml }
    }
    $script:outputTypeCases = @(Get-Command -Module YotiIdv | ForEach-Object {
            $command = $_
            $command.OutputType | Where-Object { $_.Type -and $_.Type.FullName -like 'YotiIdv.*' } |
                ForEach-Object { @{ Command = $command.Name; Type = $_.Type.FullName } }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'OutputSamples.psm1') -Force
    $null = Import-YotiIdvTestModule
    $script:Fixtures = Join-Path (Get-YotiIdvRepoRoot) 'tests/fixtures'
    $PSStyle.OutputRendering = 'PlainText' # PowerShell's own colours are not the module's text
    $script:Samples = @(Get-YotiIdvOutputSample -Fixtures $script:Fixtures -Scratch $TestDrive)
    $script:SampleByType = @{}
    foreach ($s in $script:Samples) { $script:SampleByType[$s.Type] = $s.Objects }

    # A .NET type name as PowerShell prints an object without a useful ToString (System.Byte[], List`1[...]).
    $script:TypeNamePattern = '\b(System|YotiIdv|Microsoft)\.[A-Za-z0-9_`]+(\.[A-Za-z0-9_`]+)*(\[[^\]]*\])?'
    # Not inside a dotted run of numbers: an IP address (81.2.69.160) or a version (17.4.10.2) is no date.
    $script:CultureDatePattern = '(?<![\d.])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\d.])'

    # Renders with a view at a width and checks what an 80/120-column console would show.
    function script:Assert-Rendered {
        param([object[]] $Objects, [string] $Kind, [string] $View, [int] $Width, [string[]] $Labels)
        $text = if ($Kind -eq 'Table') { $Objects | Format-Table -View $View | Out-String -Width $Width }
        elseif ($Kind -eq 'List') { $Objects | Format-List -View $View | Out-String -Width $Width }
        else { $Objects | Out-String -Width $Width }
        $lines = $text -split "`r?`n"
        $tooWide = @($lines | Where-Object { $_.Length -gt $Width })
        $tooWide | Should -BeNullOrEmpty -Because "view $View at $Width columns must fit: $($tooWide | Select-Object -First 1)"
        $text | Should -Not -Match $script:TypeNamePattern -Because "view $View shows a .NET type name"
        $text | Should -Not -Match '[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]' -Because "view $View shows a control character"
        if ($Kind -eq 'Table') {
            $dashes = @(for ($i = 1; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^-[- ]*$') { $i } })
            $dashes.Count | Should -BeGreaterThan 0 -Because "view $View has a header"
            foreach ($i in $dashes) {
                foreach ($label in $Labels) {
                    # One-line headers: every label whole on the line right above the dashes.
                    $lines[$i - 1] | Should -Match "(^| )$([regex]::Escape($label))( |$)" -Because "the header of $View must show '$label' on one line at $Width columns"
                }
            }
        }
        $text
    }
}

Describe 'Table view <Name> (<Types>)' -ForEach $script:tableCases {
    BeforeAll {
        $script:View = ([xml]$Xml).View
        $script:Headers = @($View.TableControl.TableHeaders.TableColumnHeader)
    }

    It 'fits <Limit> columns with one-line headers: widths at least as long as the labels, the last column left over' {
        $used = 0
        for ($i = 0; $i -lt $Headers.Count; $i++) {
            $label = $Headers[$i]['Label'].InnerText
            $width = $Headers[$i]['Width']
            if ($i -lt $Headers.Count - 1) {
                $width | Should -Not -BeNullOrEmpty -Because "column '$label' of $Name needs a Width (only the last column takes what is left)"
            }
            if ($width) {
                [int]$width.InnerText | Should -BeGreaterOrEqual $label.Length -Because "column '$label' of $Name would wrap its header"
                $used += [int]$width.InnerText + 1
            }
        }
        $last = $Headers[-1]['Label'].InnerText
        if (-not $Headers[-1]['Width']) { ($used + $last.Length) | Should -BeLessOrEqual $Limit -Because "the last column '$last' of $Name needs room for its header" }
        else { ($used - 1) | Should -BeLessOrEqual $Limit }
    }

    It 'escapes every string it shows (no PropertyName for text)' {
        foreach ($item in @($View.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)) {
            if ($item['ScriptBlock']) { continue }
            $property = $item['PropertyName'].InnerText
            foreach ($typeName in @($View.ViewSelectedBy.TypeName)) {
                $type = $typeName -as [type]
                if ($null -eq $type) { continue }
                $propertyType = $type.GetProperty($property).PropertyType
                $propertyType | Should -Not -Be ([string]) -Because "$Name shows $property (text from a server) without [YotiIdv.ConsoleText]::Escape"
            }
        }
    }
}

Describe 'Output type <Type> of <Command>' -ForEach $script:outputTypeCases {
    It 'has a default view and real sample objects (add a producer to tests/Pester/OutputSamples.psm1)' {
        Get-FormatData -TypeName $Type | Should -Not -BeNullOrEmpty -Because "$Type needs views in YotiIdv.Format.ps1xml (about_YotiIdv, VIEWS AND CONSOLE TEXT)"
        $script:SampleByType.ContainsKey($Type) | Should -BeTrue -Because "no producer in tests/Pester/OutputSamples.psm1 makes a $Type"
    }
}

Describe 'Every output type at 80 and 120 columns' {
    It 'renders every view of <_> at 80 and 120 columns' -ForEach @(Get-FormatData -TypeName 'YotiIdv.*' | ForEach-Object TypeNames | Sort-Object -Unique) {
        $type = $_
        if (-not $script:SampleByType.ContainsKey($type)) {
            Set-ItResult -Skipped -Because "no sample object of $type (covered by the static view checks)"
            return
        }
        $objects = $script:SampleByType[$type]
        foreach ($definition in (Get-FormatData -TypeName $type).FormatViewDefinition) {
            $kind = if ($definition.Control -is [System.Management.Automation.TableControl]) { 'Table' } elseif ($definition.Control -is [System.Management.Automation.ListControl]) { 'List' } else { continue }
            $labels = if ($kind -eq 'Table') { @($definition.Control.Headers.Label) } else { @() }
            foreach ($width in 80, 120) {
                # The Wide views are for 120 columns.
                if ($definition.Name -eq 'Wide' -and $width -eq 80) { continue }
                $null = Assert-Rendered -Objects $objects -Kind $kind -View $definition.Name -Width $width -Labels $labels
            }
        }
    }

    It 'shows no type name in the list view of any YotiIdv object reachable from the output' {
        foreach ($sample in $script:Samples) {
            $text = $sample.Objects | Format-List | Out-String -Width 120
            $text | Should -Not -Match $script:TypeNamePattern -Because "the list view of $($sample.Type) shows a .NET type name"
        }
    }

    It 'renders the default views in a real console of 80 columns (a pwsh child on a terminal)' {
        $script = @"
`$PSStyle.OutputRendering = 'PlainText'
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$(Get-YotiIdvTestManifest)'
Import-Module '$(Join-Path $PSScriptRoot 'OutputSamples.psm1')'
'WIDTH=' + `$Host.UI.RawUI.BufferSize.Width
Get-YotiIdvOutputSample -Fixtures '$script:Fixtures' -Scratch '$(Join-Path $TestDrive 'child')' | ForEach-Object { `$_.Objects | Out-Default }
"@
        $scriptFile = Join-Path $TestDrive 'render80.ps1'
        Set-Content -Path $scriptFile -Value $script
        $exe = (Get-Process -Id $PID).Path
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { "'$exe' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$exe'" }
        # script(1) gives the child a terminal; stty sets its width, which is what PowerShell formats to.
        $command = "stty cols 80 rows 50; $pwsh -NoProfile -NonInteractive -File '$scriptFile'"
        $text = & script -qec $command /dev/null 2>&1 | Out-String
        $lines = @($text -split "`r?`n" | ForEach-Object { [regex]::Replace($_, '\x1B\[[0-9;?]*[A-Za-z]|\x1B\][^\x07]*\x07|\x1B[=>]|\r', '') })
        $lines | Should -Contain 'WIDTH=80'
        $lines.Count | Should -BeGreaterThan 100
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Not -Match $script:TypeNamePattern
    }
}

Describe 'Every output type in CSV, on de-DE, en-US and en-GB' {
    It 'writes no type name and no culture-shaped date for <_>' -ForEach 'de-DE', 'en-US', 'en-GB' {
        $culture = $_
        $previous = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $culture
            # A timestamp on its own is a value, not a row: what matters is how it reads as a property (the other types).
            foreach ($sample in $script:Samples | Where-Object { -not ($_.Type -as [type]).IsValueType }) {
                $objects = $sample.Objects
                $file = Join-Path $TestDrive "$($sample.Type)-$culture.csv"
                $objects | Export-Csv -Path $file -NoTypeInformation
                $csv = Get-Content -Raw $file
                $csv | Should -Not -Match $script:TypeNamePattern -Because "$($sample.Type) on $culture"
                $csv | Should -Not -Match $script:CultureDatePattern -Because "$($sample.Type) on $culture writes a date in the culture's format"
            }
        }
        finally {
            [cultureinfo]::CurrentCulture = $previous
        }
    }

    It 'writes media content as a row of facts, not System.Byte[] and megabytes of Base64, and keeps the bytes usable' {
        $media = @($script:SampleByType['YotiIdv.Model.YotiMediaContent'])
        $media.Count | Should -BeGreaterThan 0
        $rows = @($media | ConvertTo-Csv -NoTypeInformation)
        $rows[0] | Should -BeExactly '"SessionId","MediaId","ContentType","MediaType","Length","Sha256"'
        foreach ($row in $rows) { $row.Length | Should -BeLessThan 400 }
        $first = $media[0]
        $first.Content.Length | Should -Be $first.Length -Because 'the hidden property still works in scripts'
        $first.Sha256 | Should -BeExactly ((Get-FileHash -InputStream ([IO.MemoryStream]::new($first.Content)) -Algorithm SHA256).Hash.ToLowerInvariant())
        (Get-Member -InputObject $first -Force -Name Content, Base64).Name | Sort-Object | Should -Be 'Base64', 'Content'
    }

    It 'keeps ISO 8601 dates that sort and compare' {
        $rows = $script:SampleByType['YotiIdv.Model.YotiCheckBreakdownRow'] | Where-Object Created
        $previous = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $cell = ($rows[0] | ConvertTo-Csv -NoTypeInformation)[1]
            $cell | Should -Match '"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"'
        }
        finally { [cultureinfo]::CurrentCulture = $previous }
        $sorted = @($rows | Sort-Object Created)
        for ($i = 1; $i -lt $sorted.Count; $i++) { $sorted[$i - 1].Created.Value | Should -BeLessOrEqual $sorted[$i].Created.Value }
        $first = $sorted[0].Created
        ($first -lt (Get-Date)) | Should -BeTrue
        ((Get-Date) -gt $first) | Should -BeTrue
        ($first -gt '2000-01-01') | Should -BeTrue
        ($first -eq $sorted[0].Created.Value) | Should -BeTrue
        @($rows | Where-Object Created -lt ([datetime]'2000-01-01')) | Should -BeNullOrEmpty
        @($rows | Where-Object Created -gt ([DateTimeOffset]'2000-01-01')).Count | Should -Be $rows.Count
        "$first" | Should -Be $first.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", [cultureinfo]::InvariantCulture)
    }
}
