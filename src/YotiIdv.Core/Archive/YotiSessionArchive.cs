using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Media;
using YotiIdv.Model;

namespace YotiIdv.Archive;

/// <summary>What is wrong with one file of an archive.</summary>
public enum YotiArchiveProblemKind
{
    /// <summary>The manifest lists the file and it is not there.</summary>
    Missing,

    /// <summary>The file's length or SHA-256 differs from the manifest's.</summary>
    Corrupt,

    /// <summary>The file is in the archive folder but not in the manifest.</summary>
    Unexpected,

    /// <summary>manifest.json is missing, not JSON, or not of a known format.</summary>
    ManifestUnreadable,
}

/// <summary>One problem Test-YotiSessionArchive found.</summary>
public sealed class YotiArchiveProblem
{
    public YotiArchiveProblem(string path, YotiArchiveProblemKind problem, string detail)
    {
        Path = path;
        Problem = problem;
        Detail = detail;
    }

    /// <summary>Relative to the archive folder, with forward slashes.</summary>
    public string Path { get; }

    public YotiArchiveProblemKind Problem { get; }

    public string Detail { get; }

    public override string ToString() => Problem + " " + Path;
}

/// <summary>The outcome of checking one archive offline (Test-YotiSessionArchive).</summary>
public sealed class YotiArchiveTestResult
{
    internal YotiArchiveTestResult(string? sessionId, string path, bool complete, int files, IReadOnlyList<YotiArchiveProblem> problems)
    {
        SessionId = sessionId;
        Path = path;
        Complete = complete;
        Files = files;
        Problems = problems.ToYotiList(); // readable in a CSV cell, not a .NET type name
    }

    public string? SessionId { get; }

    /// <summary>The archive folder.</summary>
    public string Path { get; }

    /// <summary>True when every file matches the manifest and nothing else is there.</summary>
    public bool Valid => Problems.Count == 0;

    /// <summary>The manifest's own word: false when items were still missing when it was written.</summary>
    public bool Complete { get; }

    /// <summary>How many files the manifest lists.</summary>
    public int Files { get; }

    public IReadOnlyList<YotiArchiveProblem> Problems { get; }
}

/// <summary>
/// A session kept as a set of files (format <see cref="YotiArchiveManifest.Format"/>, docs/archive-format.md):
/// <c>&lt;folder&gt;/session.json</c> (the GET /sessions/{id} body byte for byte), <c>media/&lt;kind&gt;_&lt;media id&gt;.&lt;ext&gt;</c>
/// for every media item the session references, and <c>manifest.json</c> listing each with its length and SHA-256.
/// </summary>
public static class YotiSessionArchive
{
    public const string SessionFile = "session.json";
    public const string MediaFolder = "media";

    /// <summary>True when <paramref name="folder"/> looks like an archive (has a manifest or a session.json).</summary>
    public static bool IsArchive(string folder) =>
        Directory.Exists(folder) && (File.Exists(Path.Combine(folder, YotiArchiveManifest.FileName)) || File.Exists(Path.Combine(folder, SessionFile)));

    /// <summary>The archive folder of a session under <paramref name="destination"/>.</summary>
    public static string FolderFor(string destination, string sessionId) => Path.Combine(destination, YotiMediaFileName.SafeSegment(sessionId));

    /// <summary>A manifest path is relative, uses '/', and never climbs out of the archive.</summary>
    public static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && path.IndexOf('\\') < 0 && path[0] != '/' && path.IndexOf(':') < 0
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..")
        && path.All(c => c >= ' ' && c != 0x7F);

    /// <summary>The full path of a manifest-relative path.</summary>
    public static string FullPath(string folder, string relative) => Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads the manifest of an archive.</summary>
    /// <exception cref="YotiInvalidDataException">Missing, unreadable or not a manifest.</exception>
    public static YotiArchiveManifest ReadManifest(string folder)
    {
        string path = Path.Combine(folder, YotiArchiveManifest.FileName);
        byte[] content;
        try
        {
            content = LocalFile.ReadAllBytes(path, YotiArchiveManifest.MaxFileBytes, "archive manifest");
        }
        catch (Exception ex) when (AtomicFile.IsFileSystemError(ex))
        {
            throw new YotiInvalidDataException($"'{path}' cannot be read: {ex.Message}", ex);
        }

        return YotiArchiveManifest.Parse(content);
    }

    /// <summary>Checks every file against the manifest, offline.</summary>
    public static YotiArchiveTestResult Test(string folder)
    {
        YotiArchiveManifest manifest;
        try
        {
            manifest = ReadManifest(folder);
        }
        catch (YotiInvalidDataException ex)
        {
            return new YotiArchiveTestResult(null, folder, false, 0, new[] { new YotiArchiveProblem(YotiArchiveManifest.FileName, YotiArchiveProblemKind.ManifestUnreadable, ex.Message) });
        }

        var problems = new List<YotiArchiveProblem>();
        var listed = new HashSet<string>(StringComparer.Ordinal) { YotiArchiveManifest.FileName };
        int files = 0;
        foreach (YotiArchiveFile file in manifest.Files())
        {
            files++;
            listed.Add(file.Path);
            if (Check(folder, file) is { } problem)
            {
                problems.Add(problem);
            }
        }

        foreach (string path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Relative(folder, path);
            if (!listed.Contains(relative))
            {
                problems.Add(new YotiArchiveProblem(relative, YotiArchiveProblemKind.Unexpected, "The file is not listed in the manifest."));
            }
        }

        return new YotiArchiveTestResult(manifest.SessionId, folder, manifest.Complete, files, problems);
    }

    /// <summary>Null when the file matches the manifest, else what is wrong.</summary>
    public static YotiArchiveProblem? Check(string folder, YotiArchiveFile file)
    {
        string full = FullPath(folder, file.Path);
        if (!File.Exists(full))
        {
            return new YotiArchiveProblem(file.Path, YotiArchiveProblemKind.Missing, "The manifest lists the file and it is not there.");
        }

        long length;
        string sha256;
        try
        {
            (length, sha256) = AtomicFile.Hash(full);
        }
        catch (LocalFileException ex)
        {
            return new YotiArchiveProblem(file.Path, ex.Problem == LocalFileProblem.NotFound ? YotiArchiveProblemKind.Missing : YotiArchiveProblemKind.Corrupt, ex.Message);
        }

        if (length != file.Length || !string.Equals(sha256, file.Sha256, StringComparison.Ordinal))
        {
            return new YotiArchiveProblem(file.Path, YotiArchiveProblemKind.Corrupt,
                $"The file has {length} bytes and SHA-256 {sha256}; the manifest says {file.Length} bytes and {file.Sha256}.");
        }

        return null;
    }

    /// <summary>The session saved in an archive, verified against the manifest when there is one.</summary>
    /// <exception cref="YotiArchiveCorruptException">session.json does not match the manifest.</exception>
    /// <exception cref="YotiInvalidDataException">session.json is not a session result.</exception>
    public static YotiSession ReadSession(string folder)
    {
        YotiArchiveManifest? manifest = File.Exists(Path.Combine(folder, YotiArchiveManifest.FileName)) ? ReadManifest(folder) : null;
        return SessionParser.Parse(ReadVerified(folder, manifest?.Session, SessionFile));
    }

    /// <summary>The identity profile report saved in an archive, verified against the manifest.</summary>
    /// <exception cref="YotiIdentityProfileUnavailableException">The session has no report.</exception>
    /// <exception cref="YotiArchiveCorruptException">A file does not match the manifest, or the report was not saved.</exception>
    public static YotiProfileReport ReadIdentityProfileReport(string folder)
    {
        YotiArchiveManifest manifest = ReadManifest(folder);
        YotiSession session = SessionParser.Parse(ReadVerified(folder, manifest.Session, SessionFile));
        LocatedProfileReport located = IdentityProfileReportReader.Locate(session);
        YotiArchiveMedia? media = manifest.Media.FirstOrDefault(m => string.Equals(m.MediaId, located.MediaId, StringComparison.Ordinal));
        if (media is null)
        {
            string why = manifest.Unavailable.Concat(manifest.Missing).FirstOrDefault(g => g.MediaId == located.MediaId) is { } gap
                ? $" (it is listed as {gap.Reason})" : string.Empty;
            throw new YotiArchiveCorruptException(folder, $"The archive '{folder}' does not hold the identity profile report '{located.MediaId}'{why}.", Array.Empty<YotiArchiveProblem>());
        }

        return IdentityProfileReportReader.Parse(located, ReadVerified(folder, media.File, media.File.Path));
    }

    /// <summary>
    /// The report saved in an archive with the key set saved for its proof (null when none was saved), both verified
    /// against the manifest, for Test-YotiIdentityProfileReport -Path &lt;archive&gt;.
    /// </summary>
    /// <exception cref="YotiArchiveCorruptException">A file does not match the manifest, or the report was not saved.</exception>
    internal static (YotiProfileReport Report, byte[]? KeySet) ReadReportWithKeySet(string folder)
    {
        YotiProfileReport report = ReadIdentityProfileReport(folder);
        Proof.ReportProof proof = Proof.ReportProof.Read(report.Content);
        YotiArchiveKeySet? saved = ReadManifest(folder).KeySets.FirstOrDefault(k => k.KeyId == proof.KeyId && k.Url == proof.PublicKeyUrl);
        return (report, saved is null ? null : ReadVerified(folder, saved.File, saved.File.Path));
    }

    internal static string Relative(string folder, string path)
    {
        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(path);
        return (full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length) : full).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static byte[] ReadVerified(string folder, YotiArchiveFile? file, string relative)
    {
        string full = FullPath(folder, relative);
        // Bounded by what the manifest says (a longer file is corrupt, and is found by its hash) or the in-memory limit.
        byte[] content = LocalFile.ReadAllBytes(full, Math.Max(file?.Length ?? 0, YotiRequestOptions.DefaultMaxResponseBytes), "archive file");
        if (file != null && (content.Length != file.Length || !string.Equals(AtomicFile.Hash(content), file.Sha256, StringComparison.Ordinal)))
        {
            var problem = new YotiArchiveProblem(relative, YotiArchiveProblemKind.Corrupt, "The file does not match the manifest's SHA-256.");
            throw new YotiArchiveCorruptException(folder, $"'{full}' does not match the archive's manifest; it was not read.", new[] { problem });
        }

        return content;
    }
}

/// <summary>A file of an archive no longer matches its manifest (it may be evidence of tampering): it is never silently replaced.</summary>
public sealed class YotiArchiveCorruptException : Exception
{
    public YotiArchiveCorruptException(string folder, string message, IReadOnlyList<YotiArchiveProblem> problems)
        : base(message)
    {
        Folder = folder;
        Problems = problems;
    }

    public string Folder { get; }

    public IReadOnlyList<YotiArchiveProblem> Problems { get; }
}
