using System;
using System.Buffers;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace YotiIdv.Files;

/// <summary>Why a file was not written.</summary>
public enum YotiFileProblem
{
    /// <summary>The target exists and overwriting was not asked for.</summary>
    Exists,

    /// <summary>The file system refused the write (disk full, access denied, path too long …).</summary>
    WriteFailed,
}

/// <summary>
/// A local file could not be written. Deliberately not an <see cref="IOException"/>, so the API client never
/// mistakes a local disk problem for a network failure worth retrying.
/// </summary>
public sealed class YotiFileException : Exception
{
    public YotiFileException(YotiFileProblem problem, string message, string path, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Path = path;
    }

    public YotiFileProblem Problem { get; }

    /// <summary>The file concerned.</summary>
    public string Path { get; }
}

/// <summary>A file written whole: where, how long, and its SHA-256 (lower-case hex).</summary>
public sealed class AtomicFileResult
{
    public AtomicFileResult(string path, long length, string sha256)
    {
        Path = path;
        Length = length;
        Sha256 = sha256;
    }

    public string Path { get; }

    public long Length { get; }

    public string Sha256 { get; }
}

/// <summary>
/// The one way YotiIdv writes a file: whole or not at all. Content goes to a temporary file in the target's
/// folder (<see cref="TempPathFor"/>, the one temp-name rule), which is renamed over the target only once complete,
/// so a crash, a kill -9 or a cancellation at any point never leaves a partial file under the final name. On
/// Unix every file is created 0600 (identity documents are personal data) and <see cref="CreatePrivateDirectory"/>
/// makes folders 0700.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of every temporary file; such files are never taken for content (and may be deleted).</summary>
    public const string TempSuffix = ".yotipart";

    private const int BufferSize = 81920;
    private static readonly bool IsUnix = Path.DirectorySeparatorChar == '/';
    private static readonly Lazy<Action<string, int>?> SetUnixMode = new Lazy<Action<string, int>?>(FindSetUnixFileMode);

    /// <summary>The temporary file for <paramref name="path"/>: hidden, in the same folder, unique, ending in <see cref="TempSuffix"/>.</summary>
    public static string TempPathFor(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        return Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + TempSuffix);
    }

    /// <summary>True for a temporary file of this layer (a leftover of an interrupted write).</summary>
    public static bool IsTempFile(string path) => path.EndsWith(TempSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; the parent folder is created when missing.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="content">Its whole content.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="flushToDisk">Flush the content to the disk before the rename (for acknowledgements that promise durability).</param>
    /// <exception cref="YotiFileException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static AtomicFileResult WriteAllBytes(string path, byte[] content, bool overwrite, bool flushToDisk = false)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        // Synchronous on purpose: callers run on pool threads (an archive writes several such files per
        // session), and waiting there for async file I/O, itself queued to the pool on Unix, starves the pool.
        string fullPath = Path.GetFullPath(path);
        if (!overwrite)
        {
            ThrowIfExists(fullPath);
        }

        string temp = TempPathFor(fullPath);
        bool done = false;
        try
        {
            FileStream file = OpenTemp(temp, fullPath);
            try
            {
                Guard(() => file.Write(content, 0, content.Length), fullPath);
                Guard(() => file.Flush(flushToDisk), fullPath);
            }
            finally
            {
                Guard(file.Dispose, fullPath);
            }

            Rename(temp, fullPath, overwrite);
            done = true;
            return new AtomicFileResult(fullPath, content.Length, Hash(content));
        }
        finally
        {
            if (!done)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// Streams <paramref name="source"/> to <paramref name="path"/> through a temporary file, hashing as it goes.
    /// <paramref name="onBytes"/> receives byte counts as they are written (negative when the write is undone);
    /// <paramref name="accept"/>, given the length, says whether to keep the file (false: discard it and return
    /// null, e.g. an empty body) or throws to abort (e.g. a truncated body). Cancellation deletes the temporary file.
    /// <paramref name="flushToDisk"/> asks the OS to put the content on the disk before the rename, so that a power
    /// loss after an acknowledgement cannot lose it (slower; only for writes that promise durability).
    /// </summary>
    /// <exception cref="YotiFileException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static async Task<AtomicFileResult?> WriteStreamAsync(
        string path, Stream source, bool overwrite, Action<long>? onBytes, Func<long, bool>? accept, CancellationToken cancellationToken, bool flushToDisk = false)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        string fullPath = Path.GetFullPath(path);
        if (!overwrite)
        {
            ThrowIfExists(fullPath);
        }

        string temp = TempPathFor(fullPath);
        long written = 0;
        bool done = false;
        try
        {
            string hash;
            FileStream file = OpenTemp(temp, fullPath);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize); // one per download otherwise: 80 KB of garbage per file
            using (var sha = SHA256.Create())
            {
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, 0, BufferSize, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        sha.TransformBlock(buffer, 0, read, null, 0);
                        await WriteAsync(file, buffer, read, fullPath, cancellationToken).ConfigureAwait(false);
                        written += read;
                        onBytes?.Invoke(read);
                    }

                    Guard(() => file.Flush(flushToDisk), fullPath); // flushToDisk: on the disk (fsync) before the rename
                }
                finally
                {
                    // Closing flushes what the OS still buffers: a full disk can surface only here.
                    Guard(file.Dispose, fullPath);
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                hash = ToHex(sha.Hash!);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (accept != null && !accept(written))
            {
                return null;
            }

            Rename(temp, fullPath, overwrite);
            done = true;
            return new AtomicFileResult(fullPath, written, hash);
        }
        finally
        {
            if (!done)
            {
                if (written != 0)
                {
                    onBytes?.Invoke(-written);
                }

                TryDelete(temp);
            }
        }
    }

    /// <summary>Renames <paramref name="path"/> to <paramref name="newPath"/>, never replacing an existing file.</summary>
    /// <exception cref="YotiFileException">The rename failed.</exception>
    public static void Move(string path, string newPath)
    {
        try
        {
            File.Move(path, newPath);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw Failed(newPath, ex);
        }
    }

    /// <summary>Creates a folder (and its parents) when missing; on Unix the folders created are 0700.</summary>
    /// <exception cref="YotiFileException">The folder could not be created.</exception>
    public static void CreatePrivateDirectory(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return;
            }

            string? parent = Path.GetDirectoryName(full);
            if (parent != null && !Directory.Exists(parent))
            {
                CreatePrivateDirectory(parent);
            }

            Directory.CreateDirectory(full);
            SetMode(full, 0x1C0); // 0700
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw Failed(path, ex);
        }
    }

    /// <summary>SHA-256 (lower-case hex) and length of a file, read as a stream.</summary>
    /// <exception cref="LocalFileException">Missing, unreadable, or not a regular file (a FIFO put in an archive would block the open).</exception>
    public static (long Length, string Sha256) Hash(string path)
    {
        using FileStream stream = LocalFile.OpenRead(path, long.MaxValue, "file");
        using var sha = SHA256.Create();
        return (stream.Length, ToHex(sha.ComputeHash(stream)));
    }

    /// <summary>SHA-256 (lower-case hex) of bytes.</summary>
    public static string Hash(byte[] content)
    {
        using var sha = SHA256.Create();
        return ToHex(sha.ComputeHash(content));
    }

    /// <summary>True for the exceptions a file system operation throws (and only those).</summary>
    public static bool IsFileSystemError(Exception ex) =>
        ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException;

    private static void ThrowIfExists(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new YotiFileException(YotiFileProblem.Exists, $"'{path}' already exists.", path);
        }
    }

    private static FileStream OpenTemp(string temp, string target)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            // Unbuffered (bufferSize 1): content comes in chunks of BufferSize or whole, so a FileStream buffer
            // would only add a copy and an 80 KB allocation per file.
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: !IsUnix);
            SetMode(temp, 0x180); // 0600, before any content is written
            return stream;
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw Failed(target, ex);
        }
    }

    /// <summary>
    /// One chunk. On Unix .NET's async file writes are synchronous writes queued to the thread pool, so writing
    /// inline (to the page cache) saves two thread switches per chunk; elsewhere the write is truly asynchronous.
    /// </summary>
    private static async Task WriteAsync(FileStream file, byte[] buffer, int count, string target, CancellationToken cancellationToken)
    {
        if (IsUnix)
        {
            Guard(() => file.Write(buffer, 0, count), target);
            return;
        }

        try
        {
            await file.WriteAsync(buffer, 0, count, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw Failed(target, ex);
        }
    }

    private static void Guard(Action write, string target)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (IsFileSystemError(ex))
        {
            throw Failed(target, ex);
        }
    }

    /// <summary>File.Move never replaces, so without overwrite a file created meanwhile is not clobbered.</summary>
    private static void Rename(string temp, string path, bool overwrite)
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
                ThrowIfExists(path);
            }

            throw Failed(path, ex);
        }
    }

    private static YotiFileException Failed(string path, Exception ex) =>
        new YotiFileException(YotiFileProblem.WriteFailed, $"'{path}' could not be written: {ex.Message}", path, ex);

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

    private static void SetMode(string path, int mode)
    {
        if (IsUnix)
        {
            SetUnixMode.Value?.Invoke(path, mode);
        }
    }

    /// <summary>File.SetUnixFileMode exists from .NET 7 (PowerShell 7.4+); this assembly targets netstandard2.0, so it is found by reflection.</summary>
    private static Action<string, int>? FindSetUnixFileMode()
    {
        Type? modeType = Type.GetType("System.IO.UnixFileMode");
        MethodInfo? method = modeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
        if (method is null)
        {
            return null;
        }

        return (path, mode) =>
        {
            try
            {
                method.Invoke(null, new[] { path, Enum.ToObject(modeType!, mode) });
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException;
            }
        };
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
