using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace YotiIdv.Files;

/// <summary>Why a local input file was refused.</summary>
public enum LocalFileProblem
{
    NotFound,
    /// <summary>A directory, FIFO, device or socket: reading it could block forever or never end.</summary>
    NotRegularFile,
    TooLarge,
    Unreadable,
}

/// <summary>A local input file (key, session JSON, a file of an archive) that is refused before or while reading; the message names the path and what it is.</summary>
public sealed class LocalFileException : IOException
{
    public LocalFileException(LocalFileProblem problem, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Path = path;
    }

    public LocalFileProblem Problem { get; }

    public string Path { get; }
}

/// <summary>
/// Reads local inputs safely: only regular files, at most a limit, checked before opening (a FIFO would block
/// the open itself, /dev/zero would never end). On Unix the file type and mode come from stat(2) through the .NET
/// runtime's own native shim; where that is unavailable, a zero length (every FIFO, device and socket) is refused.
/// </summary>
public static class LocalFile
{
    private const int TypeMask = 0xF000;

    /// <summary>The whole file, after the checks. <paramref name="what"/> names it in messages ("key file").</summary>
    /// <exception cref="LocalFileException">Missing, not a regular file, larger than <paramref name="maxBytes"/>, or unreadable.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        using FileStream stream = OpenRead(path, maxBytes, what);
        try
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    // It grew after the check (or its size lies, as /proc files do).
                    throw TooLarge(path, what, maxBytes, null);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException && !(ex is LocalFileException) || ex is UnauthorizedAccessException)
        {
            throw Describe(ex, path, what);
        }
    }

    /// <summary>The file opened for reading, after the same checks (for callers that stream it, as hashing does).</summary>
    /// <exception cref="LocalFileException">Missing, not a regular file, larger than <paramref name="maxBytes"/>, or unreadable.</exception>
    public static FileStream OpenRead(string path, long maxBytes, string what)
    {
        Inspect(path, maxBytes, what);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException && !(ex is LocalFileException) || ex is UnauthorizedAccessException)
        {
            throw Describe(ex, path, what);
        }
    }

    /// <summary>The file as UTF-8 text (a byte-order mark is dropped), after the same checks.</summary>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, what);
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>
    /// On Unix, the permission bits when group or others may read the file (e.g. "0644"), else null. Never throws.
    /// </summary>
    public static string? ReadableByOthers(string path)
    {
        int? mode = UnixMode(path);
        return mode is int m && (m & 0x24) != 0 ? "0" + Convert.ToString(m & 0x1FF, 8) : null;
    }

    private static void Inspect(string path, long maxBytes, string what)
    {
        int? mode = UnixMode(path);
        if (mode is int m)
        {
            string? kind = (m & TypeMask) switch
            {
                0x8000 => null,
                0x4000 => "a directory",
                0x1000 => "a FIFO (named pipe)",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                _ => "not a regular file",
            };
            if (kind != null)
            {
                throw new LocalFileException(LocalFileProblem.NotRegularFile, path, $"The {what} '{path}' is {kind}, not a regular file; it was not read.");
            }
        }

        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                throw new LocalFileException(LocalFileProblem.NotRegularFile, path, $"The {what} '{path}' is a directory, not a regular file; it was not read.");
            }

            if (!info.Exists)
            {
                throw new LocalFileException(LocalFileProblem.NotFound, path, $"The {what} '{path}' does not exist.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is UnauthorizedAccessException || ex is PathTooLongException)
        {
            throw new LocalFileException(LocalFileProblem.Unreadable, path, $"The {what} '{path}' cannot be read: {ex.Message}", ex);
        }

        bool device = path.StartsWith(@"\\.\", StringComparison.Ordinal) || path.StartsWith(@"\\?\GLOBALROOT", StringComparison.OrdinalIgnoreCase);
        if (device || (mode is null && info.Length == 0 && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows)))
        {
            throw new LocalFileException(LocalFileProblem.NotRegularFile, path,
                $"The {what} '{path}' is empty or not a regular file (a pipe or device); it was not read.");
        }

        if (info.Length > maxBytes)
        {
            throw TooLarge(path, what, maxBytes, info.Length);
        }
    }

    private static LocalFileException TooLarge(string path, string what, long maxBytes, long? length) =>
        new LocalFileException(LocalFileProblem.TooLarge, path,
            $"The {what} '{path}' is {(length is long l ? l + " bytes" : "larger than that")}; at most {maxBytes} bytes are read, so it was not read.");

    private static LocalFileException Describe(Exception ex, string path, string what) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => new LocalFileException(LocalFileProblem.NotFound, path, $"The {what} '{path}' does not exist.", ex),
        _ => new LocalFileException(LocalFileProblem.Unreadable, path, $"The {what} '{path}' cannot be read: {ex.Message}", ex),
    };

    /// <summary>st_mode from stat(2) (follows symbolic links); null on Windows, on .NET Framework, or when the file cannot be stat'ed.</summary>
    private static int? UnixMode(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        try
        {
            byte[] name = Encoding.UTF8.GetBytes(path + "\0");

            // FileStatus of System.Native: int Flags, int Mode, uint Uid, uint Gid, long Size, ...; the buffer is
            // generous so later fields of any runtime version fit.
            var status = new byte[512];
            return NativeStat(name, status) == 0 ? BitConverter.ToInt32(status, 4) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int NativeStat(byte[] path, [Out] byte[] status);
}
