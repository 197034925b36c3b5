using System;
using System.IO;

namespace YotiIdv.Files;

/// <summary>Writes a whole file or nothing: a temporary file in the same folder, then a rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    /// <param name="path">The file to write.</param>
    /// <param name="content">Its whole content.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="flushToDisk">Flush the content to the disk before the rename (for acknowledgements that promise durability).</param>
    public static void WriteAllBytes(string path, byte[] content, bool overwrite, bool flushToDisk = false)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{path}' has no parent folder.");
        string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            if (flushToDisk)
            {
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }
            else
            {
                File.WriteAllBytes(temp, content);
            }

            if (overwrite && File.Exists(fullPath))
            {
                File.Replace(temp, fullPath, null);
            }
            else
            {
                // Move never overwrites: a file created meanwhile makes it fail instead of being replaced.
                File.Move(temp, fullPath);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
