using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Proof;

namespace YotiIdv.Archive;

/// <summary>How <see cref="YotiArchiveWriter"/> saves sessions.</summary>
public sealed class YotiArchiveOptions
{
    public YotiArchiveOptions(string destination, SemaphoreSlim requestSlots)
    {
        Destination = destination;
        RequestSlots = requestSlots;
    }

    /// <summary>The folder that holds one folder per session.</summary>
    public string Destination { get; }

    /// <summary>One limit for every request of every session being saved (the session reads and the downloads).</summary>
    public SemaphoreSlim RequestSlots { get; }

    /// <summary>Download again files that no longer match the manifest (and start over from an unreadable manifest).</summary>
    public bool Force { get; set; }

    /// <summary>Receives byte counts as media are written (negative when an attempt is undone); any thread.</summary>
    public Action<long>? OnBytes { get; set; }

    /// <summary>Trace lines (any thread).</summary>
    public IYotiLog? Log { get; set; }
}

/// <summary>What Save-YotiSession did for one session: one object per session, for a job's own CSV log.</summary>
public sealed class YotiSessionArchiveResult
{
    internal YotiSessionArchiveResult(string sessionId, string path)
    {
        SessionId = sessionId;
        Path = path;
    }

    public string SessionId { get; }

    /// <summary>The archive folder.</summary>
    public string Path { get; }

    /// <summary>The session's state as saved.</summary>
    public string? State { get; internal set; }

    /// <summary>Media items the archive holds (saved now or earlier).</summary>
    public int MediaSaved { get; internal set; }

    /// <summary>Media items Yoti has no content for (204) or does not know (404): listed, never fetched again.</summary>
    public int MediaUnavailable { get; internal set; }

    /// <summary>Media items that could not be fetched this time (the next run fetches them).</summary>
    public int MediaMissing { get; internal set; }

    /// <summary>Media items downloaded by this run.</summary>
    public int Downloaded { get; internal set; }

    /// <summary>Bytes of every file the archive holds (session JSON and media).</summary>
    public long Bytes { get; internal set; }

    /// <summary>True when nothing is missing and no file is corrupt.</summary>
    public bool Complete { get; internal set; }

    /// <summary>True when session.json changed since the last run (the earlier one is kept as session.previous-N.json).</summary>
    public bool SessionChanged { get; internal set; }

    /// <summary>True when this run wrote any file (false on a re-run that found everything in place).</summary>
    public bool Written { get; internal set; }

    /// <summary>Files that no longer match the manifest (left as they are unless -Force).</summary>
    public IReadOnlyList<YotiArchiveProblem> Problems { get; internal set; } = YotiReadOnlyList<YotiArchiveProblem>.Empty;

    /// <summary>Items found unavailable by this run (for one warning); earlier runs' are in the manifest.</summary>
    internal IReadOnlyList<YotiArchiveGap> NewlyUnavailable { get; set; } = Array.Empty<YotiArchiveGap>();

    /// <summary>Why the archive is not complete (written as an error record for the session), or null.</summary>
    internal Exception? Failure { get; set; }

    public override string ToString() => Path;
}

/// <summary>
/// Saves a session as a set of files (<see cref="YotiSessionArchive"/>): session JSON, every media item, manifest
/// last. Re-running is cheap and safe: files whose hash matches the manifest are neither rewritten nor downloaded
/// again; missing ones are fetched; one that no longer matches is never replaced without <see cref="YotiArchiveOptions.Force"/>.
/// Every file goes through <see cref="AtomicFile"/>, so a kill at any point leaves an archive the next run completes.
/// </summary>
public static class YotiArchiveWriter
{
    private static readonly string ModuleVersion = typeof(YotiArchiveWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Saves one session (fetched, or <paramref name="piped"/> when given). API failures of the session itself
    /// throw; failures of media items and corrupt files are in the result's Problems and failure.
    /// </summary>
    /// <exception cref="YotiApiException">The session could not be read.</exception>
    /// <exception cref="YotiArchiveCorruptException">The manifest is unreadable (without Force).</exception>
    /// <exception cref="YotiFileException">The archive folder or a file could not be written.</exception>
    public static async Task<YotiSessionArchiveResult> SaveAsync(
        YotiApiClient client, string sessionId, YotiSession? piped, YotiArchiveOptions options, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        (byte[] body, YotiSession session) = piped is null
            ? await FetchSessionAsync(client, sessionId, options, cancellationToken).ConfigureAwait(false)
            : (Encoding.UTF8.GetBytes(piped.GetRawJson()), piped);

        string folder = YotiSessionArchive.FolderFor(options.Destination, sessionId);
        string mediaFolder = Path.Combine(folder, YotiSessionArchive.MediaFolder);
        AtomicFile.CreatePrivateDirectory(mediaFolder);
        RemoveLeftovers(folder);

        YotiArchiveManifest? old = ReadEarlierManifest(folder, options.Force);
        var run = new Run(folder, old, options);
        var result = new YotiSessionArchiveResult(sessionId, folder) { State = session.State };

        DateTimeOffset now = DateTimeOffset.UtcNow;
        YotiArchiveFile sessionFile = SaveSessionJson(run, body, now, result);
        var manifest = new YotiArchiveManifest(sessionId, now, client.Connection.ApiUrl.AbsoluteUri, ModuleVersion, session.State, sessionFile);
        manifest.PreviousSessions.AddRange(run.PreviousSessions);

        YotiMediaIndex index = YotiMediaIndex.Of(session);
        var outcomes = await Task.WhenAll(index.Select(entry => SaveMediaAsync(client, sessionId, entry, run, cancellationToken))).ConfigureAwait(false);
        foreach (MediaOutcome outcome in outcomes)
        {
            if (outcome.Saved != null)
            {
                manifest.Media.Add(outcome.Saved);
            }
            else if (outcome.Gap != null)
            {
                (outcome.Unavailable ? manifest.Unavailable : manifest.Missing).Add(outcome.Gap);
            }
        }

        // Evidence saved earlier stays listed even when the session no longer references it.
        if (old != null)
        {
            var referenced = new HashSet<string>(index.Select(e => e.MediaId), StringComparer.Ordinal);
            manifest.Media.AddRange(old.Media.Where(m => !referenced.Contains(m.MediaId)));
        }

        await SaveKeySetAsync(client, session, manifest, run, cancellationToken).ConfigureAwait(false);

        result.MediaSaved = manifest.Media.Count;
        result.MediaUnavailable = manifest.Unavailable.Count;
        result.MediaMissing = manifest.Missing.Count;
        result.Downloaded = outcomes.Count(o => o.Downloaded);
        result.Bytes = manifest.Files().Where(f => !manifest.PreviousSessions.Contains(f)).Sum(f => f.Length);
        result.Problems = run.Problems.ToYotiList();
        result.NewlyUnavailable = outcomes.Where(o => o.Unavailable && o.New).Select(o => o.Gap!).ToArray();
        result.Complete = manifest.Complete && run.Problems.Count == 0;

        if (run.Written || old is null || !SameGaps(old, manifest) || old.State != manifest.State || old.KeySetNote != manifest.KeySetNote)
        {
            AtomicFile.WriteAllBytes(Path.Combine(folder, YotiArchiveManifest.FileName), manifest.ToJson(), overwrite: true);
            run.Written = true;
        }

        result.Written = run.Written;
        if (run.Problems.Count > 0)
        {
            result.Failure = new YotiArchiveCorruptException(folder,
                $"The archive of session '{sessionId}' has {run.Problems.Count} file(s) that no longer match its manifest ({string.Join(", ", run.Problems.Select(p => p.Path))}); they may be evidence of tampering and were left as they are. Run Test-YotiSessionArchive to see them; -Force downloads them again.",
                result.Problems);
        }
        else if (run.FirstFailure != null)
        {
            result.Failure = new YotiArchiveIncompleteException(sessionId, folder, manifest.Missing.Count, run.FirstFailure);
        }

        options.Log?.Verbose($"Session {sessionId}: {result.MediaSaved} media saved ({result.Downloaded} downloaded now), {result.MediaUnavailable} unavailable, {result.MediaMissing} missing, {(run.Written ? "archive updated" : "nothing written")}.");
        return result;
    }

    /// <summary>GET /sessions/{id}: the body as received (it is saved byte for byte) and the session parsed from it.</summary>
    private static Task<(byte[] Body, YotiSession Session)> FetchSessionAsync(YotiApiClient client, string sessionId, YotiArchiveOptions options, CancellationToken ct)
    {
        YotiRequest request = YotiEndpoints.Session(sessionId);
        return Limited(options, () => client.SendAsync(request, async (response, token) =>
        {
            byte[] body = await response.ReadBytesAsync(token).ConfigureAwait(false);
            YotiSession session = SessionParser.Parse(body);
            if (session.SessionId != null && !string.Equals(session.SessionId, request.SessionId, StringComparison.OrdinalIgnoreCase))
            {
                throw new YotiInvalidDataException($"The answer is about session '{YotiId.ForDisplay(session.SessionId)}', not the requested session '{request.SessionId}'.");
            }

            return (body, session);
        }, ct), ct);
    }

    private static YotiArchiveManifest? ReadEarlierManifest(string folder, bool force)
    {
        if (!File.Exists(Path.Combine(folder, YotiArchiveManifest.FileName)))
        {
            return null;
        }

        try
        {
            return YotiSessionArchive.ReadManifest(folder);
        }
        catch (YotiInvalidDataException ex) when (!force)
        {
            throw new YotiArchiveCorruptException(folder,
                $"The archive '{folder}' has a manifest that cannot be read ({ex.Message}); nothing was changed. -Force starts the archive over.",
                new[] { new YotiArchiveProblem(YotiArchiveManifest.FileName, YotiArchiveProblemKind.ManifestUnreadable, ex.Message) });
        }
        catch (YotiInvalidDataException)
        {
            return null;
        }
    }

    private static YotiArchiveFile SaveSessionJson(Run run, byte[] body, DateTimeOffset now, YotiSessionArchiveResult result)
    {
        string hash = AtomicFile.Hash(body);
        string path = Path.Combine(run.Folder, YotiSessionArchive.SessionFile);
        YotiArchiveFile? earlier = run.Old?.Session;
        if (earlier != null)
        {
            run.PreviousSessions.AddRange(run.Old!.PreviousSessions);
            YotiArchiveProblem? problem = YotiSessionArchive.Check(run.Folder, earlier);
            if (problem is null && earlier.Sha256 == hash)
            {
                return earlier;
            }

            if (problem is null)
            {
                // The session changed (it was ONGOING): the earlier version is evidence too, so it is kept.
                string previous = NextPreviousName(run);
                AtomicFile.Move(path, YotiSessionArchive.FullPath(run.Folder, previous));
                run.PreviousSessions.Add(new YotiArchiveFile(previous, earlier.Length, earlier.Sha256, earlier.RetrievedAt));
                result.SessionChanged = true;
            }
            else if (problem.Problem == YotiArchiveProblemKind.Corrupt && !run.Options.Force)
            {
                run.AddProblem(problem);
                return earlier;
            }
        }

        AtomicFile.WriteAllBytes(path, body, overwrite: true);
        run.Written = true;
        return new YotiArchiveFile(YotiSessionArchive.SessionFile, body.Length, hash, now);
    }

    private static string NextPreviousName(Run run)
    {
        for (int n = run.PreviousSessions.Count + 1; ; n++)
        {
            string name = "session.previous-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json";
            if (!File.Exists(Path.Combine(run.Folder, name)))
            {
                return name;
            }
        }
    }

    private static async Task<MediaOutcome> SaveMediaAsync(YotiApiClient client, string sessionId, YotiMediaEntry entry, Run run, CancellationToken ct)
    {
        YotiArchiveMedia? earlier = run.Old?.Media.FirstOrDefault(m => m.MediaId == entry.MediaId);
        if (earlier != null)
        {
            YotiArchiveProblem? problem = await Task.Run(() => YotiSessionArchive.Check(run.Folder, earlier.File), ct).ConfigureAwait(false);
            if (problem is null)
            {
                return new MediaOutcome { Saved = earlier };
            }

            if (problem.Problem == YotiArchiveProblemKind.Corrupt && !run.Options.Force)
            {
                run.AddProblem(problem);
                return new MediaOutcome { Saved = earlier };
            }
        }

        YotiArchiveGap? known = run.Old?.Unavailable.FirstOrDefault(g => g.MediaId == entry.MediaId);
        if (known != null && !run.Options.Force)
        {
            return new MediaOutcome { Gap = known, Unavailable = true };
        }

        var target = YotiMediaTarget.ToKindFolder(Path.Combine(run.Folder, YotiSessionArchive.MediaFolder));
        try
        {
            YotiMediaFile file = await Limited(run.Options, () => YotiMediaDownloader.DownloadAsync(
                client, sessionId, entry.MediaId, entry.Kind, target, overwrite: true, run.Options.OnBytes, ct), ct).ConfigureAwait(false);
            run.Written = true;
            string relative = YotiSessionArchive.Relative(run.Folder, file.Path);
            if (earlier != null && earlier.File.Path != relative)
            {
                TryDelete(YotiSessionArchive.FullPath(run.Folder, earlier.File.Path)); // replaced (-Force) under another extension
            }

            return new MediaOutcome
            {
                Downloaded = true,
                Saved = new YotiArchiveMedia(entry.MediaId, entry.Kind, file.ContentType, new YotiArchiveFile(relative, file.Length, file.Sha256, DateTimeOffset.UtcNow)),
            };
        }
        catch (YotiMediaFileException ex) when (ex.Problem == YotiMediaFileProblem.NoContent)
        {
            return new MediaOutcome { Gap = new YotiArchiveGap(entry.MediaId, entry.Kind, "NoContent", 204), Unavailable = true, New = true };
        }
        catch (YotiApiException ex) when (ex.Kind == YotiFailureKind.NotFound)
        {
            return new MediaOutcome { Gap = new YotiArchiveGap(entry.MediaId, entry.Kind, "NotFound", 404), Unavailable = true, New = true };
        }
        catch (Exception ex) when (ex is YotiApiException || ex is YotiMediaFileException)
        {
            run.Fail(ex);
            string reason = ex is YotiApiException api ? api.Kind.ToString() : "WriteFailed";
            return new MediaOutcome { Gap = new YotiArchiveGap(entry.MediaId, entry.Kind, reason, (ex as YotiApiException)?.StatusCode) };
        }
    }

    /// <summary>
    /// The key set the saved report's proof names, as keys/&lt;kid&gt;.jwks, so the report verifies offline. Fetched
    /// only under the rules of Test-YotiIdentityProfileReport (KeyOrigin: the API origin or a trusted key origin);
    /// otherwise, or when the fetch fails, the manifest says why (key_set_note) and the next run tries again.
    /// </summary>
    private static async Task SaveKeySetAsync(YotiApiClient client, YotiSession session, YotiArchiveManifest manifest, Run run, CancellationToken ct)
    {
        LocatedProfileReport located;
        try
        {
            located = IdentityProfileReportReader.Locate(session);
        }
        catch (YotiIdentityProfileUnavailableException)
        {
            return;
        }

        YotiArchiveMedia? report = manifest.Media.FirstOrDefault(m => string.Equals(m.MediaId, located.MediaId, StringComparison.Ordinal));
        byte[]? content = report is null ? null : ReadIfIntact(run.Folder, report.File);
        if (content is null)
        {
            return; // not saved, or no longer what the manifest says (reported with the media)
        }

        ReportProof proof = ReportProof.Read(content);
        if (proof.Failure != null)
        {
            manifest.KeySetNote = proof.Failure.Reason == YotiReportProofReason.NoProof ? null : "The report's proof cannot be checked, so no key set was saved: " + proof.Failure.Message;
            return;
        }

        YotiArchiveKeySet? earlier = run.Old?.KeySets.FirstOrDefault(k => k.Url == proof.PublicKeyUrl && k.KeyId == proof.KeyId);
        YotiArchiveProblem? problem = earlier is null ? null : YotiSessionArchive.Check(run.Folder, earlier.File);
        if (earlier != null && (problem is null || (problem.Problem == YotiArchiveProblemKind.Corrupt && !run.Options.Force)))
        {
            if (problem != null)
            {
                run.AddProblem(problem);
            }

            manifest.KeySets.Add(earlier);
            return;
        }

        if (KeyOrigin.WhyUntrusted(proof.PublicKeyUrl, ReportProofChecker.TrustedOriginsOf(client.Connection), out Uri? url) is string why)
        {
            manifest.KeySetNote = why;
            return;
        }

        byte[] body;
        try
        {
            body = await Limited(run.Options, () => client.GetKeySetAsync(url!, ct), ct).ConfigureAwait(false);
            YotiKeySet.Parse(body);
        }
        catch (Exception ex) when (ex is YotiApiException || ex is JcsFormatException)
        {
            manifest.KeySetNote = $"The key set {YotiId.ForDisplay(url!.AbsoluteUri)} was not saved: {ex.Message}";
            return;
        }

        string relative = KeysFolder + "/" + YotiMediaFileName.SafeSegment(proof.KeyId ?? "key-set") + ".jwks";
        AtomicFile.CreatePrivateDirectory(Path.Combine(run.Folder, KeysFolder));
        AtomicFileResult written = AtomicFile.WriteAllBytes(YotiSessionArchive.FullPath(run.Folder, relative), body, overwrite: true);
        run.Written = true;
        manifest.KeySetNote = null;
        manifest.KeySets.Add(new YotiArchiveKeySet(proof.KeyId, url!.AbsoluteUri, new YotiArchiveFile(relative, written.Length, written.Sha256, DateTimeOffset.UtcNow)));
    }

    /// <summary>The file's content when it matches the manifest (read and hashed once), else null.</summary>
    private static byte[]? ReadIfIntact(string folder, YotiArchiveFile file)
    {
        byte[] content;
        try
        {
            content = LocalFile.ReadAllBytes(YotiSessionArchive.FullPath(folder, file.Path), file.Length, "archive file");
        }
        catch (Exception ex) when (AtomicFile.IsFileSystemError(ex))
        {
            return null;
        }

        return content.Length == file.Length && string.Equals(AtomicFile.Hash(content), file.Sha256, StringComparison.Ordinal) ? content : null;
    }

    private const string KeysFolder = "keys";

    private static async Task<T> Limited<T>(YotiArchiveOptions options, Func<Task<T>> request, CancellationToken ct)
    {
        await options.RequestSlots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await request().ConfigureAwait(false);
        }
        finally
        {
            options.RequestSlots.Release();
        }
    }

    private static bool SameGaps(YotiArchiveManifest a, YotiArchiveManifest b) =>
        Keys(a.Unavailable).SequenceEqual(Keys(b.Unavailable)) && Keys(a.Missing).SequenceEqual(Keys(b.Missing));

    private static IEnumerable<string> Keys(IEnumerable<YotiArchiveGap> gaps) => gaps.Select(g => g.MediaId + " " + g.Reason).OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>Temporary files of a run that was killed: never content, so they go.</summary>
    private static void RemoveLeftovers(string folder)
    {
        foreach (string temp in Directory.EnumerateFiles(folder, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories))
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (AtomicFile.IsFileSystemError(ex))
        {
        }
    }

    private sealed class MediaOutcome
    {
        public YotiArchiveMedia? Saved { get; set; }

        public YotiArchiveGap? Gap { get; set; }

        public bool Unavailable { get; set; }

        public bool New { get; set; }

        public bool Downloaded { get; set; }
    }

    /// <summary>The state of one session's save, shared by its concurrent downloads.</summary>
    private sealed class Run
    {
        private readonly object _lock = new object();
        private bool _written;

        public Run(string folder, YotiArchiveManifest? old, YotiArchiveOptions options)
        {
            Folder = folder;
            Old = old;
            Options = options;
        }

        public string Folder { get; }

        public YotiArchiveManifest? Old { get; }

        public YotiArchiveOptions Options { get; }

        public List<YotiArchiveFile> PreviousSessions { get; } = new List<YotiArchiveFile>();

        public List<YotiArchiveProblem> Problems { get; } = new List<YotiArchiveProblem>();

        public Exception? FirstFailure { get; private set; }

        public bool Written
        {
            get => Volatile.Read(ref _written);
            set => Volatile.Write(ref _written, value);
        }

        public void AddProblem(YotiArchiveProblem problem)
        {
            lock (_lock)
            {
                Problems.Add(problem);
            }
        }

        public void Fail(Exception error)
        {
            lock (_lock)
            {
                FirstFailure ??= error;
            }
        }
    }
}

/// <summary>Some media items of a session could not be fetched this time; the manifest lists them as missing and the next run fetches them.</summary>
public sealed class YotiArchiveIncompleteException : Exception
{
    public YotiArchiveIncompleteException(string sessionId, string folder, int missing, Exception inner)
        : base($"The archive of session '{sessionId}' is incomplete: {missing} media item(s) could not be fetched ({inner.Message}). The manifest lists them as missing; run the command again to complete it.", inner)
    {
        SessionId = sessionId;
        Folder = folder;
        Missing = missing;
    }

    public string SessionId { get; }

    public string Folder { get; }

    public int Missing { get; }
}
