using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace YotiIdv.Model;

/// <summary>
/// <c>GET /sessions/{id}/configuration</c> (spec 3.5): what the session was asked to capture and check. Unknown
/// fields stay in <see cref="YotiJsonObject.GetRawJson"/>; unknown requirement types are kept as requirements.
/// </summary>
public sealed class YotiSessionConfiguration : YotiJsonObject
{
    internal YotiSessionConfiguration(JsonElement json, string rawText)
        : base(json, rawText)
    {
        SessionId = JsonRead.GetString(json, "session_id");
        ClientSessionTokenTtl = JsonRead.GetInt(json, "client_session_token_ttl");
        RequestedChecks = JsonRead.GetStringList(json, "requested_checks");
        Capture = new YotiCaptureConfiguration(JsonRead.GetObject(json, "capture") ?? default, SessionId);
    }

    public string? SessionId { get; }

    /// <summary>Seconds the client session token had left when the configuration was read.</summary>
    public int? ClientSessionTokenTtl { get; }

    /// <summary>The check types asked for, e.g. <c>ID_DOCUMENT_AUTHENTICITY; LIVENESS</c>.</summary>
    public IReadOnlyList<string> RequestedChecks { get; }

    public YotiCaptureConfiguration Capture { get; }

    /// <summary>Shortcut to <c>Capture.BiometricConsent</c>, for tables.</summary>
    public string? BiometricConsent => Capture.BiometricConsent;

    /// <summary>Shortcut to <c>Capture.RequiredResources</c>.</summary>
    public IReadOnlyList<YotiRequiredResource> RequiredResources => Capture.RequiredResources;

    /// <summary>The required resource types, e.g. <c>ID_DOCUMENT; LIVENESS</c> (for tables and CSV).</summary>
    public IReadOnlyList<string> RequiredResourceTypes =>
        JsonRead.ReadOnly(Capture.RequiredResources.Select(r => r.Type ?? string.Empty).ToList());

    public override string ToString() => SessionId ?? string.Empty;

    /// <summary>Parses a configuration body (UTF-8 JSON object).</summary>
    /// <exception cref="YotiInvalidDataException">Not UTF-8, not JSON or not an object.</exception>
    internal static YotiSessionConfiguration Parse(byte[] utf8Json)
    {
        string text = SessionParser.DecodeUtf8(utf8Json ?? throw new ArgumentNullException(nameof(utf8Json)));
        return new YotiSessionConfiguration(SessionParser.ParseObject(text, "a session configuration"), text);
    }
}

/// <summary>The <c>capture</c> part of a session configuration.</summary>
public sealed class YotiCaptureConfiguration : YotiJsonObject
{
    internal YotiCaptureConfiguration(JsonElement json, string? sessionId)
        : base(json)
    {
        BiometricConsent = JsonRead.GetString(json, "biometric_consent");
        RequiredResources = JsonRead.GetList(json, "required_resources", e => new YotiRequiredResource(e, sessionId));
    }

    /// <summary>e.g. <c>NOT_REQUIRED</c>.</summary>
    public string? BiometricConsent { get; }

    /// <summary>Every requirement, in the order sent, of any type (unknown types included).</summary>
    public IReadOnlyList<YotiRequiredResource> RequiredResources { get; }

    /// <summary>The requirements of one type (<c>ID_DOCUMENT</c>, <c>SUPPLEMENTARY_DOCUMENT</c>, <c>LIVENESS</c>, <c>FACE_CAPTURE</c>, …).</summary>
    public IReadOnlyList<YotiRequiredResource> GetRequiredResources(string type) =>
        JsonRead.ReadOnly(RequiredResources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList());

    public IReadOnlyList<YotiRequiredResource> IdDocuments => GetRequiredResources("ID_DOCUMENT");

    public IReadOnlyList<YotiRequiredResource> SupplementaryDocuments => GetRequiredResources("SUPPLEMENTARY_DOCUMENT");

    public IReadOnlyList<YotiRequiredResource> Liveness => GetRequiredResources("LIVENESS");

    public IReadOnlyList<YotiRequiredResource> FaceCapture => GetRequiredResources("FACE_CAPTURE");

    public override string ToString() => string.Join(YotiReadOnlyList<string>.Separator, RequiredResources.Select(r => r.Type));
}

/// <summary>
/// One <c>capture.required_resources[]</c> entry. Every type shares <see cref="Type"/>, <see cref="Id"/>,
/// <see cref="State"/> and <see cref="AllowedSources"/>; the other properties are null or empty where a type has none.
/// </summary>
public sealed class YotiRequiredResource : YotiJsonObject
{
    private static readonly string[] KnownTypes = { "ID_DOCUMENT", "SUPPLEMENTARY_DOCUMENT", "LIVENESS", "FACE_CAPTURE" };

    internal YotiRequiredResource(JsonElement json, string? sessionId)
        : base(json)
    {
        SessionId = sessionId;
        Type = JsonRead.GetString(json, "type");
        Id = JsonRead.GetString(json, "id");
        State = JsonRead.GetString(json, "state");
        AllowedSources = JsonRead.ReadOnly(JsonRead.GetObjects(json, "allowed_sources").Select(s => JsonRead.GetString(s, "type")).OfType<string>().ToList());
        RequestedTasks = JsonRead.GetList(json, "requested_tasks", e => new YotiRequestedTask(e));
        SupportedCountries = JsonRead.GetList(json, "supported_countries", e => new YotiSupportedCountry(e));
        AllowedCaptureMethods = JsonRead.GetString(json, "allowed_capture_methods");
        AttemptsRemaining = ReadAttempts(json);
        DocumentTypes = JsonRead.GetStringList(json, "document_types");
        CountryCodes = JsonRead.GetStringList(json, "country_codes");
        Objective = JsonRead.GetObject(json, "objective") is { } objective ? JsonRead.GetString(objective, "type") : JsonRead.GetString(json, "objective");
        LivenessType = JsonRead.GetString(json, "liveness_type");
    }

    public string? SessionId { get; }

    /// <summary><c>ID_DOCUMENT</c>, <c>SUPPLEMENTARY_DOCUMENT</c>, <c>LIVENESS</c>, <c>FACE_CAPTURE</c> or a type this version does not know.</summary>
    public string? Type { get; }

    /// <summary>False for a type this version does not model (its fields are in <see cref="YotiJsonObject.GetRawJson"/>).</summary>
    public bool IsKnownType => Type != null && Array.IndexOf(KnownTypes, Type.ToUpperInvariant()) >= 0;

    public string? Id { get; }

    /// <summary>e.g. <c>REQUIRED</c>.</summary>
    public string? State { get; }

    /// <summary>Who may provide it: <c>END_USER</c>, <c>RELYING_BUSINESS</c>, <c>IBV</c>, …</summary>
    public IReadOnlyList<string> AllowedSources { get; }

    public bool IsRelyingBusinessAllowed => AllowedSources.Any(s => string.Equals(s, "RELYING_BUSINESS", StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<YotiRequestedTask> RequestedTasks { get; }

    /// <summary>ID documents: the countries and document types accepted.</summary>
    public IReadOnlyList<YotiSupportedCountry> SupportedCountries { get; }

    /// <summary>ID documents: <c>CAMERA</c> or <c>CAMERA_AND_UPLOAD</c>.</summary>
    public string? AllowedCaptureMethods { get; }

    /// <summary>ID documents: attempts left by kind, e.g. <c>GENERIC=3; RECLASSIFICATION=2</c>.</summary>
    public YotiAttemptsRemaining AttemptsRemaining { get; }

    /// <summary>Supplementary documents: the document types accepted.</summary>
    public IReadOnlyList<string> DocumentTypes { get; }

    /// <summary>Supplementary documents: the countries accepted.</summary>
    public IReadOnlyList<string> CountryCodes { get; }

    /// <summary>Supplementary documents: the objective's type, e.g. <c>PROOF_OF_ADDRESS</c>.</summary>
    public string? Objective { get; }

    /// <summary>Liveness: <c>ZOOM</c>, <c>STATIC</c>, …</summary>
    public string? LivenessType { get; }

    public override string ToString() => Type ?? string.Empty;

    private static YotiAttemptsRemaining ReadAttempts(JsonElement json)
    {
        var attempts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (JsonRead.GetObject(json, "attempts_remaining") is { } map)
        {
            foreach (JsonProperty property in map.EnumerateObject())
            {
                if (JsonRead.GetInt(map, property.Name) is int count)
                {
                    attempts[property.Name] = count;
                }
            }
        }

        return new YotiAttemptsRemaining(attempts);
    }
}

/// <summary><c>attempts_remaining</c>: a read-only map whose text is <c>GENERIC=3; RECLASSIFICATION=2</c> (readable in CSV).</summary>
public sealed class YotiAttemptsRemaining : System.Collections.ObjectModel.ReadOnlyDictionary<string, int>
{
    internal YotiAttemptsRemaining(IDictionary<string, int> attempts)
        : base(attempts)
    {
    }

    public override string ToString() =>
        string.Join(YotiReadOnlyList<string>.Separator, this.Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>A <c>requested_tasks[]</c> entry: <c>{ type, state }</c>.</summary>
public sealed class YotiRequestedTask : YotiJsonObject
{
    internal YotiRequestedTask(JsonElement json)
        : base(json)
    {
        Type = JsonRead.GetString(json, "type");
        State = JsonRead.GetString(json, "state");
    }

    public string? Type { get; }

    public string? State { get; }

    public override string ToString() => Type ?? string.Empty;
}

/// <summary>A <c>supported_countries[]</c> entry of an ID document requirement: a country and its document types.</summary>
public sealed class YotiSupportedCountry : YotiJsonObject
{
    internal YotiSupportedCountry(JsonElement json)
        : base(json)
    {
        Code = JsonRead.GetString(json, "code");
        DocumentTypes = JsonRead.ReadOnly(JsonRead.GetObjects(json, "supported_documents").Select(d => JsonRead.GetString(d, "type")).OfType<string>().ToList());
    }

    /// <summary>ISO 3166-1 alpha-3, e.g. <c>GBR</c>.</summary>
    public string? Code { get; }

    public IReadOnlyList<string> DocumentTypes { get; }

    /// <summary>e.g. <c>GBR: PASSPORT, DRIVING_LICENCE</c>.</summary>
    public override string ToString() => (Code ?? "?") + ": " + string.Join(", ", DocumentTypes);
}
