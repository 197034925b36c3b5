using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace YotiIdv.Emulator;

/// <summary>What a DELETE of a session did.</summary>
internal enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>The session is still ongoing (409).</summary>
    Conflict,
}

/// <summary>
/// Sessions, media, configurations, tracked devices and supported documents of the emulator, loaded from the data
/// folder (layout in <see cref="YotiIdvEmulatorOptions"/>) plus anything added in memory. Thread-safe; deletions,
/// additions and state changes are in memory only.
/// </summary>
internal sealed class EmulatorDataStore
{
    private static readonly byte[] EmptyArray = Encoding.UTF8.GetBytes("[]");
    private static readonly byte[] NoSupportedDocuments = Encoding.UTF8.GetBytes("{\"supported_countries\":[]}");

    private readonly ConcurrentDictionary<string, Session> _sessions = new ConcurrentDictionary<string, Session>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaItem> _media = new ConcurrentDictionary<string, MediaItem>(StringComparer.Ordinal);

    // "sessionId/mediaId" pairs deleted through the API: they answer 404 afterwards.
    private readonly ConcurrentDictionary<string, bool> _deletedMedia = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

    // By session id, from configurations/<sessionId>.json and tracked-devices/<sessionId>.json.
    private readonly ConcurrentDictionary<string, byte[]> _configurations = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _trackedDevices = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _deletedTrackedDevices = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

    // supported-documents.json as served with and without includeNonLatin.
    private volatile byte[][] _supportedDocuments = { NoSupportedDocuments, NoSupportedDocuments };

    public int SessionCount => _sessions.Count;

    public ICollection<string> SessionIds => _sessions.Keys;

    /// <summary>
    /// Reads <c>sessions/*.json</c> and indexes <c>media/*</c>. Validates everything first and only then replaces the
    /// current content, so a bad file leaves the store unchanged. Throws <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public void Load(string? dataPath)
    {
        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
        var media = new Dictionary<string, MediaItem>(StringComparer.Ordinal);
        var configurations = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var trackedDevices = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[][] supportedDocuments = { NoSupportedDocuments, NoSupportedDocuments };
        if (dataPath != null)
        {
            if (!Directory.Exists(dataPath))
            {
                throw new DirectoryNotFoundException($"Emulator data folder '{dataPath}' does not exist.");
            }

            string sessionFolder = Path.Combine(dataPath, "sessions");
            if (Directory.Exists(sessionFolder))
            {
                foreach (string file in Directory.GetFiles(sessionFolder, "*.json"))
                {
                    Session session = ParseSession(File.ReadAllBytes(file), file);
                    if (sessions.ContainsKey(session.Id))
                    {
                        throw new InvalidDataException($"Session '{session.Id}' in '{file}' is also defined by '{sessions[session.Id].Source}'.");
                    }

                    sessions.Add(session.Id, session);
                }
            }

            string mediaFolder = Path.Combine(dataPath, "media");
            if (Directory.Exists(mediaFolder))
            {
                foreach (string file in Directory.GetFiles(mediaFolder))
                {
                    string name = Path.GetFileName(file);
                    if (name.StartsWith(".", StringComparison.Ordinal) || name.Equals("README.md", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    string mediaId = Path.GetFileNameWithoutExtension(file);
                    string extension = Path.GetExtension(file);
                    MediaItem item = extension == ".204" ? MediaItem.NoContent : MediaItem.FromFile(file, ContentTypeFor(extension));
                    if (media.ContainsKey(mediaId))
                    {
                        throw new InvalidDataException($"Media id '{mediaId}' has more than one file in '{mediaFolder}'.");
                    }

                    media.Add(mediaId, item);
                }
            }

            LoadJsonFolder(Path.Combine(dataPath, "configurations"), JsonValueKind.Object, configurations);
            LoadJsonFolder(Path.Combine(dataPath, "tracked-devices"), JsonValueKind.Array, trackedDevices);
            string supportedFile = Path.Combine(dataPath, "supported-documents.json");
            if (File.Exists(supportedFile))
            {
                byte[] all = ReadJson(supportedFile, JsonValueKind.Object);
                supportedDocuments = new[] { LatinOnly(all), all };
            }
        }

        // Update in place rather than clear-and-fill, so requests running during a reload never see an empty store.
        _deletedMedia.Clear();
        _deletedTrackedDevices.Clear();
        Replace(_sessions, sessions);
        Replace(_media, media);
        Replace(_configurations, configurations);
        Replace(_trackedDevices, trackedDevices);
        _supportedDocuments = supportedDocuments;
    }

    /// <summary>Reads every <c>&lt;sessionId&gt;.json</c> of a folder, checking it is JSON of the given kind.</summary>
    private static void LoadJsonFolder(string folder, JsonValueKind kind, Dictionary<string, byte[]> into)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.GetFiles(folder, "*.json"))
        {
            into[Path.GetFileNameWithoutExtension(file)] = ReadJson(file, kind);
        }
    }

    private static byte[] ReadJson(string file, JsonValueKind kind) => CheckJson(File.ReadAllBytes(file), kind, file);

    private static byte[] CheckJson(byte[] bytes, JsonValueKind kind, string file)
    {
        byte[] json = StripUtf8Bom(bytes);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != kind)
            {
                throw new InvalidDataException($"Emulator data file '{file}' must hold a JSON {kind.ToString().ToLowerInvariant()}.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Emulator data file '{file}' is not valid JSON: {ex.Message}", ex);
        }

        return json;
    }

    /// <summary>The supported documents without those marked <c>is_strictly_latin: false</c> (countries left empty are dropped).</summary>
    private static byte[] LatinOnly(byte[] json)
    {
        JsonNode root = JsonNode.Parse(json)!;
        if (root["supported_countries"] is not JsonArray countries)
        {
            return json;
        }

        for (int c = countries.Count - 1; c >= 0; c--)
        {
            if (countries[c]?["supported_documents"] is not JsonArray documents)
            {
                continue;
            }

            for (int d = documents.Count - 1; d >= 0; d--)
            {
                if (documents[d] is JsonObject document && document["is_strictly_latin"] is JsonValue latin
                    && latin.TryGetValue(out bool isLatin) && !isLatin)
                {
                    documents.RemoveAt(d);
                }
            }

            if (documents.Count == 0)
            {
                countries.RemoveAt(c);
            }
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Replace<T>(ConcurrentDictionary<string, T> target, Dictionary<string, T> source)
    {
        foreach (KeyValuePair<string, T> pair in source)
        {
            target[pair.Key] = pair.Value;
        }

        foreach (string key in target.Keys)
        {
            if (!source.ContainsKey(key))
            {
                target.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Adds or replaces a session from its JSON; returns its <c>session_id</c>.</summary>
    public string AddSession(byte[] json)
    {
        Session session = ParseSession(json, "(in memory)");
        _sessions[session.Id] = session;
        return session.Id;
    }

    public void AddMedia(string mediaId, byte[]? content, string? contentType)
    {
        _media[mediaId] = content is null ? MediaItem.NoContent : MediaItem.FromBytes(content, contentType ?? "application/octet-stream");
        foreach (string key in _deletedMedia.Keys)
        {
            if (key.EndsWith("/" + mediaId, StringComparison.Ordinal))
            {
                _deletedMedia.TryRemove(key, out _);
            }
        }
    }

    public byte[]? GetSessionJson(string sessionId) => _sessions.TryGetValue(sessionId, out Session? session) ? session.Json : null;

    /// <summary>Deletes a session unless it is still <c>ONGOING</c> (Yoti deletes completed sessions only).</summary>
    public DeleteOutcome DeleteSession(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out Session? session))
        {
            return DeleteOutcome.NotFound;
        }

        if (string.Equals(session.State, "ONGOING", StringComparison.OrdinalIgnoreCase))
        {
            return DeleteOutcome.Conflict;
        }

        return _sessions.TryRemove(sessionId, out _) ? DeleteOutcome.Deleted : DeleteOutcome.NotFound;
    }

    /// <summary>The top-level <c>state</c> of a served session, or null.</summary>
    public string? GetSessionState(string sessionId) => _sessions.TryGetValue(sessionId, out Session? session) ? session.State : null;

    /// <summary>
    /// Sets the top-level <c>state</c> of a session (e.g. <c>COMPLETED</c>), keeping the rest of its JSON; false when
    /// the session is unknown.
    /// </summary>
    public bool SetSessionState(string sessionId, string state)
    {
        while (_sessions.TryGetValue(sessionId, out Session? session))
        {
            JsonNode root = JsonNode.Parse(session.Json)!;
            root["state"] = state;
            var updated = new Session(sessionId, Encoding.UTF8.GetBytes(root.ToJsonString()), session.Source, state);
            if (_sessions.TryUpdate(sessionId, updated, session))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The session's configuration: its file, or one derived from the session; null when the session is unknown.</summary>
    public byte[]? GetConfiguration(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out Session? session))
        {
            return null;
        }

        return _configurations.TryGetValue(sessionId, out byte[]? json) ? json : DeriveConfiguration(session);
    }

    /// <summary>The tracked devices (<c>[]</c> without a file); null when the session is unknown or they were deleted.</summary>
    public byte[]? GetTrackedDevices(string sessionId, out bool sessionFound)
    {
        sessionFound = _sessions.ContainsKey(sessionId);
        if (!sessionFound || _deletedTrackedDevices.ContainsKey(sessionId))
        {
            return null;
        }

        return _trackedDevices.TryGetValue(sessionId, out byte[]? json) ? json : EmptyArray;
    }

    /// <summary>Marks a session's tracked devices deleted; false when the session is unknown or they already were.</summary>
    public bool DeleteTrackedDevices(string sessionId, out bool sessionFound)
    {
        sessionFound = _sessions.ContainsKey(sessionId);
        return sessionFound && _deletedTrackedDevices.TryAdd(sessionId, true);
    }

    /// <summary>Serves a configuration (a JSON object) for a session from memory.</summary>
    public void SetConfiguration(string sessionId, byte[] json) => _configurations[sessionId] = CheckJson(json, JsonValueKind.Object, "(in memory)");

    /// <summary>Serves tracked devices (a JSON array) for a session from memory; undoes a deletion.</summary>
    public void SetTrackedDevices(string sessionId, byte[] json)
    {
        _trackedDevices[sessionId] = CheckJson(json, JsonValueKind.Array, "(in memory)");
        _deletedTrackedDevices.TryRemove(sessionId, out _);
    }

    /// <summary>Serves supported documents (a JSON object) from memory.</summary>
    public void SetSupportedDocuments(byte[] json)
    {
        byte[] all = CheckJson(json, JsonValueKind.Object, "(in memory)");
        _supportedDocuments = new[] { LatinOnly(all), all };
    }

    public byte[] GetSupportedDocuments(bool includeNonLatin) => _supportedDocuments[includeNonLatin ? 1 : 0];

    /// <summary>A minimal configuration for a session without a configuration file: its check types, no resources.</summary>
    private static byte[] DeriveConfiguration(Session session)
    {
        using JsonDocument document = JsonDocument.Parse(session.Json);
        var checks = new List<string>();
        if (document.RootElement.TryGetProperty("checks", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement check in array.EnumerateArray())
            {
                if (check.ValueKind == JsonValueKind.Object && check.TryGetProperty("type", out JsonElement type)
                    && type.ValueKind == JsonValueKind.String && !checks.Contains(type.GetString()!))
                {
                    checks.Add(type.GetString()!);
                }
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("session_id", session.Id);
            writer.WriteNumber("client_session_token_ttl", 0);
            writer.WriteStartArray("requested_checks");
            checks.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteStartObject("capture");
            writer.WriteString("biometric_consent", "NOT_REQUIRED");
            writer.WriteStartArray("required_resources");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Looks up media of a session. <paramref name="sessionFound"/> tells a 404 for the session from one for the media.</summary>
    public MediaItem? GetMedia(string sessionId, string mediaId, out bool sessionFound)
    {
        sessionFound = _sessions.TryGetValue(sessionId, out Session? session);
        if (!sessionFound || !session!.References(mediaId) || _deletedMedia.ContainsKey(sessionId + "/" + mediaId))
        {
            return null;
        }

        return _media.TryGetValue(mediaId, out MediaItem? item) ? item : null;
    }

    /// <summary>Marks a referenced media id deleted for this session (204); false when session or reference is unknown.</summary>
    public bool DeleteMedia(string sessionId, string mediaId, out bool sessionFound)
    {
        sessionFound = _sessions.TryGetValue(sessionId, out Session? session);
        if (!sessionFound || !session!.References(mediaId))
        {
            return false;
        }

        _deletedMedia[sessionId + "/" + mediaId] = true;
        return true;
    }

    /// <summary>Content-Type served for a media file extension.</summary>
    public static string ContentTypeFor(string extension) => extension.ToLowerInvariant() switch
    {
        ".jpg" => "image/jpeg",
        ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".json" => "application/json",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    private static Session ParseSession(byte[] bytes, string source)
    {
        byte[] json = StripUtf8Bom(bytes);
        string? id;
        string? state;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            id = StringProperty(document.RootElement, "session_id");
            state = StringProperty(document.RootElement, "state");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Session file '{source}' is not valid JSON: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidDataException($"Session file '{source}' has no string 'session_id'.");
        }

        return new Session(id!, json, source, state);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static byte[] StripUtf8Bom(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            var copy = new byte[bytes.Length - 3];
            Buffer.BlockCopy(bytes, 3, copy, 0, copy.Length);
            return copy;
        }

        return bytes;
    }

    private sealed class Session
    {
        private readonly string _text;

        public Session(string id, byte[] json, string source, string? state)
        {
            Id = id;
            Json = json;
            Source = source;
            State = state;
            _text = Encoding.UTF8.GetString(json);
        }

        public string? State { get; }

        public string Id { get; }

        public byte[] Json { get; }

        public string Source { get; }

        /// <summary>A media id belongs to a session when its JSON mentions it as a string value.</summary>
        public bool References(string mediaId) => _text.IndexOf("\"" + mediaId + "\"", StringComparison.Ordinal) >= 0;
    }
}

/// <summary>One media item: a file read on demand (so edits show without a reload), in-memory bytes, or "204".</summary>
internal sealed class MediaItem
{
    public static readonly MediaItem NoContent = new MediaItem(null, null, null);

    private readonly string? _path;
    private readonly byte[]? _bytes;

    private MediaItem(string? path, byte[]? bytes, string? contentType)
    {
        _path = path;
        _bytes = bytes;
        ContentType = contentType;
    }

    public bool IsNoContent => _path is null && _bytes is null;

    public string? ContentType { get; }

    /// <summary>The file of a file-backed item (streamed when served), else null.</summary>
    public string? FilePath => _path;

    public static MediaItem FromFile(string path, string contentType) => new MediaItem(path, null, contentType);

    public static MediaItem FromBytes(byte[] bytes, string contentType) => new MediaItem(null, bytes, contentType);

    /// <summary>The content, or null when the file has disappeared since loading.</summary>
    public byte[]? ReadContent()
    {
        if (_bytes != null)
        {
            return _bytes;
        }

        try
        {
            return _path is null ? null : File.ReadAllBytes(_path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
