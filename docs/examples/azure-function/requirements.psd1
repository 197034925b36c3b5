# Managed dependencies are off (host.json): YotiIdv is deployed in Modules/.
@{}
