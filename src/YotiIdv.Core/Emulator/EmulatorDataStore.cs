using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace YotiIdv.Emulator;

/// <summary>
/// Sessions and media of the emulator, loaded from the data folder (layout in <see cref="YotiIdvEmulatorOptions"/>)
/// plus anything added in memory. Thread-safe; deletions and additions are in memory only.
/// </summary>
internal sealed class EmulatorDataStore
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new ConcurrentDictionary<string, Session>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaItem> _media = new ConcurrentDictionary<string, MediaItem>(StringComparer.Ordinal);

    // "sessionId/mediaId" pairs deleted through the API: they answer 404 afterwards.
    private readonly ConcurrentDictionary<string, bool> _deletedMedia = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

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
        }

        // Update in place rather than clear-and-fill, so requests running during a reload never see an empty store.
        _deletedMedia.Clear();
        Replace(_sessions, sessions);
        Replace(_media, media);
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

    public bool DeleteSession(string sessionId) => _sessions.TryRemove(sessionId, out _);

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
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            id = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("session_id", out JsonElement idElement)
                && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Session file '{source}' is not valid JSON: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidDataException($"Session file '{source}' has no string 'session_id'.");
        }

        return new Session(id!, json, source);
    }

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

        public Session(string id, byte[] json, string source)
        {
            Id = id;
            Json = json;
            Source = source;
            _text = Encoding.UTF8.GetString(json);
        }

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
