@{
    RootModule             = 'YotiIdv.dll'
    ModuleVersion          = '{{ModuleVersion}}'
    GUID                   = '5b0f3f0e-4a2c-4f6e-9d52-7c1a8e0b9d31'
    Author                 = 'YotiIdv contributors'
    CompanyName            = 'YotiIdv contributors'
    Copyright              = '(c) YotiIdv contributors. MIT License.'
    Description            = 'Retrieve Yoti Identity Verification (IDV) results from PowerShell: signed API client, typed sessions, checks, media and identity profile reports, with a local API emulator for offline testing.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('YotiIdv.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-YotiIdv'
        'Disconnect-YotiIdv'
        'Get-YotiCheckBreakdown'
        'Get-YotiIdentityProfileReport'
        'Get-YotiIdvConnection'
        'Get-YotiSession'
        'Get-YotiMedia'
        'Export-YotiEvidenceReport'
        'ConvertFrom-YotiDocumentFields'
        'Save-YotiSession'
        'Test-YotiSessionArchive'
        'ConvertFrom-YotiNotification'
        'Receive-YotiNotification'
        'Wait-YotiSession'
        'Start-YotiIdvEmulator'
        'Stop-YotiIdvEmulator'
        'Remove-YotiSession'
        'Remove-YotiMedia'
        'Remove-YotiTrackedDevice'
        'Get-YotiSessionConfiguration'
        'Get-YotiTrackedDevice'
        'Get-YotiSupportedDocument'
        'Test-YotiIdentityProfileReport'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Yoti', 'IDV', 'IdentityVerification', 'Identity', 'KYC', 'DocScan', 'Emulator', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # ProjectUri is left out on purpose: the project has no public repository URL yet. Add it here
            # when there is one (HelpInfoURI stays out too: there is no updatable help to point at).
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
