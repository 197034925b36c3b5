#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.0' }
# Compares Get-Help with Get-Command for every exported command (as PSReadLine tools/CheckHelp.ps1 does),
# and checks the about topic, the manifest and the docs/ folder. Every failure names the command or parameter.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-YotiIdvTestModule
    $commonNames = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $commandCases = @(Get-Command -Module YotiIdv | Sort-Object Name | ForEach-Object {
            @{ Command = $_.Name }
        })
    $parameterCases = @(Get-Command -Module YotiIdv | Sort-Object Name | ForEach-Object {
            $c = $_
            $c.Parameters.Keys | Where-Object { $commonNames -notcontains $_ } | Sort-Object | ForEach-Object { @{ Command = $c.Name; Parameter = $_ } }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Module = Import-YotiIdvTestModule
    $script:RepoRoot = Get-YotiIdvRepoRoot
    $script:CommonNames = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters


    function script:Get-ParaText {
        param($Element)
        (@($Element) | Where-Object { $_ } | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }
}

Describe 'Help of <Command>' -ForEach $commandCases {
    BeforeAll {
        $script:Cmd = Get-Command -Name $Command -Module YotiIdv
        $script:Help = Get-Help -Name $Command -Full
    }

    It 'comes from the MAML file, not generated from the syntax' {
        $Help.description | Should -Not -BeNullOrEmpty -Because "$Command needs a '## DESCRIPTION' in docs/$Command.md (no MAML help was found)"
    }

    It 'has a synopsis' {
        $synopsis = "$($Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty -Because "$Command needs a '## SYNOPSIS'"
        $synopsis | Should -Not -BeLike "$Command *" -Because "the synopsis of $Command is the generated syntax, so its help is missing"
    }

    It 'has a description' {
        (Get-ParaText $Help.description).Trim() | Should -Not -BeNullOrEmpty -Because "$Command needs a '## DESCRIPTION'"
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($Help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2 -Because "$Command needs two or more examples"
        foreach ($e in $examples) {
            "$($e.code)".Trim() | Should -Not -BeNullOrEmpty -Because "example '$($e.title)' of $Command needs code"
            (Get-ParaText $e.remarks).Trim() | Should -Not -BeNullOrEmpty -Because "example '$($e.title)' of $Command needs a description"
        }
    }

    It 'names the output type, and lists its error ids in NOTES' {
        $outputs = @($Help.returnValues.returnValue | ForEach-Object { $_.type.name })
        $outputs | Should -Not -BeNullOrEmpty -Because "$Command needs '## OUTPUTS'"
        foreach ($declared in $Cmd.OutputType | Where-Object { $_.Type -and $_.Type -ne [void] }) {
            $outputs | Should -Contain $declared.Type.FullName -Because "$Command declares [OutputType($($declared.Type.FullName))], so OUTPUTS must name it"
        }
        (Get-ParaText $Help.alertSet.alert).Trim() | Should -Not -BeNullOrEmpty -Because "$Command needs '## NOTES' with its error ids"
    }

    It 'documents only parameters the command has' {
        $documented = @($Help.parameters.parameter | Where-Object { $_ } | ForEach-Object { $_.name })
        foreach ($name in $documented) {
            $Cmd.Parameters.Keys | Should -Contain $name -Because "the help of $Command documents -$name, which the command does not have"
        }
    }

    It 'has one syntax block per parameter set' {
        $sets = @($Cmd.ParameterSets | Where-Object { $_.Name -ne '__AllParameterSets' -or $Cmd.ParameterSets.Count -eq 1 })
        @($Help.syntax.syntaxItem).Count | Should -Be $sets.Count -Because "$Command has the parameter sets $(($sets.Name) -join ', ') and SYNTAX must show each once"
    }
}

Describe 'Help of <Command> -<Parameter>' -ForEach $parameterCases {
    BeforeAll {
        $script:Meta = (Get-Command -Name $Command -Module YotiIdv).Parameters[$Parameter]
        $script:ParamHelp = Get-Help -Name $Command -Parameter $Parameter -ErrorAction SilentlyContinue
    }

    It 'is documented with a description' {
        $ParamHelp | Should -Not -BeNullOrEmpty -Because "docs/$Command.md needs '### -$Parameter'"
        (Get-ParaText $ParamHelp.description).Trim() | Should -Not -BeNullOrEmpty -Because "-$Parameter of $Command needs a description"
    }

    It 'has the type, aliases and pipeline input of the code' {
        $ParamHelp | Should -Not -BeNullOrEmpty -Because "docs/$Command.md needs '### -$Parameter'"
        $ParamHelp.type.name | Should -BeIn @($Meta.ParameterType.Name, $Meta.ParameterType.FullName) -Because "the yaml 'Type:' of -$Parameter of $Command must be $($Meta.ParameterType.Name)"

        $aliases = if ($ParamHelp.aliases -and $ParamHelp.aliases -ne 'none') { @($ParamHelp.aliases -split ',\s*' | Sort-Object) } else { @() }
        ($aliases -join ', ') | Should -Be ((@($Meta.Aliases) | Sort-Object) -join ', ') -Because "the yaml 'Aliases:' of -$Parameter of $Command must match [Alias(...)]"

        $attributes = @($Meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $byValue = [bool]($attributes | Where-Object ValueFromPipeline)
        $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
        "$($ParamHelp.pipelineInput)" -match 'ByValue' | Should -Be $byValue -Because "'Accept pipeline input:' of -$Parameter of $Command must say ByValue only when the code has ValueFromPipeline"
        "$($ParamHelp.pipelineInput)" -match 'ByPropertyName' | Should -Be $byName -Because "'Accept pipeline input:' of -$Parameter of $Command must say ByPropertyName only when the code has ValueFromPipelineByPropertyName"
    }
}

Describe 'Get-YotiSession full help' {
    It 'shows every parameter name' {
        $text = Get-Help Get-YotiSession -Full | Out-String -Width 200
        $names = (Get-Command Get-YotiSession).Parameters.Keys | Where-Object { $CommonNames -notcontains $_ }
        foreach ($name in $names) {
            $text | Should -Match "-$name\b" -Because "Get-Help Get-YotiSession -Full must show -$name"
        }
    }
}

Describe 'about_YotiIdv' {
    BeforeAll {
        $script:About = Get-Help about_YotiIdv | Out-String
    }

    It 'is found by Get-Help and has text' {
        $About.Length | Should -BeGreaterThan 1000 -Because 'Get-Help about_YotiIdv must return the about topic'
        $About | Should -Match 'about_yotiidv' -Because 'the topic names itself'
    }

    It 'lists every error id of ErrorFactory.cs' {
        $source = Get-Content -Raw (Join-Path $RepoRoot 'src/YotiIdv/Infrastructure/ErrorFactory.cs')
        $ids = @([regex]::Matches($source, 'const string \w+ = "(Yoti\w+)"') | ForEach-Object { $_.Groups[1].Value })
        $ids.Count | Should -BeGreaterThan 5
        foreach ($id in $ids) {
            $About | Should -Match "\b$id\b" -Because "the error-id table of about_YotiIdv must list $id"
        }
    }
}

Describe 'Manifest' {
    BeforeAll {
        $script:Manifest = Get-YotiIdvTestManifest
        $script:Declared = @((Import-PowerShellDataFile -Path $Manifest).CmdletsToExport)
        $script:Loaded = @(Get-Command -Module YotiIdv | ForEach-Object Name)
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $Manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports every command the module has' {
        foreach ($name in $Loaded) {
            $Declared | Should -Contain $name -Because "$name is in the module but not in CmdletsToExport"
        }
    }

    It 'declares no command the module lacks' {
        foreach ($name in $Declared) {
            $Loaded | Should -Contain $name -Because "CmdletsToExport names $name, which Get-Command -Module YotiIdv does not find"
        }
    }
}

Describe 'docs folder' {
    BeforeAll {
        $script:DocPages = @(Get-ChildItem -Path (Join-Path $RepoRoot 'docs') -Filter *.md | Where-Object BaseName -CMatch '^[A-Z]\w*-[A-Z]\w*$')  # archive-format.md, ARCHITECTURE.md … are not command pages
        $script:Loaded = @(Get-Command -Module YotiIdv | ForEach-Object Name)
    }

    It 'has a page for every exported command' {
        foreach ($name in $Loaded) {
            $DocPages.BaseName | Should -Contain $name -Because "docs/$name.md is missing"
        }
    }

    It 'has pages only for exported commands' {
        foreach ($page in $DocPages) {
            $Loaded | Should -Contain $page.BaseName -Because "docs/$($page.Name) documents a command the module does not export"
        }
    }

    It 'has about_YotiIdv.md' {
        Join-Path $RepoRoot 'docs/about_YotiIdv.md' | Should -Exist
    }
}

Describe 'ConvertTo-MamlHelp.ps1' {
    BeforeAll {
        $script:Converter = Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1'
        $script:GoodPage = Get-Content -Raw (Join-Path $RepoRoot 'docs/Get-YotiSession.md')
        function script:Invoke-Converter([string] $Name, [string] $Content) {
            $docs = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $docs
            Set-Content -LiteralPath (Join-Path $docs $Name) -Value $Content
            & $Converter -DocsPath $docs -OutputPath (Join-Path $docs 'out') 6>$null
            Join-Path $docs 'out'
        }
    }

    It 'writes well-formed MAML that escapes XML characters' {
        $page = $GoodPage.Replace('Gets Yoti IDV session results', 'Gets <Yoti> & "IDV" session results')
        $out = Invoke-Converter 'Get-YotiSession.md' $page
        $xml = [xml](Get-Content -Raw (Join-Path $out 'YotiIdv.dll-Help.xml'))
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $xml.SelectSingleNode('//command:details/maml:description/maml:para', $ns).InnerText | Should -BeLike 'Gets <Yoti> & "IDV" session results*'
        $xml.SelectNodes('//command:syntax/command:syntaxItem', $ns).Count | Should -Be 3
    }

    It 'fails naming the file when <Section> is missing' -ForEach @(
        @{ Section = 'SYNOPSIS' }, @{ Section = 'DESCRIPTION' }, @{ Section = 'EXAMPLES' }
    ) {
        $page = $GoodPage -replace "(?m)^## $Section\s*$", '## SOMETHING ELSE'
        { Invoke-Converter 'Get-YotiSession.md' $page } | Should -Throw "*Get-YotiSession.md*$Section*"
    }

    It 'writes per-set attributes when a parameter has one yaml block per set' {
        $fence = '```'
        $page = @"
---
document type: cmdlet
external help file: YotiIdv.dll-Help.xml
Module Name: YotiIdv
PlatyPS schema version: 2024-05-01
title: Test-Thing
---

# Test-Thing

## SYNOPSIS

Tests & things.

## SYNTAX

### A (Default)

${fence}
Test-Thing [-Name] <String> [<CommonParameters>]
${fence}

### B

${fence}
Test-Thing [-Name <String>] -Flag [<CommonParameters>]
${fence}

## DESCRIPTION

A <test>.

## EXAMPLES

### Example 1: One

${fence}powershell
Test-Thing -Name a | Export-Csv a.csv
${fence}

It works.

## PARAMETERS

### -Flag

A flag.

${fence}yaml
Type: SwitchParameter
Parameter Sets: B
Aliases:

Required: True
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
${fence}

### -Name

A name.

${fence}yaml
Type: String
Parameter Sets: A
Aliases: N

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: False
${fence}

${fence}yaml
Type: String
Parameter Sets: B
Aliases: N

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
${fence}

## NOTES

No errors.
"@
        $out = Invoke-Converter 'Test-Thing.md' $page
        $xml = [xml](Get-Content -Raw (Join-Path $out 'YotiIdv.dll-Help.xml'))
        $items = @($xml.helpItems.command.syntax.syntaxItem)
        $items.Count | Should -Be 2
        $a = $items[0].parameter | Where-Object { $_.name -eq 'Name' }
        $b = $items[1].parameter | Where-Object { $_.name -eq 'Name' }
        $a.required, $a.position, $a.pipelineInput | Should -Be 'true', '0', 'True (ByValue)'
        $b.required, $b.position, $b.pipelineInput | Should -Be 'false', 'named', 'False'
        @($items[0].parameter).Count | Should -Be 1 -Because 'set A has only -Name'
        @($xml.helpItems.command.parameters.parameter).Count | Should -Be 2
        $xml.helpItems.command.details.description.para | Should -Be 'Tests & things.'
    }

    It 'writes the about topic as plain text' {
        $text = Get-Content -Raw (Join-Path (Split-Path $Converter -Parent | Split-Path -Parent) 'docs/about_YotiIdv.md')
        $out = Invoke-Converter 'about_YotiIdv.md' $text
        $about = Get-Content -Raw (Join-Path $out 'about_YotiIdv.help.txt')
        $about | Should -Match '^TOPIC\r?\n    about_yotiidv'
        $about | Should -Not -Match '```|\*\*|^#' -Because 'markdown marks must not reach the about topic'
        foreach ($line in $about -split '\r?\n') {
            $line.Length | Should -BeLessOrEqual 80 -Because "lines fit in 80 columns: '$line'"
        }
    }

    It 'fails naming the file and parameter when a parameter has no yaml block' {
        $page = [regex]::Replace($GoodPage, '(?s)(### -Raw.*?)```yaml.*?```', '$1')
        { Invoke-Converter 'Get-YotiSession.md' $page } | Should -Throw '*Get-YotiSession.md*-Raw*yaml*'
    }
}
