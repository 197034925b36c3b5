using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using YotiIdv.Files;

namespace YotiIdv.Notifications;

/// <summary>One notification kept in the spool until the pipeline has dealt with it.</summary>
public sealed class SpooledNotification
{
    internal SpooledNotification(YotiNotification notification, string path)
    {
        Notification = notification;
        Path = path;
    }

    public YotiNotification Notification { get; }

    /// <summary>The spool file.</summary>
    public string Path { get; }
}

/// <summary>
/// A folder of accepted notifications, one file each (the body exactly as received), named
/// <c>&lt;received UTC ticks&gt;-&lt;guid&gt;.json</c> so that a listing is in arrival order and the name is the
/// notification's id. Files are written atomically and flushed to disk (the one file layer, <see cref="AtomicFile"/>)
/// before Yoti is told 2xx, and removed only once the pipeline has returned from the notification.
/// </summary>
public sealed class NotificationSpool
{
    private const string Extension = ".json";
    private const string InvalidExtension = ".invalid";

    public NotificationSpool(string folder)
    {
        Folder = System.IO.Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Stores a body durably; returns what the pipeline will get.</summary>
    /// <exception cref="YotiFileException">The file could not be written (full disk, permissions ...).</exception>
    public SpooledNotification Add(YotiNotification parsed, byte[] body)
    {
        string id = parsed.NotificationId ?? throw new ArgumentException("The notification has no id.", nameof(parsed));
        string path = System.IO.Path.Combine(Folder, id + Extension);
        AtomicFile.WriteAllBytes(path, body, overwrite: false, flushToDisk: true);
        return new SpooledNotification(parsed, path);
    }

    /// <summary>A new id for a notification received at <paramref name="receivedAt"/>.</summary>
    public static string NewId(DateTimeOffset receivedAt) =>
        receivedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    /// <summary>The files in the spool now, oldest first (temporary files of an interrupted write are not listed).</summary>
    public IReadOnlyList<string> List()
    {
        var files = new List<string>();
        foreach (string file in Directory.GetFiles(Folder, "*" + Extension))
        {
            if (!System.IO.Path.GetFileName(file).StartsWith(".", StringComparison.Ordinal))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Reads a spool file back; null when it vanished (another consumer took it). A file that is not a notification
    /// (damaged on disk, or put there by hand) is renamed to <c>*.invalid</c>, kept for a person to look at, and
    /// reported through <paramref name="problem"/>.
    /// </summary>
    public SpooledNotification? Read(string path, out string? problem)
    {
        problem = null;
        byte[] body;
        try
        {
            body = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        string id = System.IO.Path.GetFileNameWithoutExtension(path);
        int dash = id.IndexOf('-');
        DateTimeOffset receivedAt = dash == 19 && long.TryParse(id.Substring(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : File.GetLastWriteTimeUtc(path);
        try
        {
            return new SpooledNotification(NotificationParser.Parse(body, receivedAt, id), path);
        }
        catch (YotiInvalidDataException ex)
        {
            problem = $"The spool file '{path}' is not a notification ({ex.Message}); it was renamed to {InvalidExtension}.";
            File.Move(path, path + InvalidExtension);
            return null;
        }
    }

    /// <summary>Removes a notification the pipeline has dealt with.</summary>
    public static void Remove(SpooledNotification item)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        File.Delete(item.Path);
    }
}
