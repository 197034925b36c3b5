using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;
using YotiIdv.Http;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Tests.Hostile;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The Core's media download and naming, call by call over a real loopback server (the Media survivors): where each
/// naming scheme puts a file, which extension a Content-Type gets, which names are made safe, and what a 204, an empty
/// body, an earlier download, a folder in the way and a failed write each say. Get-YotiMedia around it is tested in
/// Cmdlets/GetYotiMediaApiTests and tests/Pester/Get-YotiMedia.Tests.ps1.
/// </summary>
public sealed class MediaDownloadTests : IDisposable
{
    private const string SessionId = "52098976-42d0-4051-a80f-7fc3438e4d9e";
    private const string MediaId = "3b8d1d3c-75cd-4b5f-93fb-5f1d6c2a4a10";
    private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5 };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yoti-media-" + Guid.NewGuid().ToString("N"));

    public MediaDownloadTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EachTargetNamesItsFolderStemPathAndWhatIfText()
    {
        string file = Path.Combine(_folder, "exact.bin");
        YotiMediaTarget exact = YotiMediaTarget.ToFile(file);
        Assert.Equal(file, exact.File);
        Assert.Null(exact.Folder);
        Assert.False(exact.Flat);
        Assert.Null(exact.FolderFor(SessionId));
        Assert.Null(exact.StemFor(SessionId, MediaId, "id-documents-1-pages"));
        Assert.Equal(file, exact.PathFor(SessionId, MediaId, "id-documents-1-pages", "image/png"));
        Assert.Equal(file, exact.Describe(SessionId, MediaId, "id-documents-1-pages"));

        YotiMediaTarget destination = YotiMediaTarget.ToDestination(_folder);
        Assert.Null(destination.File);
        Assert.Equal(_folder, destination.Folder);
        Assert.False(destination.Flat);
        Assert.Equal(Path.Combine(_folder, "a_b"), destination.FolderFor("a.b"));
        Assert.Equal("id-documents-1-pages_" + MediaId, destination.StemFor(SessionId, MediaId, "id-documents-1-pages"));
        Assert.Equal(Path.Combine(_folder, SessionId, "id-documents-1-pages_" + MediaId + ".png"), destination.PathFor(SessionId, MediaId, "id-documents-1-pages", "image/png"));
        Assert.Equal(Path.Combine(_folder, SessionId, "id-documents-1-pages_" + MediaId + ".*"), destination.Describe(SessionId, MediaId, "id-documents-1-pages"));

        YotiMediaTarget flat = YotiMediaTarget.ToFolderFlat(_folder);
        Assert.True(flat.Flat);
        Assert.Equal(_folder, flat.FolderFor(SessionId));
        Assert.Equal(SessionId + "_" + MediaId, flat.StemFor(SessionId, MediaId, "ignored"));
        Assert.Equal(Path.Combine(_folder, SessionId + "_" + MediaId + ".json"), flat.PathFor(SessionId, MediaId, "ignored", "application/json; charset=utf-8"));

        YotiMediaTarget kind = YotiMediaTarget.ToKindFolder(_folder);
        Assert.False(kind.Flat);
        Assert.Equal(_folder, kind.FolderFor(SessionId));
        Assert.Equal(Path.Combine(_folder, "media_" + MediaId + ".bin"), kind.PathFor(SessionId, MediaId, "", null));
    }

    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("IMAGE/JPG; charset=x", ".jpg")]
    [InlineData("image/pjpeg", ".jpg")]
    [InlineData("image/png", ".png")]
    [InlineData("image/gif", ".gif")]
    [InlineData("image/webp", ".webp")]
    [InlineData("image/tiff", ".tif")]
    [InlineData("image/heic", ".heic")]
    [InlineData("image/bmp", ".bmp")]
    [InlineData("application/json", ".json")]
    [InlineData("text/json", ".json")]
    [InlineData("application/vnd.yoti+json", ".json")]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("text/plain", ".txt")]
    [InlineData("application/xml", ".xml")]
    [InlineData("text/xml", ".xml")]
    [InlineData("video/mp4", ".mp4")]
    [InlineData("video/webm", ".webm")]
    [InlineData("application/json+x", ".bin")]
    [InlineData("image/svg+xml", ".bin")]
    [InlineData(null, ".bin")]
    public void EachContentTypeHasItsExtension(string? contentType, string extension) =>
        Assert.Equal(extension, YotiMediaFileName.ExtensionFor(contentType));

    [Theory]
    [InlineData("abc-XYZ_09", "abc-XYZ_09")]
    [InlineData("../etc/passwd", "___etc_passwd")]
    [InlineData("a b\u001Bc.d", "a_b_c_d")]
    [InlineData("", "_")]
    [InlineData(null, "_")]
    [InlineData("...", "____")]
    [InlineData("_", "__")]
    [InlineData("CON", "_CON")]
    [InlineData("nul", "_nul")]
    [InlineData("COM1", "_COM1")]
    [InlineData("LPT9", "_LPT9")]
    [InlineData("CONSOLE", "CONSOLE")]
    [InlineData("COM10", "COM10")]
    public void ASegmentKeepsOnlySafeCharactersAndIsNeverADeviceName(string? text, string expected) =>
        Assert.Equal(expected, YotiMediaFileName.SafeSegment(text));

    [Fact]
    public void ASegmentIsCutAt160Characters()
    {
        Assert.Equal(new string('a', 160), YotiMediaFileName.SafeSegment(new string('a', 160)));
        Assert.Equal(new string('a', 160), YotiMediaFileName.SafeSegment(new string('a', 161)));
        Assert.Equal(new string('a', 159) + "_", YotiMediaFileName.SafeSegment(new string('a', 159) + "/x"));
    }

    [Theory]
    [InlineData("CON", true)]
    [InlineData("con.txt", true)]
    [InlineData("CON .txt", true)]
    [InlineData("Aux", true)]
    [InlineData("CONIN$", true)]
    [InlineData("COM0", true)]
    [InlineData("COM", false)]
    [InlineData("CONX.txt", false)]
    [InlineData("x.CON", false)]
    public void DeviceNamesAreKnownWithOrWithoutAnExtension(string name, bool reserved) =>
        Assert.Equal(reserved, YotiMediaFileName.IsReservedName(name));

    [Fact]
    public void TheFileNameHelpersJoinKindIdAndExtension()
    {
        Assert.Equal(Path.Combine(SessionId, "checks-generated-media_" + MediaId + ".json"), YotiMediaFileName.RelativePath(SessionId, "checks-generated-media", MediaId, "application/json"));
        Assert.Equal("media_" + MediaId + ".png", YotiMediaFileName.FileName("", MediaId, "image/png"));
        Assert.Equal("a_b_" + MediaId + ".bin", YotiMediaFileName.FlatFileName("a/b", MediaId, "x/y"));
        Assert.Equal("media_", YotiMediaFileName.KindPrefix("///"));
    }

    [Fact]
    public void ADownloadIsWrittenUnderTheSchemesNameWithItsLengthAndHash_AndCountedByteForByte()
    {
        using var server = new HostileServer(ex => ex.SendAsync(200, "image/png", Png));
        var counted = new List<long>();
        YotiMediaFile saved = Download(server, YotiMediaTarget.ToDestination(_folder), overwrite: false, counted.Add);
        string path = Path.Combine(_folder, SessionId, "id-documents-1-pages_" + MediaId + ".png");
        Assert.Equal(path, saved.Path);
        Assert.Equal(Png, File.ReadAllBytes(path));
        Assert.Equal(Png.Length, saved.Length);
        Assert.Equal(AtomicFile.Hash(Png), saved.Sha256);
        Assert.Equal(SessionId, saved.SessionId);
        Assert.Equal(MediaId, saved.MediaId);
        Assert.Equal("id-documents-1-pages", saved.Kind);
        Assert.Equal("image/png", saved.ContentType);
        Assert.Equal(Png.Length, counted.Sum());
        Assert.Equal(1, server.Requests);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, SessionId)));
    }

    [Fact]
    public void AnEarlierDownloadUnderAnyExtensionIsNotOverwritten_AndNotAsked_UnlessOverwriteIsSet()
    {
        using var server = new HostileServer(ex => ex.SendAsync(200, "image/png", Png));
        string folder = Path.Combine(_folder, SessionId);
        Directory.CreateDirectory(folder);
        string earlier = Path.Combine(folder, "id-documents-1-pages_" + MediaId + ".JPG");
        File.WriteAllText(earlier, "earlier");
        YotiMediaFileException error = DownloadFails(server, YotiMediaTarget.ToDestination(_folder), overwrite: false);
        Assert.Equal(YotiMediaFileProblem.Exists, error.Problem);
        Assert.Equal(earlier, error.Path);
        Assert.Equal($"Media '{MediaId}' was not saved: '{earlier}' already exists. Use -Force to overwrite it.", error.Message);
        Assert.Equal(0, server.Requests);

        // Files that only start with the stem, and temporary files of an interrupted download, are not earlier downloads.
        File.Delete(earlier);
        File.WriteAllText(Path.Combine(folder, "id-documents-1-pages_" + MediaId + "x.png"), "other");
        File.WriteAllText(AtomicFile.TempPathFor(Path.Combine(folder, "id-documents-1-pages_" + MediaId + ".png")), "temp");
        Assert.Equal(Png, File.ReadAllBytes(Download(server, YotiMediaTarget.ToDestination(_folder), overwrite: false).Path));
        Assert.Equal(1, server.Requests);

        Assert.Equal(Png, File.ReadAllBytes(Download(server, YotiMediaTarget.ToDestination(_folder), overwrite: true).Path));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public void AnExactFileOrAFolderInTheWayIsExists_AndAnUnwritableFolderIsWriteFailed()
    {
        using var server = new HostileServer(ex => ex.SendAsync(200, "image/png", Png));
        string file = Path.Combine(_folder, "exact.png");
        File.WriteAllText(file, "x");
        Assert.Equal(YotiMediaFileProblem.Exists, DownloadFails(server, YotiMediaTarget.ToFile(file), overwrite: false).Problem);
        Assert.Equal(Png, File.ReadAllBytes(Download(server, YotiMediaTarget.ToFile(file), overwrite: true).Path));

        string folderInTheWay = Path.Combine(_folder, SessionId + "_" + MediaId + ".png");
        Directory.CreateDirectory(folderInTheWay);
        YotiMediaFileException exists = DownloadFails(server, YotiMediaTarget.ToFolderFlat(_folder), overwrite: false);
        Assert.Equal(YotiMediaFileProblem.Exists, exists.Problem);
        Assert.Equal(folderInTheWay, exists.Path);

        string notAFolder = Path.Combine(_folder, "file-not-folder");
        File.WriteAllText(notAFolder, "x");
        YotiMediaFileException failed = DownloadFails(server, YotiMediaTarget.ToFile(Path.Combine(notAFolder, "m.png")), overwrite: true);
        Assert.Equal(YotiMediaFileProblem.WriteFailed, failed.Problem);
        Assert.StartsWith($"Media '{MediaId}' could not be written: ", failed.Message, StringComparison.Ordinal);
        Assert.IsType<YotiFileException>(failed.InnerException);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(200)]
    public void A204OrAnEmptyBodyIsNoContent_AndNothingIsLeftOnDisk(int status)
    {
        using var server = new HostileServer(ex => ex.SendAsync(status, "image/png", Array.Empty<byte>()));
        YotiMediaFileException error = DownloadFails(server, YotiMediaTarget.ToDestination(_folder), overwrite: false);
        Assert.Equal(YotiMediaFileProblem.NoContent, error.Problem);
        Assert.Null(error.Path);
        Assert.Equal($"Media '{MediaId}' of session '{SessionId}' has no content (204 No Content); nothing was saved.", error.Message);
        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void DownloadNeedsAClientAndATarget()
    {
        using var server = new HostileServer(ex => ex.SendAsync(200, "image/png", Png));
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => { _ = YotiMediaDownloader.DownloadAsync(null!, SessionId, MediaId, "k", YotiMediaTarget.ToDestination(_folder), false, null, CancellationToken.None); }).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => { _ = YotiMediaDownloader.DownloadAsync(Client(server), SessionId, MediaId, "k", null!, false, null, CancellationToken.None); }).ParamName);
    }

    private static YotiApiClient Client(HostileServer server) =>
        new YotiApiClient(
            YotiConnection.Create(TestPaths.TestSdkId, File.ReadAllText(TestPaths.PrivateKeyPath), "test", server.BaseUri.AbsoluteUri),
            new YotiRequestOptions { MaxRetries = 0 });

    private static YotiMediaFile Download(HostileServer server, YotiMediaTarget target, bool overwrite, Action<long>? onBytes = null)
    {
        Task<YotiMediaFile> task = YotiMediaDownloader.DownloadAsync(Client(server), SessionId, MediaId, "id-documents-1-pages", target, overwrite, onBytes, CancellationToken.None);
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the download hung");
        return task.Result;
    }

    private static YotiMediaFileException DownloadFails(HostileServer server, YotiMediaTarget target, bool overwrite)
    {
        Task task;
        try
        {
            task = YotiMediaDownloader.DownloadAsync(Client(server), SessionId, MediaId, "id-documents-1-pages", target, overwrite, null, CancellationToken.None);
        }
        catch (YotiMediaFileException thrown)
        {
            return thrown;
        }

        Assert.True(task.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(30)), "the download hung");
        return Assert.IsType<YotiMediaFileException>(task.Exception?.GetBaseException());
    }
}
