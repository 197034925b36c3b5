using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using YotiIdv.Archive;
using YotiIdv.Emulator;
using YotiIdv.Media;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Save-YotiSession and Test-YotiSessionArchive over real loopback HTTP against the emulator, with faults.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class SaveYotiSessionApiTests : ConnectedCmdletTests
{
    private const string Seed = TestPaths.SeedSessionId;
    private const string Done = TestPaths.DoneSessionId;
    private const string Report = "1ad3a591-2a8c-4767-8c60-c2501402e485";
    private const string NoContentMedia = "c0114acc-e8d3-4c93-99ac-6058e09798c2";

    public SaveYotiSessionApiTests()
        : base("SaveYotiSessionCommand")
    {
    }

    private string Archive(string sessionId) => Path.Combine(_folder, sessionId);

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>The sample session files by session id, as the emulator serves them.</summary>
    private static Dictionary<string, byte[]> SampleSessions() =>
        Directory.GetFiles(Path.Combine(TestPaths.SampleData, "sessions"), "*.json")
            .Select(File.ReadAllBytes)
            .ToDictionary(b => SessionParser.Parse(b).SessionId!, b => b);

    /// <summary>The session JSON as the emulator serves it (the bytes Save-YotiSession must keep).</summary>
    private byte[] ServedSession(string sessionId) =>
        Encoding.UTF8.GetBytes(Assert.Single(_host.Run("Get-YotiSession -SessionId $id -Raw", ("id", sessionId)).Objects<string>()));

    private static string? SampleMedia(string mediaId) =>
        Directory.GetFiles(Path.Combine(TestPaths.SampleData, "media"), mediaId + ".*").SingleOrDefault();

    private PowerShellHost.Result Save(string script, params (string Name, object? Value)[] variables) =>
        _host.Run(script, variables.Append(("dir", (object?)_folder)).ToArray());

    private YotiArchiveTestResult TestArchive(string sessionId) =>
        Assert.Single(_host.Run("Test-YotiSessionArchive -Path $p", ("p", Archive(sessionId))).Objects<YotiArchiveTestResult>());

    [Fact]
    public void EveryFixtureSessionIsArchivedByteForByteThroughFaultsAndASecondRunFetchesAndWritesNothing()
    {
        // What the emulator serves (it signs reports on the fly, so a report is not its sample file), read first without faults.
        var served = new Dictionary<string, byte[]>();
        foreach (string id in SampleSessions().Keys)
        {
            string[] mediaIds = SessionParser.Parse(SampleSessions()[id]).GetAllMedia().Select(m => m.MediaId!).ToArray();
            if (mediaIds.Length > 0)
            {
                foreach (YotiMediaContent c in _host.Run("Get-YotiMedia -SessionId $s -MediaId $m -ErrorAction SilentlyContinue", ("s", id), ("m", mediaIds)).Objects<YotiMediaContent>())
                {
                    served[c.MediaId] = c.Content;
                }
            }
        }

        var sessions = SampleSessions().Keys.ToDictionary(id => id, ServedSession);
        _emulator.AddFault(YotiIdvFault.Status(503, "*/media/*", count: 8));
        _emulator.AddFault(YotiIdvFault.TruncateBody("*/media/*", count: 5));
        _emulator.AddFault(YotiIdvFault.Status(503, "/sessions/*", count: 3));
        _emulator.AddFault(YotiIdvFault.Latency(TimeSpan.FromMilliseconds(40), "*", count: 40));

        var first = Save("$ids | Save-YotiSession -Destination $dir -ThrottleLimit 4 -MaxRetries 10 -WarningVariable w -WarningAction SilentlyContinue; $w.Count",
            ("ids", sessions.Keys.ToArray()));
        Assert.Empty(first.Errors);
        YotiSessionArchiveResult[] results = first.Objects<YotiSessionArchiveResult>();
        Assert.Equal(sessions.Keys.OrderBy(k => k), results.Select(r => r.SessionId).OrderBy(k => k));
        Assert.All(results, r => Assert.True(r.Complete, r.SessionId));
        Assert.True(_emulator.Faults.All(f => f.Remaining == 0), "every fault was hit and retried through");
        int warnings = (int)first.Output.Last().BaseObject;
        Assert.Equal(results.Count(r => r.MediaUnavailable > 0), warnings); // one warning per session with unavailable items

        foreach (YotiSessionArchiveResult result in results)
        {
            string folder = Archive(result.SessionId);
            Assert.Equal(folder, result.Path);
            Assert.Equal(sessions[result.SessionId], File.ReadAllBytes(Path.Combine(folder, "session.json")));
            YotiArchiveManifest manifest = YotiSessionArchive.ReadManifest(folder);
            Assert.Contains("\"format\": \"yotiidv-session-archive/1\"", File.ReadAllText(Path.Combine(folder, "manifest.json")), StringComparison.Ordinal);
            Assert.Equal(result.SessionId, manifest.SessionId);
            Assert.Equal(_emulator.BaseUri.AbsoluteUri, manifest.Source);
            Assert.Equal(Sha(sessions[result.SessionId]), manifest.Session.Sha256);
            Assert.Equal(sessions[result.SessionId].Length, manifest.Session.Length);

            YotiMediaIndex index = YotiMediaIndex.Of(SessionParser.Parse(sessions[result.SessionId]));
            foreach (YotiMediaEntry entry in index)
            {
                string? sample = SampleMedia(entry.MediaId);
                if (sample is null || sample.EndsWith(".204", StringComparison.Ordinal))
                {
                    YotiArchiveGap gap = Assert.Single(manifest.Unavailable, g => g.MediaId == entry.MediaId);
                    Assert.Equal(sample is null ? "NotFound" : "NoContent", gap.Reason);
                    Assert.Equal(sample is null ? 404 : 204, gap.Status);
                    Assert.Equal(entry.Kind, gap.Kind);
                    continue;
                }

                YotiArchiveMedia saved = Assert.Single(manifest.Media, m => m.MediaId == entry.MediaId);
                byte[] expected = served[entry.MediaId];
                Assert.Equal(expected, File.ReadAllBytes(YotiSessionArchive.FullPath(folder, saved.File.Path)));
                Assert.Equal(Sha(expected), saved.File.Sha256);
                Assert.Equal(expected.Length, saved.File.Length);
                Assert.Equal(entry.Kind, saved.Kind);
                Assert.StartsWith("media/" + entry.Kind + "_" + entry.MediaId + ".", saved.File.Path, StringComparison.Ordinal);
            }

            Assert.Equal(index.Count, manifest.Media.Count + manifest.Unavailable.Count);
            Assert.Empty(manifest.Missing);
            Assert.Equal(manifest.Media.Count, result.MediaSaved);
            Assert.True(TestArchive(result.SessionId).Valid);
        }

        Assert.Contains(results, r => r.MediaUnavailable > 0 && YotiSessionArchive.ReadManifest(r.Path).Unavailable.Any(g => g.MediaId == NoContentMedia));

        // Second run: one request per session (is it still the same?), nothing downloaded, nothing written.
        var stamps = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        long before = _emulator.Stats.RequestsReceived;
        var second = Save("$ids | Save-YotiSession -Destination $dir", ("ids", sessions.Keys.ToArray()));
        Assert.Empty(second.Errors);
        Assert.Equal(sessions.Count, _emulator.Stats.RequestsReceived - before);
        Assert.All(second.Objects<YotiSessionArchiveResult>(), r => Assert.False(r.Written, r.SessionId));
        Assert.All(second.Objects<YotiSessionArchiveResult>(), r => Assert.Equal(0, r.Downloaded));
        Assert.Equal(stamps, Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void AFlippedByteAndADeletedFileAreFoundTheDeletedOneIsRestoredAndTheCorruptOneReplacedOnlyWithForce()
    {
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)).Errors);
        YotiArchiveManifest manifest = YotiSessionArchive.ReadManifest(Archive(Done));
        string flipped = YotiSessionArchive.FullPath(Archive(Done), manifest.Media[0].File.Path);
        string deleted = YotiSessionArchive.FullPath(Archive(Done), manifest.Media[1].File.Path);
        byte[] original = File.ReadAllBytes(flipped);
        byte[] tampered = (byte[])original.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        File.WriteAllBytes(flipped, tampered);
        File.Delete(deleted);
        File.WriteAllText(Path.Combine(Archive(Done), "media", "planted.txt"), "x");

        YotiArchiveTestResult test = TestArchive(Done);
        Assert.False(test.Valid);
        Assert.Equal(Done, test.SessionId);
        Assert.Equal(
            new[] { "Corrupt " + manifest.Media[0].File.Path, "Missing " + manifest.Media[1].File.Path, "Unexpected media/planted.txt" },
            test.Problems.Select(p => p.Problem + " " + p.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray());
        File.Delete(Path.Combine(Archive(Done), "media", "planted.txt"));

        // A re-run restores the deleted file and leaves the corrupt one as it is, with YotiArchiveCorrupt.
        long before = _emulator.Stats.RequestsReceived;
        var rerun = Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done));
        ErrorRecord error = SingleError(rerun, "YotiArchiveCorrupt", ErrorCategory.InvalidData, Done);
        Assert.Contains(manifest.Media[0].File.Path, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(2, _emulator.Stats.RequestsReceived - before); // the session, and the deleted file only
        Assert.True(File.Exists(deleted));
        Assert.Equal(tampered, File.ReadAllBytes(flipped));
        Assert.False(Assert.Single(rerun.Objects<YotiSessionArchiveResult>()).Complete);
        Assert.Equal(new[] { "Corrupt " + manifest.Media[0].File.Path }, TestArchive(Done).Problems.Select(p => p.Problem + " " + p.Path).ToArray());

        var forced = Save("Save-YotiSession -SessionId $id -Destination $dir -Force", ("id", Done));
        Assert.Empty(forced.Errors);
        Assert.Equal(original, File.ReadAllBytes(flipped));
        Assert.True(TestArchive(Done).Valid);
    }

    [Fact]
    public void ATransientFailurePastTheRetriesIsAnErrorForThatSessionAndTheNextRunCompletesIt()
    {
        string failing = SessionParser.Parse(SampleSessions()[Seed]).GetAllMedia().First(m => SampleMedia(m.MediaId!) is { } f && !f.EndsWith(".204", StringComparison.Ordinal)).MediaId!;
        _emulator.AddFault(YotiIdvFault.Status(503, "*/media/" + failing + "/*"));
        var first = Save("Save-YotiSession -SessionId $ids -Destination $dir -WarningAction SilentlyContinue", ("ids", new[] { Seed, Done }));
        ErrorRecord error = SingleError(first, "YotiServiceUnavailable", ErrorCategory.ResourceUnavailable, Seed);
        Assert.Contains("incomplete", error.ErrorDetails.Message, StringComparison.Ordinal);
        YotiSessionArchiveResult[] results = first.Objects<YotiSessionArchiveResult>();
        Assert.Equal(new[] { Seed, Done }, results.Select(r => r.SessionId).ToArray());
        Assert.False(results[0].Complete);
        Assert.Equal(1, results[0].MediaMissing);
        Assert.True(results[1].Complete);
        YotiArchiveManifest manifest = YotiSessionArchive.ReadManifest(Archive(Seed));
        Assert.False(manifest.Complete);
        YotiArchiveGap missing = Assert.Single(manifest.Missing);
        Assert.Equal((failing, "ServerError", (int?)503), (missing.MediaId, missing.Reason, missing.Status));
        Assert.Contains("\"complete\": false", File.ReadAllText(Path.Combine(Archive(Seed), "manifest.json")), StringComparison.Ordinal);
        YotiArchiveTestResult test = TestArchive(Seed);
        Assert.True(test.Valid);
        Assert.False(test.Complete);

        _emulator.ClearFaults();
        long before = _emulator.Stats.RequestsReceived;
        var second = Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Seed));
        Assert.Empty(second.Errors);
        YotiSessionArchiveResult done = Assert.Single(second.Objects<YotiSessionArchiveResult>());
        Assert.True(done.Complete);
        Assert.Equal(1, done.Downloaded);
        Assert.Equal(2, _emulator.Stats.RequestsReceived - before);
        Assert.True(TestArchive(Seed).Complete);
    }

    [Fact]
    public void AChangedSessionKeepsTheEarlierSessionJsonRenamedAndListed()
    {
        byte[] current = ServedSession(Done);
        byte[] earlier = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(current).Replace("\"COMPLETED\"", "\"ONGOING\"", StringComparison.Ordinal));
        string earlierFile = Path.Combine(_folder, "ongoing.json");
        File.WriteAllBytes(earlierFile, earlier);

        // Piped session objects are saved as they are (no second read of the session).
        var piped = Save("Get-YotiSession -Path $f | Save-YotiSession -Destination $dir", ("f", earlierFile));
        Assert.Empty(piped.Errors);
        Assert.Equal("ONGOING", Assert.Single(piped.Objects<YotiSessionArchiveResult>()).State);
        File.Delete(earlierFile);

        var result = Save("Save-YotiSession $id $dir", ("id", Done));
        Assert.Empty(result.Errors);
        YotiSessionArchiveResult saved = Assert.Single(result.Objects<YotiSessionArchiveResult>());
        Assert.True(saved.SessionChanged);
        Assert.Equal("COMPLETED", saved.State);
        Assert.Equal(current, File.ReadAllBytes(Path.Combine(Archive(Done), "session.json")));
        Assert.Equal(earlier, File.ReadAllBytes(Path.Combine(Archive(Done), "session.previous-1.json")));
        YotiArchiveManifest manifest = YotiSessionArchive.ReadManifest(Archive(Done));
        YotiArchiveFile previous = Assert.Single(manifest.PreviousSessions);
        Assert.Equal(("session.previous-1.json", Sha(earlier)), (previous.Path, previous.Sha256));
        Assert.Equal("COMPLETED", manifest.State);
        Assert.True(TestArchive(Done).Valid);
    }

    [Fact]
    public void AnArchiveIsReadBackOfflineAndACorruptSessionJsonIsNotRead()
    {
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)).Errors);
        string report = Assert.Single(_host.Run("Get-YotiIdentityProfileReport -SessionId $id -Raw", ("id", Done)).Objects<string>());
        long before = _emulator.Stats.RequestsReceived;
        var read = _host.Run(@"
            $s = Get-YotiSession -Path $p
            $s.SessionId
            @($s | Get-YotiCheckBreakdown).Count
            Get-YotiIdentityProfileReport -Path $p -Raw", ("p", Archive(Done)));
        Assert.Empty(read.Errors);
        Assert.Equal(Done, read.Output[0].BaseObject);
        Assert.True((int)read.Output[1].BaseObject > 5);
        Assert.Equal(report, read.Output[2].BaseObject);
        Assert.Equal(before, _emulator.Stats.RequestsReceived); // offline

        File.AppendAllText(Path.Combine(Archive(Done), "session.json"), " ");
        var corrupt = _host.Run("Get-YotiSession -Path $p", ("p", Archive(Done)));
        ErrorRecord error = Assert.Single(corrupt.Errors);
        Assert.Equal("YotiArchiveCorrupt,YotiIdv.Commands.GetYotiSessionCommand", error.FullyQualifiedErrorId);
        Assert.Empty(corrupt.Output);
    }

    [Fact]
    public void AnUnreadableManifestIsNeverOverwrittenWithoutForce()
    {
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Seed)).Errors);
        string manifest = Path.Combine(Archive(Seed), "manifest.json");
        File.WriteAllText(manifest, "{ not json");
        var test = TestArchive(Seed);
        Assert.Equal(YotiArchiveProblemKind.ManifestUnreadable, Assert.Single(test.Problems).Problem);

        var rerun = Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Seed));
        SingleError(rerun, "YotiArchiveCorrupt", ErrorCategory.InvalidData, Seed);
        Assert.Equal("{ not json", File.ReadAllText(manifest));
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir -Force -WarningAction SilentlyContinue", ("id", Seed)).Errors);
        Assert.True(TestArchive(Seed).Valid);
    }

    /// <summary>Replaces a file of an archive with a FIFO (opening one blocks until a writer comes, so a plain read hangs).</summary>
    private static void PlantFifo(string path)
    {
        File.Delete(path);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private PowerShellHost.Result SaveBounded(string script, params (string Name, object? Value)[] variables)
    {
        var run = System.Threading.Tasks.Task.Run(() => Save(script, variables));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the command hung on a FIFO in the archive");
        return run.Result;
    }

    [Fact]
    public void AFifoPlantedInAnArchiveIsReportedNotWaitedOn()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)).Errors);
        YotiArchiveManifest manifest = YotiSessionArchive.ReadManifest(Archive(Done));
        YotiArchiveMedia image = manifest.Media.First(m => m.ContentType == "image/jpeg");
        PlantFifo(YotiSessionArchive.FullPath(Archive(Done), image.File.Path));

        YotiArchiveTestResult test = Assert.Single(SaveBounded("Test-YotiSessionArchive -Path $p", ("p", Archive(Done))).Objects<YotiArchiveTestResult>());
        YotiArchiveProblem problem = Assert.Single(test.Problems);
        Assert.Equal((YotiArchiveProblemKind.Corrupt, image.File.Path), (problem.Problem, problem.Path));
        Assert.Contains("FIFO", problem.Detail, StringComparison.Ordinal);

        // A re-run does not wait on it either, and does not replace it without -Force.
        SingleError(SaveBounded("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)), "YotiArchiveCorrupt", ErrorCategory.InvalidData, Done);

        // The evidence page shows the other media and says why this one is not shown.
        var page = SaveBounded("Export-YotiEvidenceReport -Path $p -Destination (Join-Path $dir pages)", ("p", Archive(Done)));
        Assert.Empty(page.Errors);
        string html = File.ReadAllText(Directory.GetFiles(Path.Combine(_folder, "pages"), "*.html").Single());
        Assert.Contains("FIFO", html, StringComparison.Ordinal);

        // A FIFO as the manifest or session.json: one clear error or problem, in bounded time.
        PlantFifo(Path.Combine(Archive(Done), "session.json"));
        var read = SaveBounded("Get-YotiSession -Path $p; 'after'", ("p", Archive(Done)));
        Assert.Equal("after", read.Output.Last().BaseObject);
        Assert.Contains("FIFO", Assert.Single(read.Errors).Exception.Message, StringComparison.Ordinal);

        PlantFifo(Path.Combine(Archive(Done), "manifest.json"));
        test = Assert.Single(SaveBounded("Test-YotiSessionArchive -Path $p", ("p", Archive(Done))).Objects<YotiArchiveTestResult>());
        Assert.Equal(YotiArchiveProblemKind.ManifestUnreadable, Assert.Single(test.Problems).Problem);
        Assert.Contains("FIFO", test.Problems[0].Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// The report's key set is kept beside it (keys/&lt;kid&gt;.jwks, listed with its hash in key_sets); a second run
    /// asks for no key set and clears the temporary files an interrupted run left.
    /// </summary>
    [Fact]
    public void TheReportsKeySetIsKeptAndListed_ASecondRunAsksForNoneAndClearsLeftovers()
    {
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)).Errors);
        string keyFile = Assert.Single(Directory.GetFiles(Path.Combine(Archive(Done), "keys"), "*.jwks"));
        Assert.Equal("yotiidv-emulator-test-only-01.jwks", Path.GetFileName(keyFile));
        Assert.Contains("\"kty\":\"OKP\"", File.ReadAllText(keyFile), StringComparison.Ordinal);
        using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Archive(Done), "manifest.json"))))
        {
            JsonElement keySet = Assert.Single(manifest.RootElement.GetProperty("key_sets").EnumerateArray().ToArray());
            Assert.Equal("yotiidv-emulator-test-only-01", keySet.GetProperty("kid").GetString());
            Assert.Equal("keys/yotiidv-emulator-test-only-01.jwks", keySet.GetProperty("path").GetString());
            Assert.Equal(Sha(File.ReadAllBytes(keyFile)), keySet.GetProperty("sha256").GetString());
            Assert.Equal(new FileInfo(keyFile).Length, keySet.GetProperty("length").GetInt64());
            Assert.EndsWith("/keys/yotiidv-emulator-test-only-01", keySet.GetProperty("url").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, _emulator.CountRequests("GET", "*/keys/*"));
        string leftover = Path.Combine(Archive(Done), ".session.json.0badf00d" + YotiIdv.Files.AtomicFile.TempSuffix);
        File.WriteAllText(leftover, "half");
        var second = Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done));
        Assert.Empty(second.Errors);
        Assert.Equal(1, _emulator.CountRequests("GET", "*/keys/*"));
        Assert.False(File.Exists(leftover));
        Assert.True(TestArchive(Done).Valid);
    }

    [Fact]
    public void ArchiveFoldersArePrivateOnUnixAndNoTemporaryFileIsLeft()
    {
        Assert.Empty(Save("Save-YotiSession -SessionId $id -Destination $dir", ("id", Done)).Errors);
        Assert.Empty(Directory.GetFiles(_folder, "*" + YotiIdv.Files.AtomicFile.TempSuffix, SearchOption.AllDirectories));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Folder, File.GetUnixFileMode(Archive(Done)));
        Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(Archive(Done), "media")));
#pragma warning disable CA1416 // not reached on Windows (returned above)
        Assert.All(Directory.GetFiles(Archive(Done), "*", SearchOption.AllDirectories), f => Assert.Equal(FileMode, File.GetUnixFileMode(f)));
#pragma warning restore CA1416
    }

    [Fact]
    public void BadInputIsAnErrorRecordAndTheBatchGoesOn()
    {
        string unknown = "00000000-0000-4000-8000-000000000000";
        var result = Save("Save-YotiSession -SessionId $ids -Destination $dir", ("ids", new[] { "../x", unknown, Done }));
        Assert.Equal(2, result.Errors.Length);
        Assert.Equal("YotiInvalidSessionId,YotiIdv.Commands.SaveYotiSessionCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal("YotiSessionNotFound,YotiIdv.Commands.SaveYotiSessionCommand", result.Errors[1].FullyQualifiedErrorId);
        Assert.Equal(Done, Assert.Single(result.Objects<YotiSessionArchiveResult>()).SessionId);
        Assert.Equal(new[] { Done }, Directory.GetDirectories(_folder).Select(Path.GetFileName).ToArray());

        string file = Path.Combine(_folder, "file.txt");
        File.WriteAllText(file, "x");
        var destinationIsFile = Save("Save-YotiSession -SessionId $id -Destination $f", ("id", Done), ("f", file));
        SingleError(destinationIsFile, "YotiInvalidOutputPath", ErrorCategory.InvalidArgument);
        Assert.Empty(destinationIsFile.Output);
    }
}
