using System.Net.Http;
using System.Runtime.CompilerServices;

namespace YotiIdv.Http;

/// <summary>
/// Which HttpClient a request goes through. Without a proxy setting: the one shared client (system proxy
/// settings). With one: a client with a handler of its own for that setting, created once and kept as long as
/// the setting (its connection) lives, so connections to the proxy are pooled like any other.
/// </summary>
public sealed partial class YotiApiClient
{
    private static readonly ConditionalWeakTable<YotiProxySettings, HttpClient> ProxyClients = new ConditionalWeakTable<YotiProxySettings, HttpClient>();

    private HttpClient HttpClient => _connection.Proxy is YotiProxySettings proxy
        ? ProxyClients.GetValue(proxy, settings => CreateHttpClient(settings))
        : SharedHttpClient.Value;
}
