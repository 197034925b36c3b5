<#
.SYNOPSIS
    Turns docs/*.md (platyPS markdown) into MAML help (YotiIdv.dll-Help.xml) and about_*.help.txt files.
.DESCRIPTION
    platyPS is not installable here, so this script does what `New-ExternalHelp` would do, with no
    external module. It reads:

      docs/<Verb-Noun>.md  cmdlet pages: front matter, then ## SYNOPSIS, ## SYNTAX (### <SetName> + code block),
                           ## DESCRIPTION, ## EXAMPLES (### Example N: <title> + ```powershell block + text),
                           ## PARAMETERS (### -Name + text + ```yaml block with the platyPS 0.14 keys; several
                           yaml blocks when a parameter differs between sets), ### CommonParameters,
                           ## INPUTS, ## OUTPUTS (### <Type> + text), ## NOTES, ## RELATED LINKS;
      docs/about_*.md      about topics: # about_Name, ## SHORT DESCRIPTION, ## LONG DESCRIPTION, ...

    and writes <OutputPath>/<external help file> (all cmdlet pages together, grouped by their
    'external help file' front-matter value) and <OutputPath>/about_*.help.txt.

    It throws, naming the file, when a page has no SYNOPSIS, DESCRIPTION or EXAMPLES, when a parameter has
    no yaml block, or when SYNTAX and the yaml blocks disagree about which parameter is in which set.
.EXAMPLE
    ./build/ConvertTo-MamlHelp.ps1 -DocsPath ./docs -OutputPath ./out/YotiIdv/0.1.0/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

#region Markdown reading

# Front matter (between the first two '---' lines) as a hashtable, and the remaining lines.
function Split-FrontMatter {
    param([string[]] $Lines)
    $meta = [ordered]@{}
    if ($Lines.Count -gt 0 -and $Lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i].Trim() -eq '---') {
                return @{ Meta = $meta; Body = @($Lines | Select-Object -Skip ($i + 1)) }
            }
            if ($Lines[$i] -match '^\s*([^:#][^:]*):\s*(.*)$') {
                $meta[$Matches[1].Trim()] = $Matches[2].Trim().Trim("'", '"')
            }
        }
        throw 'The front matter has no closing ''---'' line.'
    }
    return @{ Meta = $meta; Body = $Lines }
}

# Splits lines at headings of exactly $Level '#' (outside code fences): a preamble and an ordered list of sections.
function Split-Heading {
    param([string[]] $Lines, [int] $Level)
    $prefix = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $preamble = [System.Collections.Generic.List[string]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($prefix)) {
            $current = [pscustomobject]@{ Title = $line.Substring($prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
            continue
        }
        if ($null -eq $current) { $preamble.Add($line) } else { $current.Lines.Add($line) }
    }
    return [pscustomobject]@{ Preamble = $preamble.ToArray(); Sections = $sections.ToArray() }
}

# Inline markdown to plain text: links become 'text (url)', emphasis and code marks go.
function ConvertFrom-Inline {
    param([string] $Text)
    $t = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', { param($m) if ($m.Groups[1].Value -eq $m.Groups[2].Value) { $m.Groups[1].Value } else { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } })
    $t = [regex]::Replace($t, '(\*\*|__)(.+?)\1', '$2')
    $t = [regex]::Replace($t, '(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])', '$1')
    $t = [regex]::Replace($t, '``\s?(.+?)\s?``', '$1')
    $t = [regex]::Replace($t, '`([^`]+)`', '$1')
    $t = $t -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
    return $t
}

# Lines to blocks: Para (joined text), Code (verbatim, with Lang), Item (list item, with Marker), Table (row lines).
function ConvertTo-Block {
    param([string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $para = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($para.Count -gt 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Para'; Text = ($para -join ' '); Lang = $null; Marker = $null })
            $para.Clear()
        }
    }
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^\s*(```|~~~)\s*([\w+-]*)\s*$') {
            & $flush
            $fence = $Matches[1]; $lang = $Matches[2]
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch "^\s*$([regex]::Escape($fence))\s*$") { $code.Add($Lines[$i]); $i++ }
            if ($i -ge $Lines.Count) { throw 'A code block is not closed.' }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code -join "`n"); Lang = $lang; Marker = $null })
            $i++
            continue
        }
        if ($line.Trim().Length -eq 0) { & $flush; $i++; continue }
        if ($line -match '^\s*\|') {
            & $flush
            $rows = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $Lines.Count -and $Lines[$i] -match '^\s*\|') { $rows.Add($Lines[$i].Trim()); $i++ }
            $blocks.Add([pscustomobject]@{ Kind = 'Table'; Text = ($rows -join "`n"); Lang = $null; Marker = $null })
            continue
        }
        if ($line -match '^(\s*)([-*+]|\d+[.)])\s+(.*)$') {
            & $flush
            $indent = $Matches[1].Length
            $marker = if ($Matches[2] -match '^\d') { $Matches[2] } else { '-' }
            $text = [System.Collections.Generic.List[string]]::new()
            $text.Add($Matches[3])
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i].Trim().Length -gt 0 -and $Lines[$i] -notmatch '^\s*([-*+]|\d+[.)])\s+' -and $Lines[$i] -notmatch '^\s*(```|~~~|\|)' -and $Lines[$i] -match '^\s+') {
                $text.Add($Lines[$i].Trim()); $i++
            }
            $blocks.Add([pscustomobject]@{ Kind = 'Item'; Text = ($text -join ' '); Lang = $null; Marker = ((' ' * $indent) + $marker) })
            continue
        }
        if ($line -match '^#+\s+(.*)$') {
            # a deeper heading inside a text section: keep it as its own paragraph
            & $flush
            $blocks.Add([pscustomobject]@{ Kind = 'Para'; Text = $Matches[1]; Lang = $null; Marker = $null })
            $i++
            continue
        }
        $para.Add(($line.Trim() -replace '^>\s?', ''))  # a block quote is kept as plain text
        $i++
    }
    & $flush
    return $blocks.ToArray()
}

# Blocks to the strings of maml:para elements.
function ConvertTo-Paragraph {
    param([object[]] $Blocks)
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'Para' { ConvertFrom-Inline $b.Text }
            'Item' { "$($b.Marker) $(ConvertFrom-Inline $b.Text)" }
            'Code' { ($b.Text -split "`n" | ForEach-Object { '    ' + $_ }) -join "`n" }
            'Table' {
                foreach ($row in $b.Text -split "`n") {
                    if ($row -match '^\|[\s:|-]+\|$') { continue }
                    ConvertFrom-Inline (($row.Trim('|').Split('|') | ForEach-Object { $_.Trim() }) -join ' | ')
                }
            }
        }
    }
}

# The key/value pairs of a yaml block (flat 'Key: value' lines only, which is all platyPS 0.14 writes).
function ConvertFrom-SimpleYaml {
    param([string] $Text)
    $map = @{}
    foreach ($line in $Text -split "`n") {
        if ($line -match '^\s*([^:#]+?)\s*:\s*(.*?)\s*$') { $map[$Matches[1]] = $Matches[2].Trim("'", '"') }
    }
    return $map
}

function Read-CmdletDoc {
    param([System.IO.FileInfo] $File)
    $fail = { param($why) throw "$($File.Name): $why" }

    $lines = @([IO.File]::ReadAllLines($File.FullName))
    try { $split = Split-FrontMatter $lines } catch { & $fail $_.Exception.Message }
    $meta = $split.Meta
    $top = Split-Heading $split.Body 2
    $sections = @{}
    foreach ($s in $top.Sections) { $sections[$s.Title.ToUpperInvariant()] = $s.Lines.ToArray() }

    $h1 = $top.Preamble | Where-Object { $_ -match '^# ' } | Select-Object -First 1
    $name = if ($meta.Contains('title') -and $meta['title']) { $meta['title'] } elseif ($h1) { $h1.Substring(2).Trim() } else { $File.BaseName }
    if ($name -notmatch '^(\w+)-(\w+)$') { & $fail "the command name '$name' is not Verb-Noun." }
    $verb = $Matches[1]; $noun = $Matches[2]

    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'SYNTAX', 'PARAMETERS') {
        if (-not $sections.ContainsKey($required) -or -not ($sections[$required] | Where-Object { $_.Trim() })) {
            & $fail "the section '## $required' is missing or empty."
        }
    }

    try {
        $synopsis = @(ConvertTo-Paragraph (ConvertTo-Block $sections['SYNOPSIS']))
        $description = @(ConvertTo-Paragraph (ConvertTo-Block $sections['DESCRIPTION']))

        # Parameters, in document order; each has one or more yaml blocks.
        $parameters = [System.Collections.Generic.List[object]]::new()
        foreach ($p in (Split-Heading $sections['PARAMETERS'] 3).Sections) {
            if ($p.Title -eq 'CommonParameters') { continue }
            if ($p.Title -notmatch '^-(\w+)$') { & $fail "the parameter heading '### $($p.Title)' is not '### -Name'." }
            $pname = $Matches[1]
            $blocks = @(ConvertTo-Block $p.Lines)
            $yaml = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Lang -eq 'yaml' })
            if ($yaml.Count -eq 0) { & $fail "the parameter -$pname has no yaml block." }
            $text = @(ConvertTo-Paragraph @($blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Lang -eq 'yaml') }))
            if (-not ($text | Where-Object { $_.Trim() })) { & $fail "the parameter -$pname has no description." }
            $variants = foreach ($y in $yaml) {
                $map = ConvertFrom-SimpleYaml $y.Text
                if (-not $map['Type']) { & $fail "the yaml block of -$pname has no 'Type:'." }
                $sets = if ($map['Parameter Sets']) { @($map['Parameter Sets'].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ }) } else { @('(All)') }
                $position = if ($map['Position'] -and $map['Position'] -notmatch '^named$') { $map['Position'] } else { 'named' }
                $aliases = if ($map['Aliases'] -and $map['Aliases'] -ne 'None') { $map['Aliases'] } else { 'none' }
                [pscustomobject]@{
                    Type         = $map['Type']
                    Sets         = $sets
                    Aliases      = $aliases
                    Required     = ($map['Required'] -eq 'True').ToString().ToLowerInvariant()
                    Position     = $position
                    DefaultValue = if ($map['Default value']) { $map['Default value'] } else { 'None' }
                    Pipeline     = if ($map['Accept pipeline input']) { $map['Accept pipeline input'] } else { 'False' }
                    Globbing     = ($map['Accept wildcard characters'] -eq 'True').ToString().ToLowerInvariant()
                }
            }
            $parameters.Add([pscustomobject]@{ Name = $pname; Description = $text; Variants = @($variants) })
        }

        # Syntax: one item per '### SetName'; parameter order from its code block.
        $syntax = foreach ($s in (Split-Heading $sections['SYNTAX'] 3).Sections) {
            $set = ($s.Title -replace '\s*\(Default\)\s*$', '').Trim()
            $code = (ConvertTo-Block $s.Lines | Where-Object { $_.Kind -eq 'Code' } | Select-Object -First 1)
            if (-not $code) { & $fail "the syntax of the set '$set' has no code block." }
            $order = @([regex]::Matches(($code.Text -replace '<[^>]*>', ''), '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
            $inSet = @($parameters | Where-Object {
                    $_.Variants | Where-Object { $_.Sets -contains '(All)' -or $_.Sets -contains $set -or $set -eq '__AllParameterSets' }
                })
            foreach ($n in $order) {
                if (-not ($inSet | Where-Object Name -eq $n)) { & $fail "the syntax of set '$set' names -$n, which has no yaml block for that set." }
            }
            foreach ($p in $inSet) {
                if ($order -notcontains $p.Name) { & $fail "-$($p.Name) belongs to the set '$set' (yaml) but its syntax block does not name it." }
            }
            $items = foreach ($n in $order) {
                $p = $parameters | Where-Object Name -eq $n
                $v = $p.Variants | Where-Object { $_.Sets -contains $set } | Select-Object -First 1
                if (-not $v) { $v = $p.Variants | Select-Object -First 1 }
                [pscustomobject]@{ Parameter = $p; Variant = $v }
            }
            [pscustomobject]@{ Set = $set; Items = @($items) }
        }
        if (-not $syntax) { & $fail "'## SYNTAX' has no '### <SetName>' subsection." }

        $examples = foreach ($e in (Split-Heading $sections['EXAMPLES'] 3).Sections) {
            $blocks = @(ConvertTo-Block $e.Lines)
            $codeIndex = [array]::FindIndex($blocks, [Predicate[object]] { param($b) $b.Kind -eq 'Code' })
            if ($codeIndex -lt 0) { & $fail "the example '$($e.Title)' has no code block." }
            $remarks = @(ConvertTo-Paragraph @($blocks | Select-Object -Skip ($codeIndex + 1)) ) + @(ConvertTo-Paragraph @($blocks | Select-Object -First $codeIndex))
            [pscustomobject]@{ Title = $e.Title; Code = $blocks[$codeIndex].Text; Remarks = @($remarks) }
        }
        if (-not $examples) { & $fail "'## EXAMPLES' has no '### Example' subsection." }

        $typeSection = {
            param($key)
            if (-not $sections.ContainsKey($key)) { return }
            foreach ($t in (Split-Heading $sections[$key] 3).Sections) {
                [pscustomobject]@{ Name = $t.Title; Description = @(ConvertTo-Paragraph (ConvertTo-Block $t.Lines)) }
            }
        }
        $inputs = @(& $typeSection 'INPUTS')
        $outputs = @(& $typeSection 'OUTPUTS')
        $notes = if ($sections.ContainsKey('NOTES')) { @(ConvertTo-Paragraph (ConvertTo-Block $sections['NOTES'])) } else { @() }

        $links = if ($sections.ContainsKey('RELATED LINKS')) {
            foreach ($line in $sections['RELATED LINKS']) {
                $l = $line.Trim() -replace '^[-*]\s+', ''
                if (-not $l) { continue }
                if ($l -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                    # links to other pages of these docs (Verb-Noun.md) become plain names, as Get-Help shows them;
                    # web addresses keep their URI
                    [pscustomobject]@{ Text = $Matches[1]; Uri = $(if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }) }
                }
                else { [pscustomobject]@{ Text = (ConvertFrom-Inline $l); Uri = '' } }
            }
        }
    } catch {
        if ($_.Exception.Message.StartsWith("$($File.Name):")) { throw }
        & $fail $_.Exception.Message
    }

    [pscustomobject]@{
        File        = $File.Name
        HelpFile    = if ($meta.Contains('external help file') -and $meta['external help file']) { $meta['external help file'] } else { throw "$($File.Name): the front matter has no 'external help file'." }
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        Synopsis    = @($synopsis)
        Description = @($description)
        Syntax      = @($syntax)
        Parameters  = $parameters.ToArray()
        Examples    = @($examples)
        Inputs      = @($inputs)
        Outputs     = @($outputs)
        Notes       = @($notes)
        Links       = @(Get-OnlineLink $meta) + @($links)
    }
}

# The front matter's HelpUri (platyPS 2024; 'online version' in platyPS 0.14) as the first related link, with its
# address: Get-Help -Online opens the first related link that has a URI, so every page needs one (Help.Tests.ps1).
function Get-OnlineLink {
    param($Meta)
    foreach ($key in 'HelpUri', 'online version') {
        if ($Meta.Contains($key) -and $Meta[$key] -match '^https?://\S+$') {
            return [pscustomobject]@{ Text = 'Online Version:'; Uri = $Meta[$key] }
        }
    }
    @()
}

#endregion

#region MAML writing

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $W, [string] $Element, [string] $Prefix, [string] $Namespace, [string[]] $Paragraphs)
    $W.WriteStartElement($Prefix, $Element, $Namespace)
    if (-not $Paragraphs -or $Paragraphs.Count -eq 0) { $Paragraphs = @('') }
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
    $W.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $W, [object] $Parameter, [object] $Variant, [bool] $InSyntax)
    $isSwitch = $Variant.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $Variant.Required)
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Variant.Globbing)
    $W.WriteAttributeString('pipelineInput', $Variant.Pipeline)
    $W.WriteAttributeString('position', $Variant.Position)
    $W.WriteAttributeString('aliases', $Variant.Aliases)
    $W.WriteElementString('maml', 'name', $Ns.maml, $Parameter.Name)
    Write-Paragraphs $W 'description' 'maml' $Ns.maml $Parameter.Description
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($Variant.Type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $Ns.dev)
    $W.WriteElementString('maml', 'name', $Ns.maml, $Variant.Type)
    $W.WriteElementString('maml', 'uri', $Ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $Ns.dev, $Variant.DefaultValue)
    $W.WriteEndElement()
}

function Write-TypeList {
    param([System.Xml.XmlWriter] $W, [string] $ListElement, [string] $ItemElement, [object[]] $Types)
    $W.WriteStartElement('command', $ListElement, $Ns.command)
    foreach ($t in $Types) {
        $W.WriteStartElement('command', $ItemElement, $Ns.command)
        $W.WriteStartElement('dev', 'type', $Ns.dev)
        $W.WriteElementString('maml', 'name', $Ns.maml, $t.Name)
        $W.WriteEndElement()
        Write-Paragraphs $W 'description' 'maml' $Ns.maml $t.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $W, [object] $Doc)
    $W.WriteStartElement('command', 'command', $Ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, $null, $Ns[$prefix]) }

    $W.WriteStartElement('command', 'details', $Ns.command)
    $W.WriteElementString('command', 'name', $Ns.command, $Doc.Name)
    $W.WriteElementString('command', 'verb', $Ns.command, $Doc.Verb)
    $W.WriteElementString('command', 'noun', $Ns.command, $Doc.Noun)
    Write-Paragraphs $W 'description' 'maml' $Ns.maml $Doc.Synopsis
    $W.WriteEndElement()

    Write-Paragraphs $W 'description' 'maml' $Ns.maml $Doc.Description

    $W.WriteStartElement('command', 'syntax', $Ns.command)
    foreach ($s in $Doc.Syntax) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        $W.WriteElementString('maml', 'name', $Ns.maml, $Doc.Name)
        foreach ($item in $s.Items) { Write-Parameter $W $item.Parameter $item.Variant $true }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($p in $Doc.Parameters) { Write-Parameter $W $p $p.Variants[0] $false }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Doc.Outputs

    $W.WriteStartElement('maml', 'alertSet', $Ns.maml)
    $W.WriteStartElement('maml', 'alert', $Ns.maml)
    foreach ($p in $(if ($Doc.Notes.Count) { $Doc.Notes } else { @('') })) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($e in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $Ns.command)
        $W.WriteElementString('maml', 'title', $Ns.maml, "--------- $($e.Title) ---------")
        $W.WriteElementString('dev', 'code', $Ns.dev, $e.Code)
        Write-Paragraphs $W 'remarks' 'dev' $Ns.dev $e.Remarks
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($l in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        $W.WriteElementString('maml', 'linkText', $Ns.maml, $l.Text)
        $W.WriteElementString('maml', 'uri', $Ns.maml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function Write-MamlFile {
    param([string] $Path, [object[]] $Docs)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', $Ns.msh)
        $w.WriteAttributeString('schema', 'maml')
        foreach ($d in $Docs | Sort-Object Name) { Write-Command $w $d }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    } finally {
        $w.Dispose()
    }
    # Prove the result is well-formed XML before anything loads it.
    $null = [xml](Get-Content -Raw -LiteralPath $Path)
}

#endregion

#region About topics

function Format-Wrapped {
    param([string] $Text, [int] $Indent, [int] $Width = 76, [int] $HangingIndent = -1)
    if ($HangingIndent -lt 0) { $HangingIndent = $Indent }
    $out = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $out.Add($line.TrimEnd())
            $line = (' ' * $HangingIndent) + $word
        } else {
            $line += $(if ($empty) { '' } else { ' ' }) + $word
        }
        $empty = $false
    }
    if (-not $empty) { $out.Add($line.TrimEnd()) }
    return $out.ToArray()
}

# A markdown table as plain text: aligned columns when it fits in 80 columns, else one block per row
# (the first cell as a heading, then 'Header: value' lines, wrapped).
function Format-TableText {
    param([string] $Text, [int] $Indent)
    $rows = @(foreach ($row in $Text -split "`n") {
            if ($row -match '^\|[\s:|-]+\|$') { continue }
            , @($row.Trim().Trim('|').Split('|') | ForEach-Object { ConvertFrom-Inline $_.Trim() })
        })
    if ($rows.Count -eq 0) { return }
    $header = $rows[0]
    $columns = $header.Count
    $widths = @(for ($c = 0; $c -lt $columns; $c++) { ($rows | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum })
    $total = $Indent + ($widths | Measure-Object -Sum).Sum + 2 * ($columns - 1)
    $lines = [System.Collections.Generic.List[string]]::new()
    if ($total -le 76) {
        $first = $true
        foreach ($r in $rows) {
            $cells = for ($c = 0; $c -lt $columns; $c++) { $v = if ($c -lt $r.Count) { $r[$c] } else { '' }; $v.PadRight($widths[$c]) }
            $lines.Add(((' ' * $Indent) + ($cells -join '  ')).TrimEnd())
            if ($first) {
                $lines.Add((' ' * $Indent) + (($widths | ForEach-Object { '-' * $_ }) -join '  '))
                $first = $false
            }
        }
        return $lines.ToArray()
    }
    foreach ($r in $rows | Select-Object -Skip 1) {
        if ($lines.Count -gt 0) { $lines.Add('') }
        $lines.Add((' ' * $Indent) + $r[0])
        for ($c = 1; $c -lt $columns -and $c -lt $r.Count; $c++) {
            foreach ($l in Format-Wrapped "$($header[$c]): $($r[$c])" ($Indent + 4) 76 ($Indent + 8)) { $lines.Add($l) }
        }
    }
    return $lines.ToArray()
}

function ConvertTo-AboutText {
    param([System.IO.FileInfo] $File)
    $lines = @([IO.File]::ReadAllLines($File.FullName))
    $body = (Split-FrontMatter $lines).Body
    $top = Split-Heading $body 2
    $h1 = $top.Preamble | Where-Object { $_ -match '^# ' } | Select-Object -First 1
    $topic = if ($h1) { $h1.Substring(2).Trim() } else { $File.BaseName }
    if (-not ($top.Sections | Where-Object Title -match '^short description$')) { throw "$($File.Name): the section '## SHORT DESCRIPTION' is missing." }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $($topic.ToLowerInvariant())")
    $renderBlocks = {
        param([object[]] $Blocks, [int] $Indent)
        $previous = $null
        foreach ($b in $Blocks) {
            # list items stay together; everything else is separated by a blank line
            if (-not ($b.Kind -eq 'Item' -and $previous -eq 'Item')) { $out.Add('') }
            $previous = $b.Kind
            switch ($b.Kind) {
                'Para' { foreach ($l in Format-Wrapped (ConvertFrom-Inline $b.Text) $Indent) { $out.Add($l) } }
                'Item' {
                    $extra = $b.Marker.Length - $b.Marker.TrimStart().Length
                    $marker = $b.Marker.TrimStart()
                    $wrapped = Format-Wrapped "$marker $(ConvertFrom-Inline $b.Text)" ($Indent + $extra) 76 ($Indent + $extra + $marker.Length + 1)
                    foreach ($l in $wrapped) { $out.Add($l) }
                }
                'Code' { foreach ($l in $b.Text -split "`n") { $out.Add(((' ' * ($Indent + 4)) + $l).TrimEnd()) } }
                'Table' { foreach ($l in Format-TableText $b.Text $Indent) { $out.Add($l) } }
            }
        }
    }
    foreach ($s in $top.Sections) {
        $out.Add('')
        $out.Add($s.Title.ToUpperInvariant())
        $sub = Split-Heading $s.Lines.ToArray() 3
        & $renderBlocks (ConvertTo-Block $sub.Preamble) 4
        foreach ($t in $sub.Sections) {
            $out.Add('')
            $out.Add("  $($t.Title)")
            & $renderBlocks (ConvertTo-Block $t.Lines.ToArray()) 4
        }
    }
    $text = $out -join "`n"
    return @{ Topic = $topic; Text = $text + "`n" }
}

#endregion

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "The docs folder '$DocsPath' does not exist." }
$null = New-Item -ItemType Directory -Force -Path $OutputPath

# Cmdlet pages are named Verb-Noun.md; other pages (archive-format.md, ARCHITECTURE.md …) are not help.
$files = @(Get-ChildItem -LiteralPath $DocsPath -Filter *.md -File | Where-Object BaseName -CMatch '^([A-Z]\w*-[A-Z]\w*|about_\w+)$' | Sort-Object Name)
$cmdletDocs = @($files | Where-Object { $_.BaseName -notlike 'about_*' } | ForEach-Object { Read-CmdletDoc $_ })
foreach ($group in $cmdletDocs | Group-Object HelpFile) {
    $target = Join-Path $OutputPath $group.Name
    Write-MamlFile -Path $target -Docs $group.Group
    Write-Verbose "Wrote $target ($($group.Count) commands)."
}

foreach ($about in $files | Where-Object { $_.BaseName -like 'about_*' }) {
    $result = ConvertTo-AboutText $about
    $target = Join-Path $OutputPath "$($about.BaseName).help.txt"
    [IO.File]::WriteAllText($target, $result.Text, [System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $target."
}

Write-Host "Help: $($cmdletDocs.Count) command page(s) and $(@($files | Where-Object { $_.BaseName -like 'about_*' }).Count) about topic(s) converted to $OutputPath" -ForegroundColor Green
