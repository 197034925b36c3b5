using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace YotiIdv.Http;

/// <summary>What a request is about. Errors name it (a 404 is "session not found" or "media not found").</summary>
public enum YotiResource
{
    Session,
    Media,
    Configuration,
    TrackedDevices,
    SupportedDocuments,
    KeySet,
    Other,
}

/// <summary>
/// One API call, described rather than assembled at the call site: method, path, query, whether repeating it is
/// harmless (only then is it retried) and the resource it names. Build one with a small method in
/// <see cref="YotiEndpoints"/> and send it with <see cref="YotiApiClient.SendAsync{T}"/>; see docs/ARCHITECTURE.md.
/// </summary>
public sealed class YotiRequest
{
    private YotiRequest(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, bool idempotent,
        YotiResource resource, string? sessionId, string? resourceId)
    {
        Method = method;
        Path = path;
        Query = query;
        Idempotent = idempotent;
        Resource = resource;
        SessionId = sessionId;
        ResourceId = resourceId;
    }

    public HttpMethod Method { get; }

    /// <summary>
    /// Set only for a public, unsigned GET of an absolute URL (a report's key set): no signature travels with it,
    /// since one made for the API must not go to another path or origin. Null for every API call.
    /// </summary>
    public Uri? AbsoluteUrl { get; private set; }

    /// <summary>The path relative to the API base URL, starting with '/', without the query.</summary>
    public string Path { get; }

    /// <summary>Query parameters besides the signing ones (sdkId, nonce, timestamp), in the order sent and signed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>True for GET and DELETE: repeating the request does no harm, so transient failures are retried.</summary>
    public bool Idempotent { get; }

    public YotiResource Resource { get; }

    /// <summary>The session the request is about, when it is about one.</summary>
    public string? SessionId { get; }

    /// <summary>The id of the resource itself (the media id for media; the session id for a session).</summary>
    public string? ResourceId { get; }

    /// <summary>GET: idempotent, retried.</summary>
    public static YotiRequest Get(string path, YotiResource resource, string? sessionId = null, string? resourceId = null) =>
        new YotiRequest(HttpMethod.Get, path, Array.Empty<KeyValuePair<string, string>>(), true, resource, sessionId, resourceId ?? sessionId);

    /// <summary>DELETE: idempotent (deleting twice leaves the same state), retried.</summary>
    public static YotiRequest Delete(string path, YotiResource resource, string? sessionId = null, string? resourceId = null) =>
        new YotiRequest(HttpMethod.Delete, path, Array.Empty<KeyValuePair<string, string>>(), true, resource, sessionId, resourceId ?? sessionId);

    /// <summary>Any other method: never retried, since the server may have acted on the first attempt.</summary>
    public static YotiRequest NotIdempotent(HttpMethod method, string path, YotiResource resource, string? sessionId = null, string? resourceId = null) =>
        new YotiRequest(method, path, Array.Empty<KeyValuePair<string, string>>(), false, resource, sessionId, resourceId ?? sessionId);

    /// <summary>An unsigned GET of a public document at <paramref name="url"/> (idempotent, retried); the caller decides that it may be fetched.</summary>
    public static YotiRequest PublicGet(Uri url, YotiResource resource) =>
        new YotiRequest(HttpMethod.Get, url.AbsolutePath, Array.Empty<KeyValuePair<string, string>>(), true, resource, null, url.AbsoluteUri) { AbsoluteUrl = url };

    /// <summary>The same request with one more query parameter (name and value are escaped when sent).</summary>
    public YotiRequest WithQuery(string name, string value) =>
        new YotiRequest(Method, Path, Query.Concat(new[] { new KeyValuePair<string, string>(name, value) }).ToArray(), Idempotent, Resource, SessionId, ResourceId);

    /// <summary>The query string without '?', escaped, or empty.</summary>
    public string QueryString =>
        string.Join("&", Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>"session 'id'", "media 'id' of session 'id'" ... for messages.</summary>
    public string DescribeResource()
    {
        string name = Resource switch
        {
            YotiResource.Session => "session",
            YotiResource.Media => "media",
            YotiResource.Configuration => "configuration of session",
            YotiResource.TrackedDevices => "tracked devices of session",
            YotiResource.SupportedDocuments => "supported documents",
            YotiResource.KeySet => "key set",
            _ => "resource",
        };
        var text = new StringBuilder(name);
        if (Resource == YotiResource.Media)
        {
            text.Append(" '").Append(ResourceId).Append("' of session '").Append(SessionId).Append('\'');
        }
        else if (ResourceId != null)
        {
            text.Append(" '").Append(ResourceId).Append('\'');
        }

        return text.ToString();
    }

    /// <summary>"GET /sessions/{id}" with the query (never the signing parameters).</summary>
    public override string ToString() =>
        Method.Method + " " + (AbsoluteUrl?.AbsoluteUri ?? Path + (Query.Count == 0 ? string.Empty : "?" + QueryString));

    internal static string Id(string id) =>
        YotiId.Normalize(id, out string? reason) ?? throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "Invalid id '{0}': {1}.", YotiId.ForDisplay(id), reason), nameof(id));
}
