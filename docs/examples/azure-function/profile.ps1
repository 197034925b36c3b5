# Runs once per cold start of the PowerShell worker. The module comes from Modules/YotiIdv (no Gallery, no
# managed dependencies). The API connection: either the app settings YOTI_CLIENT_SDK_ID and YOTI_KEY_FILE_PATH,
# which every command reads by itself, or YOTI_CLIENT_SDK_ID and YOTI_PRIVATE_KEY_PEM (best a Key Vault
# reference), used here once. Nothing secret is in this file or in its output.
Import-Module YotiIdv -ErrorAction Stop
if ($env:YOTI_PRIVATE_KEY_PEM -and $env:YOTI_CLIENT_SDK_ID) {
    Connect-YotiIdv -SdkId $env:YOTI_CLIENT_SDK_ID -PrivateKey (ConvertTo-SecureString $env:YOTI_PRIVATE_KEY_PEM -AsPlainText -Force)
}
