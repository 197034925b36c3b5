using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Model;

namespace YotiIdv.Media;

/// <summary>Where one download goes: an exact file, or a name chosen in a folder once the Content-Type is known.</summary>
public sealed class YotiMediaTarget
{
    private YotiMediaTarget(string? file, string? folder, bool flat)
    {
        File = file;
        Folder = folder;
        Flat = flat;
    }

    /// <summary>The exact file path (-OutFile naming a file).</summary>
    public string? File { get; }

    /// <summary>The folder the scheme's name goes into.</summary>
    public string? Folder { get; }

    /// <summary>Flat naming <c>&lt;SessionId&gt;_&lt;MediaId&gt;.ext</c> directly in <see cref="Folder"/> (-OutFile naming a folder).</summary>
    public bool Flat { get; }

    public static YotiMediaTarget ToFile(string path) => new YotiMediaTarget(path, null, false);

    /// <summary><c>&lt;destination&gt;/&lt;SessionId&gt;/&lt;Kind&gt;_&lt;MediaId&gt;.ext</c>.</summary>
    public static YotiMediaTarget ToDestination(string destination) => new YotiMediaTarget(null, destination, false);

    /// <summary><c>&lt;folder&gt;/&lt;SessionId&gt;_&lt;MediaId&gt;.ext</c>.</summary>
    public static YotiMediaTarget ToFolderFlat(string folder) => new YotiMediaTarget(null, folder, true);
}

/// <summary>
/// Streams media content to disk: response stream → temporary file next to the target → rename, so an
/// interrupted download never leaves a truncated file under the final name. A retried attempt restarts
/// the temporary file; failure or cancellation deletes it. Memory use is one copy buffer per download.
/// </summary>
public static class YotiMediaDownloader
{
    private const int BufferSize = 81920;

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

            string path = target.File ?? Path.Combine(FolderOf(sessionId, target), target.Flat
                ? YotiMediaFileName.FlatFileName(sessionId, mediaId, contentType)
                : YotiMediaFileName.FileName(kind, mediaId, contentType));
            if (!overwrite)
            {
                ThrowIfExists(path, mediaId);
            }

            long length = await SaveAsync(response, path, overwrite, mediaId, onBytes, ct).ConfigureAwait(false);
            if (length < 0)
            {
                throw NoContent(sessionId, mediaId);
            }

            return new YotiMediaFile(sessionId, mediaId, kind, contentType, length, path);
        }, cancellationToken);
    }

    /// <summary>Streams the body to a temporary file, then renames it to <paramref name="path"/>; -1 for an empty body.</summary>
    private static async Task<long> SaveAsync(YotiResponse response, string path, bool overwrite, string mediaId, Action<long>? onBytes, CancellationToken ct)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + YotiMediaFileName.PartialSuffix;
        long written = 0;
        bool done = false;
        try
        {
            // Bounded by MaxStreamedBytes; the limited stream also notices a body shorter than its Content-Length.
            using (Stream source = await response.OpenStreamAsync().ConfigureAwait(false))
            {
                FileStream file = OpenTemp(temp, mediaId);
                try
                {
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false)) > 0)
                    {
                        await WriteAsync(() => file.WriteAsync(buffer, 0, read, ct), temp, mediaId).ConfigureAwait(false);
                        written += read;
                        onBytes?.Invoke(read);
                    }

                    await WriteAsync(() => file.FlushAsync(ct), temp, mediaId).ConfigureAwait(false);
                }
                finally
                {
                    // Closing flushes what the OS still buffers: a full disk can surface only here, and it is
                    // a write failure (never retried as a network error).
                    await WriteAsync(() => { file.Dispose(); return Task.CompletedTask; }, temp, mediaId).ConfigureAwait(false);
                }
            }

            if (written == 0)
            {
                return -1;
            }

            Rename(temp, path, overwrite, mediaId);
            done = true;
            return written;
        }
        finally
        {
            if (!done)
            {
                onBytes?.Invoke(-written);
                TryDelete(temp);
            }
        }
    }

    private static FileStream OpenTemp(string temp, string mediaId)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw WriteFailed(temp, mediaId, ex);
        }
    }

    private static async Task WriteAsync(Func<Task> write, string temp, string mediaId)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw WriteFailed(temp, mediaId, ex);
        }
    }

    /// <summary>File.Move never replaces, so without -Force a file created meanwhile is not clobbered.</summary>
    private static void Rename(string temp, string path, bool overwrite, string mediaId)
    {
        try
        {
            if (overwrite && File.Exists(path))
            {
                File.Replace(temp, path, null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            if (!overwrite && File.Exists(path))
            {
                ThrowIfExists(path, mediaId);
            }

            throw WriteFailed(path, mediaId, ex);
        }
    }

    /// <summary>An earlier download of this media under the scheme's name, whatever its extension.</summary>
    private static string? FindEarlierDownload(string sessionId, string mediaId, string kind, YotiMediaTarget target)
    {
        string folder = FolderOf(sessionId, target);
        string stem = target.Flat ? YotiMediaFileName.SafeSegment(sessionId + "_" + mediaId) : YotiMediaFileName.SafeSegment(YotiMediaFileName.KindPrefix(kind) + mediaId);
        try
        {
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, stem + ".*").FirstOrDefault(f => !f.EndsWith(YotiMediaFileName.PartialSuffix, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase))
                : null;
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            return null; // the write will report the problem
        }
    }

    private static string FolderOf(string sessionId, YotiMediaTarget target) =>
        target.Flat ? target.Folder! : Path.Combine(target.Folder!, YotiMediaFileName.SafeSegment(sessionId));

    private static void ThrowIfExists(string? path, string mediaId)
    {
        if (path != null && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new YotiMediaFileException(YotiMediaFileProblem.Exists,
                $"Media '{mediaId}' was not saved: '{path}' already exists. Use -Force to overwrite it.", path);
        }
    }

    internal static YotiMediaFileException NoContent(string sessionId, string mediaId) =>
        new YotiMediaFileException(YotiMediaFileProblem.NoContent,
            $"Media '{mediaId}' of session '{sessionId}' has no content (204 No Content); nothing was saved.", null);

    private static YotiMediaFileException WriteFailed(string path, string mediaId, Exception ex) =>
        new YotiMediaFileException(YotiMediaFileProblem.WriteFailed, $"Media '{mediaId}' could not be written to '{path}': {ex.Message}", path, ex);

    private static bool IsFileSystemError(Exception ex) =>
        ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
        }
    }
}
