using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Threading;
using YotiIdv.Emulator;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Get-YotiMedia over real loopback HTTP against the emulator: content, files, naming, errors, Ctrl+C.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class GetYotiMediaApiTests : ConnectedCmdletTests
{
    private const string Seed = TestPaths.SeedSessionId;
    private const string Done = TestPaths.DoneSessionId;
    private const string SeedJpeg = "0cb9158b-7940-49af-a72c-bf2f9711c154";
    private const string NoContentMedia = "c0114acc-e8d3-4c93-99ac-6058e09798c2";
    public GetYotiMediaApiTests()
        : base("GetYotiMediaCommand")
    {
    }

    private static string MediaFile(string mediaId) =>
        Directory.GetFiles(Path.Combine(TestPaths.SampleData, "media"), mediaId + ".*").Single();

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private string[] AllFiles() => Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);

    [Theory]
    [InlineData(Seed, SeedJpeg, "image/jpeg", ".jpg")]
    [InlineData(Seed, "323eda4e-c32a-4d4b-9ee9-1fbfe9701000", "image/png", ".png")]
    [InlineData(Done, "6e91467a-0998-4868-b9ac-703006f3500d", "application/json", ".json")]
    [InlineData(Seed, "1df30c53-b2a2-49b9-9265-5015f86cbcb3", "application/octet-stream", ".bin")]
    public void RoundTripsContentInMemoryAndOnDiskByteForByte(string sessionId, string mediaId, string mediaType, string extension)
    {
        string expected = Hash(File.ReadAllBytes(MediaFile(mediaId)));
        var result = _host.Run(@"
            Get-YotiMedia -SessionId $s -MediaId $m
            Get-YotiMedia $s $m -OutFile (Join-Path $dir 'one') -PassThru
            Get-YotiMedia $s $m -OutFile $dir -PassThru",
            ("s", sessionId), ("m", mediaId), ("dir", _folder));
        Assert.Empty(result.Errors);
        YotiMediaContent content = Assert.Single(result.Objects<YotiMediaContent>());
        Assert.Equal(expected, Hash(content.Content));
        Assert.Equal(mediaType, content.MediaType);
        Assert.Equal(Convert.ToBase64String(content.Content), content.Base64);
        YotiMediaFile[] files = result.Objects<YotiMediaFile>();
        Assert.Equal(2, files.Length);
        Assert.Equal(Path.Combine(_folder, "one"), files[0].Path);
        Assert.Equal(Path.Combine(_folder, sessionId + "_" + mediaId + extension), files[1].Path);
        Assert.All(files, f => Assert.Equal(expected, Hash(File.ReadAllBytes(f.Path))));
        Assert.All(files, f => Assert.Equal(content.Length, f.Length));
        Assert.Equal(2, AllFiles().Length); // no temporary file left behind
    }

    [Fact]
    public void PipedMediaReferenceFromTheModelDownloads()
    {
        var result = _host.Run("$s = Get-YotiSession $id; $s.Resources.IdDocuments[0].DocumentFields.Media | Get-YotiMedia | ConvertFrom-YotiDocumentFields",
            ("id", Done));
        Assert.Empty(result.Errors);
        YotiDocumentFields fields = Assert.Single(result.Objects<YotiDocumentFields>());
        Assert.Equal("AMELIA ROSE HARTLEY", fields.FullName);
        Assert.Equal("6e91467a-0998-4868-b9ac-703006f3500d", fields.MediaId);
        Assert.Equal(Done, fields.SessionId);
    }

    [Fact]
    public void NoContentAndNotFoundAreErrorsAndTheBatchGoesOn()
    {
        string unknown = "00000000-0000-4000-8000-000000000000";
        var result = _host.Run("Get-YotiMedia $s -MediaId $ids -Destination $dir -PassThru",
            ("s", Seed), ("ids", new[] { NoContentMedia, unknown, SeedJpeg }), ("dir", _folder));
        Assert.Equal(2, result.Errors.Length);
        Assert.Equal("YotiMediaNoContent,YotiIdv.Commands.GetYotiMediaCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(NoContentMedia, result.Errors[0].TargetObject);
        Assert.Equal("YotiMediaNotFound,YotiIdv.Commands.GetYotiMediaCommand", result.Errors[1].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
        Assert.Equal(unknown, result.Errors[1].TargetObject);
        Assert.Equal(SeedJpeg, Assert.Single(result.Objects<YotiMediaFile>()).MediaId);
        Assert.Single(AllFiles()); // nothing, not even an empty file, for 204 and 404

        var inMemory = _host.Run("Get-YotiMedia $s $m", ("s", Seed), ("m", NoContentMedia));
        SingleError(inMemory, "YotiMediaNoContent", ErrorCategory.ResourceUnavailable, NoContentMedia);
    }

    [Fact]
    public void AllDownloadsEveryDistinctMediaOfTheSessionOnceWithoutFetchingAPipedSessionAgain()
    {
        var session = Assert.Single(_host.Run("Get-YotiSession $id", ("id", Done)).Objects<YotiSession>());
        long before = _emulator.Stats.RequestsReceived;
        var result = _host.Run("$session | Get-YotiMedia -All -Destination $dir -PassThru", ("session", session), ("dir", _folder));
        Assert.Empty(result.Errors);
        string[] expectedIds = session.GetAllMedia().Select(m => m.MediaId!).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.True(expectedIds.Length >= 20, "the rich session has many media");
        YotiMediaFile[] files = result.Objects<YotiMediaFile>();
        Assert.Equal(expectedIds, files.Select(f => f.MediaId).OrderBy(i => i, StringComparer.Ordinal).ToArray());
        Assert.Equal(expectedIds.Length, _emulator.Stats.RequestsReceived - before); // one request per media, no session fetch
        var perMedia = _emulator.RequestLog.Skip(1).GroupBy(r => r.Path, StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedIds, perMedia.Select(g => g.Key.Split('/')[4]).OrderBy(i => i, StringComparer.Ordinal).ToArray());
        Assert.All(perMedia, g => Assert.Single(g)); // each media exactly once
        string[] onDisk = AllFiles();
        Assert.Equal(expectedIds.Length, onDisk.Length);
        Assert.All(onDisk, f => Assert.Equal(Path.Combine(_folder, Done), Path.GetDirectoryName(f)));
        // Byte for byte what the emulator serves (its sample report comes signed for its origin, not as the file).
        Assert.All(files, f => Assert.Equal(Hash(_emulator.GetServedMedia(Done, f.MediaId)!), Hash(File.ReadAllBytes(f.Path))));
        Assert.Contains(files, f => f.Name == "identity-profile-report_1ad3a591-2a8c-4767-8c60-c2501402e485.json");
        Assert.Contains(files, f => f.Kind == "id-documents-1-pages" && f.Name.EndsWith(".jpg", StringComparison.Ordinal));

        // By id, the same set; again without -Force nothing is overwritten (one YotiOutputFileExists per file).
        DateTime stamp = File.GetLastWriteTimeUtc(onDisk[0]);
        var again = _host.Run("Get-YotiMedia -SessionId $id -All -Destination $dir", ("id", Done), ("dir", _folder));
        Assert.Equal(expectedIds.Length, again.Errors.Length);
        Assert.All(again.Errors, e => Assert.Equal("YotiOutputFileExists,YotiIdv.Commands.GetYotiMediaCommand", e.FullyQualifiedErrorId));
        Assert.All(again.Errors, e => Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(onDisk[0]));

        var forced = _host.Run("Get-YotiMedia -SessionId $id -All -Destination $dir -Force -PassThru", ("id", Done), ("dir", _folder));
        Assert.Empty(forced.Errors);
        Assert.Equal(expectedIds.Length, forced.Objects<YotiMediaFile>().Length);
        Assert.Equal(expectedIds.Length, AllFiles().Length);
    }

    [Fact]
    public void OutFileIsNotOverwrittenWithoutForce()
    {
        string file = Path.Combine(_folder, "keep.jpg");
        File.WriteAllText(file, "mine");
        var result = _host.Run("Get-YotiMedia $s $m -OutFile $f", ("s", Seed), ("m", SeedJpeg), ("f", file));
        SingleError(result, "YotiOutputFileExists", ErrorCategory.ResourceExists, SeedJpeg);
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.Empty(_host.Run("Get-YotiMedia $s $m -OutFile $f -Force", ("s", Seed), ("m", SeedJpeg), ("f", file)).Errors);
        Assert.Equal(Hash(File.ReadAllBytes(MediaFile(SeedJpeg))), Hash(File.ReadAllBytes(file)));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("..\\x")]
    [InlineData("a\u0001b")]
    [InlineData("")]
    public void HostileMediaIdsAreRefusedBeforeAnyRequest(string mediaId)
    {
        var result = _host.Run("Get-YotiMedia $s $m -Destination $dir", ("s", Seed), ("m", mediaId), ("dir", _folder));
        SingleError(result, "YotiInvalidMediaId", ErrorCategory.InvalidArgument, mediaId);
        Assert.Equal(0, _emulator.Stats.RequestsReceived);
        Assert.Empty(AllFiles());
    }

    [Fact]
    public void HostileIdsInASessionNeverLeaveTheDestination()
    {
        string sessionId = "6b1f2a52-0000-4000-8000-00000000c0de";
        _emulator.AddSession("{\"session_id\":\"" + sessionId + "\",\"state\":\"COMPLETED\",\"resources\":{\"id_documents\":[{\"id\":\"r1\",\"pages\":["
            + "{\"media\":{\"id\":\"../../escape\",\"type\":\"IMAGE\"}},{\"media\":{\"id\":\"..\\\\up\",\"type\":\"IMAGE\"}},"
            + "{\"media\":{\"id\":\"con\",\"type\":\"IMAGE\"}},{\"media\":{\"id\":\"bell\\u0007\",\"type\":\"IMAGE\"}}]}],"
            + "\"../weird collection\":[{\"id\":\"r2\",\"file\":{\"media\":{\"id\":\"nul\",\"type\":\"BINARY\"}}}]}}");
        _emulator.AddMedia("con", new byte[] { 1, 2, 3 }, "image/png");
        _emulator.AddMedia("nul", new byte[] { 4, 5 }, "application/x-something");
        string destination = Path.Combine(_folder, "dest");
        var result = _host.Run("Get-YotiMedia -SessionId $s -All -Destination $dir -PassThru", ("s", sessionId), ("dir", destination));

        Assert.Equal(3, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Equal("YotiInvalidMediaId,YotiIdv.Commands.GetYotiMediaCommand", e.FullyQualifiedErrorId));
        Assert.Equal(new[] { "../../escape", "..\\up", "bell\u0007" }, result.Errors.Select(e => e.TargetObject).ToArray());
        YotiMediaFile[] files = result.Objects<YotiMediaFile>();
        Assert.Equal(new[] { "id-documents-1-pages_con.png", "weird-collection-1-file_nul.bin" }, files.Select(f => f.Name).ToArray());
        string root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        Assert.All(AllFiles(), f => Assert.StartsWith(root, Path.GetFullPath(f), StringComparison.Ordinal));
        Assert.Equal(2, AllFiles().Length);
    }

    [Fact]
    public void TruncatedBodyIsRetriedAndNoPartialFileIsLeft()
    {
        _emulator.AddFault(YotiIdvFault.TruncateBody("*/media/*", count: 1));
        string file = Path.Combine(_folder, "page.jpg");
        var result = _host.Run("Get-YotiMedia $s $m -OutFile $f -PassThru", ("s", Seed), ("m", SeedJpeg), ("f", file));
        Assert.Empty(result.Errors);
        Assert.Equal(Hash(File.ReadAllBytes(MediaFile(SeedJpeg))), Hash(File.ReadAllBytes(file)));
        Assert.Single(AllFiles());
    }

    [Fact]
    public void WriteFailureIsAPerItemWriteError()
    {
        // A file where the session folder should be: the folder cannot be created.
        File.WriteAllText(Path.Combine(_folder, Seed), "in the way");
        var result = _host.Run("Get-YotiMedia $s $m -Destination $dir", ("s", Seed), ("m", SeedJpeg), ("dir", _folder));
        SingleError(result, "YotiOutputFileWriteFailed", ErrorCategory.WriteError, SeedJpeg);
    }

    [Fact]
    public void StopDuringADownloadLeavesNoPartialFile()
    {
        _emulator.AddFault(YotiIdvFault.Slow(TimeSpan.FromMilliseconds(50), chunkSize: 16, pathPattern: "*/media/*"));
        _host.Run("$null", ("s", Seed), ("m", SeedJpeg), ("f", Path.Combine(_folder, "slow.jpg")));
        using PowerShell shell = _host.CreateShell();
        shell.AddScript("Get-YotiMedia $s $m -OutFile $f");
        IAsyncResult pending = shell.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => Directory.GetFiles(_folder, "*" + YotiIdv.Files.AtomicFile.TempSuffix).Length > 0, TimeSpan.FromSeconds(5)), "the download started");
        var watch = Stopwatch.StartNew();
        shell.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "Stop took " + watch.Elapsed);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(pending));
        Assert.Empty(AllFiles());
    }

    [Fact]
    public void ConflictingParametersAreTerminating()
    {
        var result = _host.Run("Get-YotiMedia $s $m -OutFile $dir -Destination $dir", ("s", Seed), ("m", SeedJpeg), ("dir", _folder));
        ErrorRecord error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.Equal("YotiInvalidParameterCombination,YotiIdv.Commands.GetYotiMediaCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(0, _emulator.Stats.RequestsReceived);
    }

    [Fact]
    public void ALargeMediaFileIsStreamedByteForByteByTheEmulatorAndTheCmdlet()
    {
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(Path.Combine(data, "sessions"));
        Directory.CreateDirectory(Path.Combine(data, "media"));
        const string sessionId = "7c0de000-0000-4000-8000-00000000b16f";
        const string mediaId = "7c0de000-0000-4000-8000-0000000f11e5";
        File.WriteAllText(Path.Combine(data, "sessions", "big.json"),
            "{\"session_id\":\"" + sessionId + "\",\"resources\":{\"face_capture\":[{\"id\":\"r\",\"image\":{\"media\":{\"id\":\"" + mediaId + "\",\"type\":\"IMAGE\"}}}]}}");
        var content = new byte[24 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(Path.Combine(data, "media", mediaId + ".jpg"), content);
        using var big = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions
        {
            DataPath = data,
            SdkId = TestPaths.TestSdkId,
            PublicKeyPem = File.ReadAllText(TestPaths.PublicKeyPath),
        });
        string destination = Path.Combine(_folder, "out");
        var result = _host.Run(@"
            $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -PassThru
            Get-YotiMedia -SessionId $s -All -Destination $dir -Connection $c -PassThru",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", big.BaseUri.AbsoluteUri), ("s", sessionId), ("dir", destination));
        Assert.Empty(result.Errors);
        YotiMediaFile file = Assert.Single(result.Objects<YotiMediaFile>());
        Assert.Equal(Path.Combine(destination, sessionId, "face-capture-1-image_" + mediaId + ".jpg"), file.Path);
        Assert.Equal(content.LongLength, file.Length);
        Assert.Equal(Hash(content), Hash(File.ReadAllBytes(file.Path)));
    }

    [Fact]
    public void AllShowsOneProgressBarWithTheTotalTheSessionsList()
    {
        _emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromMilliseconds(150), "*/media/*"));
        using PowerShell shell = _host.CreateShell();
        shell.AddScript("Get-YotiMedia -SessionId $args[0] -All -Destination $args[1] -ThrottleLimit 2").AddArgument(Done).AddArgument(_folder);
        shell.Invoke();
        Assert.Empty(shell.Streams.Error);
        ProgressRecord[] shown = shell.Streams.Progress.Where(p => p.RecordType != ProgressRecordType.Completed).ToArray();
        Assert.NotEmpty(shown);
        Assert.Single(shown.Select(p => p.ActivityId).Distinct()); // one bar, not two that disagree
        Assert.All(shown, p => Assert.Matches(@"^\d+ of 21 done .*MB received$", p.StatusDescription));
        Assert.All(shown, p => Assert.InRange(p.PercentComplete, 0, 100));
        Assert.Contains(shell.Streams.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }
}
