using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Model;

namespace YotiIdv.Http;

/// <summary>
/// The typed calls of the endpoints beyond retrieval (spec 3.3-3.7), one small method each over the descriptors
/// in <c>YotiEndpoints.Lifecycle.cs</c>.
/// </summary>
public sealed partial class YotiApiClient
{
    /// <summary>DELETE /sessions/{id}: the session, its resources and media.</summary>
    public Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.DeleteSession(sessionId), Deleted, cancellationToken);

    /// <summary>DELETE /sessions/{id}/media/{mediaId}/content.</summary>
    public Task<bool> DeleteMediaContentAsync(string sessionId, string mediaId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.DeleteMediaContent(sessionId, mediaId), Deleted, cancellationToken);

    /// <summary>DELETE /sessions/{id}/tracked-devices.</summary>
    public Task<bool> DeleteTrackedDevicesAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.DeleteTrackedDevices(sessionId), Deleted, cancellationToken);

    /// <summary>GET /sessions/{id}/configuration, parsed.</summary>
    public Task<YotiSessionConfiguration> GetSessionConfigurationAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.SessionConfiguration(sessionId), async (response, ct) =>
            YotiSessionConfiguration.Parse(await response.ReadBytesAsync(ct).ConfigureAwait(false)), cancellationToken);

    /// <summary>GET /sessions/{id}/tracked-devices: one object per event.</summary>
    public Task<IReadOnlyList<YotiTrackedDeviceEvent>> GetTrackedDevicesAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.TrackedDevices(sessionId), async (response, ct) =>
            YotiTrackedDeviceEvent.ParseList(await response.ReadBytesAsync(ct).ConfigureAwait(false), response.Request.SessionId), cancellationToken);

    /// <summary>GET /supported-documents (signed, the flag included): one row per country and document.</summary>
    public Task<IReadOnlyList<YotiSupportedDocument>> GetSupportedDocumentsAsync(bool includeNonLatin, CancellationToken cancellationToken) =>
        SendAsync(YotiEndpoints.SupportedDocuments(includeNonLatin), async (response, ct) =>
            YotiSupportedDocument.ParseList(await response.ReadBytesAsync(ct).ConfigureAwait(false)), cancellationToken);

    private static Task<bool> Deleted(YotiResponse response, CancellationToken cancellationToken) => Task.FromResult(true);
}
