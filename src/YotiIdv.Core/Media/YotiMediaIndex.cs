using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using YotiIdv.Model;

namespace YotiIdv.Media;

/// <summary>One media item a session references: where (its kind), what, and whether it is the identity profile report.</summary>
public sealed class YotiMediaEntry
{
    internal YotiMediaEntry(string kind, YotiMedia media, bool isIdentityProfileReport)
    {
        Kind = kind;
        Media = media;
        IsIdentityProfileReport = isIdentityProfileReport;
    }

    /// <summary>
    /// Where the media was first found, as <c>&lt;area&gt;[-&lt;n&gt;]-&lt;field&gt;</c> in lower case with hyphens
    /// (<c>id-documents-1-pages</c>, <c>id-documents-2-document-fields</c>, <c>liveness-capture-1-frames</c>,
    /// <c>checks-generated-media</c>, <c>identity-profile-report</c>, …); <c>n</c> counts the entries of a resource
    /// collection from 1, so two documents of one session never share a kind.
    /// </summary>
    public string Kind { get; }

    public string MediaId => Media.MediaId!;

    public YotiMedia Media { get; }

    /// <summary>True for the report of the session's (advanced) identity profile.</summary>
    public bool IsIdentityProfileReport { get; }

    public override string ToString() => Kind + "_" + MediaId;
}

/// <summary>
/// Every media item a session references, distinct by media id, in document order (spec 4.11): every
/// <c>media</c> object, every <c>generated_media</c> entry and every <c>extraction_image_ids</c> id, wherever it
/// appears (also in places this version does not model, such as a new resource collection). Frames without
/// media contribute nothing; where an id appears both as a full media object and as a bare reference, the full
/// object is kept. The one walk the downloader (Get-YotiMedia -All), the archive (Save-YotiSession) and reports use.
/// </summary>
public sealed class YotiMediaIndex : IReadOnlyList<YotiMediaEntry>
{
    private readonly IReadOnlyList<YotiMediaEntry> _entries;

    private YotiMediaIndex(IReadOnlyList<YotiMediaEntry> entries)
    {
        _entries = entries;
    }

    public int Count => _entries.Count;

    public YotiMediaEntry this[int index] => _entries[index];

    /// <summary>The index of <paramref name="session"/> (built once per session object).</summary>
    public static YotiMediaIndex Of(YotiSession session) =>
        session is null ? throw new ArgumentNullException(nameof(session)) : session.MediaIndex;

    public IEnumerator<YotiMediaEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static YotiMediaIndex Build(YotiSession session, JsonElement json, IReadOnlyDictionary<string, YotiMedia> mediaById)
    {
        var walk = new Walker(session.SessionId, mediaById);
        walk.Walk(json, collection: false);
        string? reportId = ReportMediaId(session);
        var entries = new List<YotiMediaEntry>(walk.Found.Count);
        foreach (KeyValuePair<string, YotiMedia> found in walk.Found)
        {
            entries.Add(new YotiMediaEntry(found.Key, found.Value, reportId != null && string.Equals(found.Value.MediaId, reportId, StringComparison.Ordinal)));
        }

        return new YotiMediaIndex(JsonRead.ReadOnly(entries));
    }

    private static string? ReportMediaId(YotiSession session)
    {
        try
        {
            return IdentityProfileReportReader.Locate(session).MediaId;
        }
        catch (YotiIdentityProfileUnavailableException)
        {
            return null;
        }
    }

    private sealed class Walker
    {
        private readonly string? _sessionId;
        private readonly IReadOnlyDictionary<string, YotiMedia> _mediaById;
        private readonly HashSet<int> _referenceKinds = new HashSet<int>(); // kinds taken from a bare reference (generated_media, extraction_image_ids)
        private readonly Dictionary<string, int> _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        private string _area = string.Empty;
        private string _field = string.Empty;
        private int _entry; // 1-based position in a resource collection; 0 outside one

        public Walker(string? sessionId, IReadOnlyDictionary<string, YotiMedia> mediaById)
        {
            _sessionId = sessionId;
            _mediaById = mediaById;
        }

        public List<KeyValuePair<string, YotiMedia>> Found { get; } = new List<KeyValuePair<string, YotiMedia>>();

        private string Kind => MediaKind.Of(_area, _entry, _field);

        public void Walk(JsonElement e, bool collection)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                int position = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (collection)
                    {
                        _entry = ++position;
                    }

                    Walk(item, collection: false);
                }

                if (collection)
                {
                    _entry = 0;
                }

                return;
            }

            if (e.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var p in e.EnumerateObject())
            {
                var v = p.Value;
                (string outerArea, string outerField, int outerEntry) = (_area, _field, _entry);
                bool entersCollection = _area == "resources";
                MediaKind.Enter(p.Name, ref _area, ref _field);
                switch (p.Name)
                {
                    case "media" when v.ValueKind == JsonValueKind.Object:
                        Add(JsonRead.GetString(v, "id"), () => new YotiMedia(v, _sessionId));
                        break;
                    case "generated_media" when v.ValueKind == JsonValueKind.Array:
                        foreach (var g in v.EnumerateArray())
                        {
                            if (g.ValueKind == JsonValueKind.Object)
                            {
                                Add(JsonRead.GetString(g, "id"), () => new YotiMedia(g, _sessionId));
                            }
                        }

                        break;
                    case "extraction_image_ids" when v.ValueKind == JsonValueKind.Array:
                        foreach (var idElement in v.EnumerateArray())
                        {
                            string? id = JsonRead.AsString(idElement);
                            Add(id, () => new YotiMedia(id!, _sessionId));
                        }

                        break;
                    default:
                        Walk(v, entersCollection);
                        break;
                }

                (_area, _field, _entry) = (outerArea, outerField, outerEntry);
            }
        }

        private void Add(string? id, Func<YotiMedia> create)
        {
            if (string.IsNullOrEmpty(id))
            {
                return;
            }

            if (!_indexById.TryGetValue(id!, out int index))
            {
                _indexById[id!] = Found.Count;
                if (MediaKind.IsReference(_field))
                {
                    _referenceKinds.Add(Found.Count);
                }

                Found.Add(new KeyValuePair<string, YotiMedia>(Kind, _mediaById.TryGetValue(id!, out var known) ? known : create()));
            }
            else if (_referenceKinds.Contains(index) && !MediaKind.IsReference(_field))
            {
                // The kind of the place that holds the media itself (document_fields) beats the task's reference.
                _referenceKinds.Remove(index);
                Found[index] = new KeyValuePair<string, YotiMedia>(Kind, Found[index].Value.IsReference ? create() : Found[index].Value);
            }
            else if (Found[index].Value.IsReference)
            {
                // A bare {id,type} seen first; a full media object found later (in a place the typed
                // model does not map) replaces it, keeping the first position.
                var candidate = create();
                if (!candidate.IsReference)
                {
                    Found[index] = new KeyValuePair<string, YotiMedia>(Found[index].Key, candidate);
                }
            }
        }
    }
}
