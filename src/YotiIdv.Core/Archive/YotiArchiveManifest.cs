using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace YotiIdv.Archive;

/// <summary>The key set (JWKS) an identity profile report's proof names, saved so the report verifies offline.</summary>
public sealed class YotiArchiveKeySet
{
    public YotiArchiveKeySet(string? keyId, string url, YotiArchiveFile file)
    {
        KeyId = keyId;
        Url = url;
        File = file;
    }

    /// <summary>The proof's JWS <c>kid</c>.</summary>
    public string? KeyId { get; }

    /// <summary>The proof's <c>public_key_url</c> it was fetched from.</summary>
    public string Url { get; }

    public YotiArchiveFile File { get; }
}

/// <summary>One file of an archive as the manifest lists it.</summary>
public sealed class YotiArchiveFile
{
    public YotiArchiveFile(string path, long length, string sha256, DateTimeOffset? retrievedAt)
    {
        Path = path;
        Length = length;
        Sha256 = sha256;
        RetrievedAt = retrievedAt;
    }

    /// <summary>Relative to the archive folder, with forward slashes.</summary>
    public string Path { get; }

    public long Length { get; }

    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; }

    public DateTimeOffset? RetrievedAt { get; }
}

/// <summary>A media item saved in an archive.</summary>
public sealed class YotiArchiveMedia
{
    public YotiArchiveMedia(string mediaId, string kind, string? contentType, YotiArchiveFile file)
    {
        MediaId = mediaId;
        Kind = kind;
        ContentType = contentType;
        File = file;
    }

    public string MediaId { get; }

    public string Kind { get; }

    public string? ContentType { get; }

    public YotiArchiveFile File { get; }
}

/// <summary>A media item the archive does not hold: unavailable for good (204, 404) or missing for now (a failure).</summary>
public sealed class YotiArchiveGap
{
    public YotiArchiveGap(string mediaId, string kind, string reason, int? status)
    {
        MediaId = mediaId;
        Kind = kind;
        Reason = reason;
        Status = status;
    }

    public string MediaId { get; }

    public string Kind { get; }

    /// <summary><c>NoContent</c> (204) or <c>NotFound</c> (404) when unavailable; for a missing item the failure (e.g. <c>ServerError</c>).</summary>
    public string Reason { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? Status { get; }
}

/// <summary>
/// <c>manifest.json</c> of a session archive, format <see cref="Format"/> (see docs/archive-format.md). Written last
/// and atomically; it is the archive's claim: every file it lists, with its length and SHA-256.
/// </summary>
public sealed class YotiArchiveManifest
{
    /// <summary>The format name and major version; a reader refuses another major version.</summary>
    public const string Format = "yotiidv-session-archive/1";

    public const string FileName = "manifest.json";

    /// <summary>The largest manifest read (thousands of media entries fit many times over).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public YotiArchiveManifest(string sessionId, DateTimeOffset savedAt, string source, string moduleVersion, string? state, YotiArchiveFile session)
    {
        SessionId = sessionId;
        SavedAt = savedAt;
        Source = source;
        ModuleVersion = moduleVersion;
        State = state;
        Session = session;
    }

    public string SessionId { get; }

    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The API base URL the session was read from.</summary>
    public string Source { get; set; }

    public string ModuleVersion { get; set; }

    /// <summary>The session's <c>state</c> when it was saved.</summary>
    public string? State { get; set; }

    /// <summary>True when nothing is missing (unavailable items do not count: they will never come).</summary>
    public bool Complete => Missing.Count == 0;

    public YotiArchiveFile Session { get; set; }

    /// <summary>Earlier versions of session.json (the session changed since), oldest first.</summary>
    public List<YotiArchiveFile> PreviousSessions { get; } = new List<YotiArchiveFile>();

    public List<YotiArchiveMedia> Media { get; } = new List<YotiArchiveMedia>();

    public List<YotiArchiveGap> Unavailable { get; } = new List<YotiArchiveGap>();

    public List<YotiArchiveGap> Missing { get; } = new List<YotiArchiveGap>();

    /// <summary>Key sets of the report's proof (fetched only from a trusted origin).</summary>
    public List<YotiArchiveKeySet> KeySets { get; } = new List<YotiArchiveKeySet>();

    /// <summary>Why the report's key set is not saved (an untrusted origin, no proof ...), or null.</summary>
    public string? KeySetNote { get; set; }

    /// <summary>Every file the manifest lists (session, earlier sessions, media), paths relative with '/'.</summary>
    public IEnumerable<YotiArchiveFile> Files()
    {
        yield return Session;
        foreach (YotiArchiveFile previous in PreviousSessions)
        {
            yield return previous;
        }

        foreach (YotiArchiveMedia media in Media)
        {
            yield return media.File;
        }

        foreach (YotiArchiveKeySet keySet in KeySets)
        {
            yield return keySet.File;
        }
    }

    /// <summary>The manifest as UTF-8 JSON (indented, stable field order).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("session_id", SessionId);
            w.WriteString("saved_at", Iso(SavedAt));
            w.WriteString("source", Source);
            w.WriteString("module_version", ModuleVersion);
            Write(w, "state", State);
            w.WriteBoolean("complete", Complete);
            w.WritePropertyName("session");
            WriteFile(w, Session);
            w.WriteStartArray("previous_sessions");
            foreach (YotiArchiveFile previous in PreviousSessions)
            {
                WriteFile(w, previous);
            }

            w.WriteEndArray();
            w.WriteStartArray("media");
            foreach (YotiArchiveMedia m in Media)
            {
                w.WriteStartObject();
                w.WriteString("media_id", m.MediaId);
                w.WriteString("kind", m.Kind);
                w.WriteString("path", m.File.Path);
                Write(w, "content_type", m.ContentType);
                w.WriteNumber("length", m.File.Length);
                w.WriteString("sha256", m.File.Sha256);
                Write(w, "retrieved_at", m.File.RetrievedAt is { } at ? Iso(at) : null);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteGaps(w, "unavailable", Unavailable);
            WriteGaps(w, "missing", Missing);
            if (KeySets.Count > 0 || KeySetNote != null)
            {
                // Additive (format /1 readers ignore unknown fields).
                w.WriteStartArray("key_sets");
                foreach (YotiArchiveKeySet k in KeySets)
                {
                    w.WriteStartObject();
                    Write(w, "kid", k.KeyId);
                    w.WriteString("url", k.Url);
                    w.WriteString("path", k.File.Path);
                    w.WriteString("sha256", k.File.Sha256);
                    w.WriteNumber("length", k.File.Length);
                    Write(w, "retrieved_at", k.File.RetrievedAt is { } at ? Iso(at) : null);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                Write(w, "key_set_note", KeySetNote);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="YotiInvalidDataException">Not a manifest of this format (or not JSON at all).</exception>
    public static YotiArchiveManifest Parse(byte[] utf8Json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new YotiInvalidDataException("the manifest is not a JSON object");
            }

            string format = Required(root, "format");
            if (!string.Equals(format, Format, StringComparison.Ordinal))
            {
                throw new YotiInvalidDataException($"the manifest's format is '{format}'; this version reads '{Format}'");
            }

            var manifest = new YotiArchiveManifest(
                Required(root, "session_id"), ParseDate(Required(root, "saved_at")), Optional(root, "source") ?? string.Empty,
                Optional(root, "module_version") ?? string.Empty, Optional(root, "state"), ReadFile(Property(root, "session")));
            foreach (JsonElement e in Array(root, "previous_sessions"))
            {
                manifest.PreviousSessions.Add(ReadFile(e));
            }

            foreach (JsonElement e in Array(root, "media"))
            {
                manifest.Media.Add(new YotiArchiveMedia(Required(e, "media_id"), Required(e, "kind"), Optional(e, "content_type"), ReadFile(e)));
            }

            manifest.Unavailable.AddRange(ReadGaps(root, "unavailable"));
            manifest.Missing.AddRange(ReadGaps(root, "missing"));
            foreach (JsonElement e in Array(root, "key_sets"))
            {
                manifest.KeySets.Add(new YotiArchiveKeySet(Optional(e, "kid"), Required(e, "url"), ReadFile(e)));
            }

            manifest.KeySetNote = Optional(root, "key_set_note");
            return manifest;
        }
        catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is ArgumentException)
        {
            throw new YotiInvalidDataException("the manifest is not valid: " + ex.Message, ex);
        }
    }

    internal static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteFile(Utf8JsonWriter w, YotiArchiveFile file)
    {
        w.WriteStartObject();
        w.WriteString("path", file.Path);
        w.WriteString("sha256", file.Sha256);
        w.WriteNumber("length", file.Length);
        Write(w, "retrieved_at", file.RetrievedAt is { } at ? Iso(at) : null);
        w.WriteEndObject();
    }

    private static void WriteGaps(Utf8JsonWriter w, string name, List<YotiArchiveGap> gaps)
    {
        w.WriteStartArray(name);
        foreach (YotiArchiveGap gap in gaps)
        {
            w.WriteStartObject();
            w.WriteString("media_id", gap.MediaId);
            w.WriteString("kind", gap.Kind);
            w.WriteString("reason", gap.Reason);
            if (gap.Status is int status)
            {
                w.WriteNumber("status", status);
            }
            else
            {
                w.WriteNull("status");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static YotiArchiveFile ReadFile(JsonElement e)
    {
        string path = Required(e, "path");
        if (!YotiSessionArchive.IsSafeRelativePath(path))
        {
            throw new YotiInvalidDataException($"the manifest lists a path outside the archive: '{path}'");
        }

        string sha = Required(e, "sha256");
        long length = Property(e, "length").GetInt64();
        string? at = Optional(e, "retrieved_at");
        return new YotiArchiveFile(path, length, sha.ToLowerInvariant(), at is null ? null : ParseDate(at));
    }

    private static IEnumerable<YotiArchiveGap> ReadGaps(JsonElement root, string name)
    {
        foreach (JsonElement e in Array(root, name))
        {
            int? status = e.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
            yield return new YotiArchiveGap(Required(e, "media_id"), Required(e, "kind"), Required(e, "reason"), status);
        }
    }

    private static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement value) ? value : throw new YotiInvalidDataException($"'{name}' is missing");

    private static string Required(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new YotiInvalidDataException($"'{name}' is not a string");

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : (IEnumerable<JsonElement>)System.Array.Empty<JsonElement>();

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override string ToString() => Encoding.UTF8.GetString(ToJson());
}
