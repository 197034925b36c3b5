using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Model;

namespace YotiIdv.Media;

/// <summary>Where one download goes: an exact file, or a name chosen in a folder once the Content-Type is known.</summary>
public sealed class YotiMediaTarget
{
    private enum Naming
    {
        File,
        SessionFolder,
        Flat,
        Kind,
    }

    private readonly Naming _naming;

    private YotiMediaTarget(string? file, string? folder, Naming naming)
    {
        File = file;
        Folder = folder;
        _naming = naming;
    }

    /// <summary>The exact file path (-OutFile naming a file).</summary>
    public string? File { get; }

    /// <summary>The folder the scheme's name goes into.</summary>
    public string? Folder { get; }

    /// <summary>Flat naming <c>&lt;SessionId&gt;_&lt;MediaId&gt;.ext</c> directly in <see cref="Folder"/> (-OutFile naming a folder).</summary>
    public bool Flat => _naming == Naming.Flat;

    public static YotiMediaTarget ToFile(string path) => new YotiMediaTarget(path, null, Naming.File);

    /// <summary><c>&lt;destination&gt;/&lt;SessionId&gt;/&lt;Kind&gt;_&lt;MediaId&gt;.ext</c> (Get-YotiMedia -All).</summary>
    public static YotiMediaTarget ToDestination(string destination) => new YotiMediaTarget(null, destination, Naming.SessionFolder);

    /// <summary><c>&lt;folder&gt;/&lt;SessionId&gt;_&lt;MediaId&gt;.ext</c>.</summary>
    public static YotiMediaTarget ToFolderFlat(string folder) => new YotiMediaTarget(null, folder, Naming.Flat);

    /// <summary><c>&lt;folder&gt;/&lt;Kind&gt;_&lt;MediaId&gt;.ext</c> (an archive's <c>media/</c> folder).</summary>
    public static YotiMediaTarget ToKindFolder(string folder) => new YotiMediaTarget(null, folder, Naming.Kind);

    /// <summary>The folder files of <paramref name="sessionId"/> go into (null for an exact file).</summary>
    public string? FolderFor(string sessionId) => _naming switch
    {
        Naming.File => null,
        Naming.SessionFolder => Path.Combine(Folder!, YotiMediaFileName.SafeSegment(sessionId)),
        _ => Folder,
    };

    /// <summary>The file name without extension of one item (null for an exact file).</summary>
    public string? StemFor(string sessionId, string mediaId, string kind) => _naming switch
    {
        Naming.File => null,
        Naming.Flat => YotiMediaFileName.SafeSegment(sessionId + "_" + mediaId),
        _ => YotiMediaFileName.SafeSegment(YotiMediaFileName.KindPrefix(kind) + mediaId),
    };

    /// <summary>The full path of one item once its Content-Type is known.</summary>
    public string PathFor(string sessionId, string mediaId, string kind, string? contentType) =>
        File ?? Path.Combine(FolderFor(sessionId)!, StemFor(sessionId, mediaId, kind) + YotiMediaFileName.ExtensionFor(contentType));

    /// <summary>What -WhatIf shows: the path, with <c>.*</c> for the extension not known yet.</summary>
    public string Describe(string sessionId, string mediaId, string kind) =>
        File ?? Path.Combine(FolderFor(sessionId)!, StemFor(sessionId, mediaId, kind) + ".*");
}

/// <summary>
/// Streams media content to disk through <see cref="AtomicFile"/>: an interrupted download never leaves a
/// truncated file under the final name; a retried attempt restarts the temporary file; failure or cancellation
/// deletes it. Memory use is one copy buffer per download.
/// </summary>
public static class YotiMediaDownloader
{
    /// <summary>
    /// Downloads one media item. Throws <see cref="YotiMediaFileException"/> for 204 / an empty body
    /// (<see cref="YotiMediaFileProblem.NoContent"/>), an existing file without <paramref name="overwrite"/>,
    /// or a local write failure; <see cref="YotiApiException"/> for API failures. Ids must be valid.
    /// <paramref name="onBytes"/> receives byte counts as they are written (negative when an attempt is undone).
    /// </summary>
    public static Task<YotiMediaFile> DownloadAsync(
        YotiApiClient client, string sessionId, string mediaId, string kind, YotiMediaTarget target, bool overwrite,
        Action<long>? onBytes, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        YotiRequest request = YotiEndpoints.MediaContent(sessionId, mediaId);
        if (!overwrite)
        {
            ThrowIfExists(target.File ?? FindEarlierDownload(sessionId, mediaId, kind, target), mediaId);
        }

        return client.SendAsync(request, async (response, ct) =>
        {
            string? contentType = response.ContentType;
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                throw NoContent(sessionId, mediaId);
            }

            string path = target.PathFor(sessionId, mediaId, kind, contentType);
            if (!overwrite)
            {
                ThrowIfExists(path, mediaId);
            }

            AtomicFileResult? saved;
            try
            {
                // Bounded by MaxStreamedBytes; the limited stream also notices a body shorter than its Content-Length.
                using Stream body = await response.OpenStreamAsync().ConfigureAwait(false);
                saved = await AtomicFile.WriteStreamAsync(path, body, overwrite, onBytes, length => length > 0, ct).ConfigureAwait(false);
            }
            catch (YotiFileException ex)
            {
                throw ex.Problem == YotiFileProblem.Exists
                    ? Exists(ex.Path, mediaId)
                    : new YotiMediaFileException(YotiMediaFileProblem.WriteFailed, $"Media '{mediaId}' could not be written: {ex.Message}", ex.Path, ex);
            }

            return saved is null
                ? throw NoContent(sessionId, mediaId)
                : new YotiMediaFile(sessionId, mediaId, kind, contentType, saved.Length, saved.Path, saved.Sha256);
        }, cancellationToken);
    }

    /// <summary>An earlier download of this media under the scheme's name, whatever its extension.</summary>
    private static string? FindEarlierDownload(string sessionId, string mediaId, string kind, YotiMediaTarget target)
    {
        string folder = target.FolderFor(sessionId)!;
        string stem = target.StemFor(sessionId, mediaId, kind)!;
        try
        {
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, stem + ".*").FirstOrDefault(f => !AtomicFile.IsTempFile(f)
                    && string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase))
                : null;
        }
        catch (Exception ex) when (AtomicFile.IsFileSystemError(ex))
        {
            return null; // the write will report the problem
        }
    }

    private static void ThrowIfExists(string? path, string mediaId)
    {
        if (path != null && (File.Exists(path) || Directory.Exists(path)))
        {
            throw Exists(path, mediaId);
        }
    }

    private static YotiMediaFileException Exists(string path, string mediaId) =>
        new YotiMediaFileException(YotiMediaFileProblem.Exists, $"Media '{mediaId}' was not saved: '{path}' already exists. Use -Force to overwrite it.", path);

    internal static YotiMediaFileException NoContent(string sessionId, string mediaId) =>
        new YotiMediaFileException(YotiMediaFileProblem.NoContent,
            $"Media '{mediaId}' of session '{sessionId}' has no content (204 No Content); nothing was saved.", null);
}
