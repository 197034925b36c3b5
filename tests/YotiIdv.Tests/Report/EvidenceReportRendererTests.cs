using System;
using System.IO;
using System.Linq;
using System.Text;
using YotiIdv.Archive;
using YotiIdv.Files;
using YotiIdv.Model;
using YotiIdv.Report;
using YotiIdv.Tests.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Report;

/// <summary>The evidence-report renderer on its own (pure, offline); the browser tests are in tests/Pester.</summary>
public sealed class EvidenceReportRendererTests
{
    private static readonly YotiEvidenceReportInfo Info = new YotiEvidenceReportInfo { ModuleVersion = "9.9.9", Source = "test" };

    [Theory]
    [InlineData("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;")]
    [InlineData("a\"b'c&d", "a&quot;b&#39;c&amp;d")]
    [InlineData("bell\u0007nul\0", "bell\uFFFDnul\uFFFD")]
    [InlineData("emoji \uD83D\uDE00 ok", "emoji \uD83D\uDE00 ok")]
    public void TheEncoderMakesEveryValueInertInTextAndAttributes(string value, string expected) =>
        Assert.Equal(expected, HtmlText.Encode(value));

    [Fact]
    public void AnUnpairedSurrogateBecomesTheReplacementCharacter() =>
        Assert.Equal("lone\uFFFDsurrogate", HtmlText.Encode("lone" + (char)0xD800 + "surrogate"));

    [Fact]
    public void WithoutMediaEveryImageIsNamedAsNotRetrievedNeverEmbedded()
    {
        YotiSession session = ModelFixtures.Load("seed-example-session.json");
        string html = YotiEvidenceReport.Render(session, new YotiEvidenceMediaSet(), Info);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("Not available: not retrieved", html, StringComparison.Ordinal);
        Assert.Contains("YotiIdv 9.9.9", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + YotiEvidenceReport.ContentSecurityPolicy + "\">", html, StringComparison.Ordinal);
        foreach (YotiMedia media in session.GetAllMedia())
        {
            Assert.Contains(media.MediaId!, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OnlyRasterBytesAreEmbeddedWhateverTheContentTypeSays()
    {
        YotiSession session = ModelFixtures.Load("seed-example-session.json");
        var media = new YotiEvidenceMediaSet();
        string[] ids = YotiEvidenceReport.GetWantedMediaIds(session).ToArray();
        byte[] png = File.ReadAllBytes(Directory.GetFiles(Path.Combine(TestPaths.SampleData, "media"), "*.png")[0]);
        media.Add(YotiEvidenceMedia.Available(ids[0], "image/svg+xml", png));
        media.Add(YotiEvidenceMedia.Available(ids[1], "image/jpeg", Encoding.UTF8.GetBytes("<svg onload=alert(1)>")));
        media.Add(YotiEvidenceMedia.Unavailable(ids[2], "404 Not Found: gone"));
        string html = YotiEvidenceReport.Render(session, media, Info);
        Assert.Single(html.Split(new[] { "<img " }, StringSplitOptions.None).Skip(1));
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("svg+xml;base64", html, StringComparison.Ordinal);
        Assert.Contains("not a picture this page can show (image/jpeg, 21 bytes)", html, StringComparison.Ordinal);
        Assert.Contains("404 Not Found: gone", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WantedMediaAreImagesDocumentFieldsAndTheProfileReportNotFacemaps()
    {
        YotiSession session = ModelFixtures.Load("session-identity-profile-done.json");
        var wanted = YotiEvidenceReport.GetWantedMediaIds(session);
        Assert.Contains("6e91467a-0998-4868-b9ac-703006f3500d", wanted); // passport document fields
        Assert.Contains("1ad3a591-2a8c-4767-8c60-c2501402e485", wanted); // identity profile report
        Assert.DoesNotContain(session.GetAllMedia().Where(m => m.Type == "BINARY").Select(m => m.MediaId).First(), wanted);
        Assert.Equal(wanted.Count, wanted.Distinct().Count());
    }

    [Fact]
    public void AnArchiveShowsOnlyMediaThatMatchTheManifestAndRefusesAPathOutsideIt()
    {
        string folder = Path.Combine(Path.GetTempPath(), "yotiidv-archive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        try
        {
            byte[] session = File.ReadAllBytes(TestPaths.Fixture("seed-example-session.json"));
            byte[] jpeg = { 0xFF, 0xD8, 0xFF, 0 };
            File.WriteAllBytes(Path.Combine(folder, "session.json"), session);
            File.WriteAllBytes(Path.Combine(folder, "media", "a.jpg"), jpeg);
            File.WriteAllBytes(Path.Combine(folder, "media", "b.jpg"), jpeg);
            var manifest = new YotiArchiveManifest("52098976-42d0-4051-a80f-7fc3438e4d9e", DateTimeOffset.UtcNow, "test", "9.9.9", null,
                new YotiArchiveFile("session.json", session.Length, AtomicFile.Hash(session), null));
            manifest.Media.Add(new YotiArchiveMedia("0cb9158b-7940-49af-a72c-bf2f9711c154", "IMAGE", "image/jpeg", new YotiArchiveFile("media/a.jpg", jpeg.Length, AtomicFile.Hash(jpeg), null)));
            manifest.Media.Add(new YotiArchiveMedia("e18a77b5-f45e-47e1-92d5-c0d4a34a6383", "IMAGE", "image/jpeg", new YotiArchiveFile("media/b.jpg", jpeg.Length, new string('0', 64), null)));
            manifest.Unavailable.Add(new YotiArchiveGap("c0114acc-e8d3-4c93-99ac-6058e09798c2", "IMAGE", "NoContent", 204));
            File.WriteAllBytes(Path.Combine(folder, "manifest.json"), manifest.ToJson());

            YotiEvidenceArchiveSource archive = YotiEvidenceArchiveSource.Open(folder);
            Assert.Equal("52098976-42d0-4051-a80f-7fc3438e4d9e", archive.Session.SessionId);
            Assert.Equal(jpeg, archive.Media.GetMedia("0cb9158b-7940-49af-a72c-bf2f9711c154")!.Content);
            Assert.Contains("does not match the length and SHA-256", archive.Media.GetMedia("e18a77b5-f45e-47e1-92d5-c0d4a34a6383")!.UnavailableReason, StringComparison.Ordinal);
            Assert.Equal("unavailable when archived: 204 NoContent", archive.Media.GetMedia("c0114acc-e8d3-4c93-99ac-6058e09798c2")!.UnavailableReason);
            Assert.Equal(64, archive.ManifestSha256!.Length);
            Assert.Empty(archive.KeySets);
            Assert.Null(archive.KeySetNote);

            // Key sets come from the manifest's key_sets only: a file entry under keys/ in another list is not one.
            byte[] jwks = Encoding.UTF8.GetBytes("{\"keys\":[]}");
            Directory.CreateDirectory(Path.Combine(folder, "keys"));
            File.WriteAllBytes(Path.Combine(folder, "keys", "k.jwks"), jwks);
            var keyFile = new YotiArchiveFile("keys/k.jwks", jwks.Length, AtomicFile.Hash(jwks), null);
            File.WriteAllText(Path.Combine(folder, "manifest.json"), Encoding.UTF8.GetString(manifest.ToJson()).Replace("\"missing\":", "\"keys\":[{\"path\":\"keys/k.jwks\",\"length\":" + jwks.Length + ",\"sha256\":\"" + keyFile.Sha256 + "\"}],\"missing\":"));
            Assert.Empty(YotiEvidenceArchiveSource.Open(folder).KeySets);
            manifest.KeySets.Add(new YotiArchiveKeySet("kid-1", "http://127.0.0.1/keys/kid-1", keyFile));
            File.WriteAllBytes(Path.Combine(folder, "manifest.json"), manifest.ToJson());
            Assert.Equal(jwks, Assert.Single(YotiEvidenceArchiveSource.Open(folder).KeySets));
            File.WriteAllText(Path.Combine(folder, "keys", "k.jwks"), "{\"keys\":{}}"); // same length, other bytes
            archive = YotiEvidenceArchiveSource.Open(folder);
            Assert.Empty(archive.KeySets);
            Assert.Equal("the archive's key set cannot be used: keys/k.jwks does not match the length and SHA-256 of the manifest", archive.KeySetNote);
            File.WriteAllText(Path.Combine(folder, "keys", "k.jwks"), "{\"keys\":[{}]}"); // longer: read no further than the manifest's length
            Assert.Contains("keys/k.jwks cannot be read: ", YotiEvidenceArchiveSource.Open(folder).KeySetNote, StringComparison.Ordinal);
            manifest.KeySets.Clear();
            manifest.KeySetNote = "The key set was not saved: untrusted origin.";
            File.WriteAllBytes(Path.Combine(folder, "manifest.json"), manifest.ToJson());
            Assert.Equal("no key set in the archive: The key set was not saved: untrusted origin.", YotiEvidenceArchiveSource.Open(folder).KeySetNote);

            // A path that leaves the folder makes the manifest invalid (the archive reader's rule): nothing is read.
            File.WriteAllText(Path.Combine(folder, "manifest.json"), Encoding.UTF8.GetString(manifest.ToJson()).Replace("media/a.jpg", "../../etc/passwd"));
            Assert.Throws<YotiInvalidDataException>(() => YotiEvidenceArchiveSource.Open(folder));

            File.WriteAllBytes(Path.Combine(folder, "manifest.json"), manifest.ToJson());
            File.WriteAllText(Path.Combine(folder, "session.json"), "{\"session_id\":\"52098976-42d0-4051-a80f-7fc3438e4d9e\"}");
            Assert.Throws<YotiArchiveCorruptException>(() => YotiEvidenceArchiveSource.Open(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
