using System;
using System.Collections.Generic;

namespace YotiIdv.Emulator.Routes;

/// <summary>
/// One endpoint of the emulator: a method, a path template such as <c>/sessions/{sessionId}/media/{mediaId}/content</c>
/// (relative to the base path) and what it answers. A GET route also answers HEAD. A new endpoint is a new small
/// class in this folder plus one line in <see cref="EmulatorRouter.CreateDefault"/>.
/// </summary>
internal abstract class EmulatorRoute
{
    protected EmulatorRoute(string method, string template)
    {
        Method = method;
        Template = template;
        Segments = template.Split('/');
    }

    public string Method { get; }

    public string Template { get; }

    /// <summary>
    /// False for endpoints Yoti serves without authentication (Java calls <c>/supported-documents</c> unsigned, Node
    /// signs it without an SDK id): a signature is then optional, but verified when one is sent.
    /// </summary>
    public virtual bool RequiresSignature => true;

    internal string[] Segments { get; }

    public abstract EmulatorHttpResponse Handle(EmulatorRouteContext context);

    public override string ToString() => Method + " " + Template;

    protected static EmulatorHttpResponse SessionNotFound() =>
        EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.SessionNotFound, "Session not found");

    protected static EmulatorHttpResponse MediaNotFound() =>
        EmulatorHttpResponse.Error(404, YotiIdvEmulatorErrorCodes.MediaNotFound, "Media not found");
}

/// <summary>What a route sees of one request: the route values, the query and the data store.</summary>
internal sealed class EmulatorRouteContext
{
    private readonly Dictionary<string, string> _values;

    public EmulatorRouteContext(EmulatorHttpRequest request, Dictionary<string, string> values, IReadOnlyDictionary<string, string> query, EmulatorDataStore data,
        EmulatorReportSigner? reportSigner, Uri baseUri)
    {
        Request = request;
        _values = values;
        Query = query;
        Data = data;
        ReportSigner = reportSigner;
        BaseUri = baseUri;
    }

    /// <summary>The TEST-ONLY report signer (null when the data folder has no report signing key).</summary>
    public EmulatorReportSigner? ReportSigner { get; }

    /// <summary>The emulator's base URL (the origin signed reports point their key set at).</summary>
    public Uri BaseUri { get; }

    public EmulatorHttpRequest Request { get; }

    /// <summary>Query parameters (percent-decoded; the first occurrence of a name wins).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    public EmulatorDataStore Data { get; }

    /// <summary>The value of a <c>{name}</c> segment of the template.</summary>
    public string this[string name] => _values[name];

    /// <summary>True when the query parameter is <c>true</c> or <c>1</c> (the spellings the SDKs send).</summary>
    public bool IsQueryFlagSet(string name) =>
        Query.TryGetValue(name, out string? value) && (value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));
}
