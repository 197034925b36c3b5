using System;

namespace YotiIdv.Media;

/// <summary>Why a media item was not saved.</summary>
public enum YotiMediaFileProblem
{
    /// <summary>The target file exists and overwriting was not asked for.</summary>
    Exists,

    /// <summary>The file system refused the write (disk full, access denied, path too long …).</summary>
    WriteFailed,

    /// <summary>The API answered 204 No Content (or an empty body): there is nothing to save.</summary>
    NoContent,

    /// <summary>-OutFile names one file and this command already wrote another item to it (never skipped).</summary>
    OutFileReused,
}

/// <summary>
/// A media item could not be saved (or had no content). Deliberately not an <see cref="System.IO.IOException"/>,
/// so the API client never mistakes a local disk problem for a network failure worth retrying.
/// </summary>
public sealed class YotiMediaFileException : Exception
{
    public YotiMediaFileException(YotiMediaFileProblem problem, string message, string? path, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Path = path;
    }

    public YotiMediaFileProblem Problem { get; }

    /// <summary>The file concerned, when there is one.</summary>
    public string? Path { get; }
}
