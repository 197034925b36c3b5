using System;
using System.Linq;
using System.Text;
using YotiIdv.Archive;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The manifest written and read back field by field, and each way a manifest on disk is refused (the Archive
/// survivors: module_version, every retrieved_at, gap statuses and the refusal messages were never compared).
/// </summary>
public sealed class ArchiveManifestTests
{
    private static readonly DateTimeOffset Saved = new DateTimeOffset(2026, 12, 2, 15, 4, 5, 678, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Fetched = new DateTimeOffset(2026, 12, 1, 9, 0, 0, 123, TimeSpan.Zero);

    private static YotiArchiveManifest Full()
    {
        var manifest = new YotiArchiveManifest("s-1", Saved, "https://api.yoti.com/idverify/v1", "1.2.3", "COMPLETED",
            new YotiArchiveFile("session.json", 10, "AB12", Fetched));
        manifest.PreviousSessions.Add(new YotiArchiveFile("session.1.json", 9, "cd34", null));
        manifest.Media.Add(new YotiArchiveMedia("m-1", "image", "image/jpeg", new YotiArchiveFile("media/m-1.jpeg", 3, "ef56", Fetched)));
        manifest.Unavailable.Add(new YotiArchiveGap("m-2", "json", "NotFound", 404));
        manifest.Missing.Add(new YotiArchiveGap("m-3", "image", "Network", null));
        manifest.KeySets.Add(new YotiArchiveKeySet("kid-1", "https://api.yoti.com/idverify/v1/keys/kid-1", new YotiArchiveFile("keys/kid-1.jwks", 77, "0a0b", Fetched)));
        return manifest;
    }

    [Fact]
    public void EveryFieldIsWrittenAndReadBack()
    {
        string json = Encoding.UTF8.GetString(Full().ToJson());
        Assert.Contains("\"saved_at\": \"2026-12-02T14:04:05.678Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"module_version\": \"1.2.3\"", json, StringComparison.Ordinal);
        Assert.Contains("\"retrieved_at\": \"2026-12-01T09:00:00.123Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"retrieved_at\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": null", json, StringComparison.Ordinal);

        YotiArchiveManifest back = YotiArchiveManifest.Parse(Full().ToJson());
        Assert.Equal(("s-1", Saved, "https://api.yoti.com/idverify/v1", "1.2.3", "COMPLETED"), (back.SessionId, back.SavedAt, back.Source, back.ModuleVersion, back.State));
        Assert.Equal(("session.json", 10L, "ab12", (DateTimeOffset?)Fetched), (back.Session.Path, back.Session.Length, back.Session.Sha256, back.Session.RetrievedAt));
        Assert.Equal(("session.1.json", (DateTimeOffset?)null), (Assert.Single(back.PreviousSessions).Path, back.PreviousSessions[0].RetrievedAt));
        YotiArchiveMedia media = Assert.Single(back.Media);
        Assert.Equal(("m-1", "image", "image/jpeg", "media/m-1.jpeg", (DateTimeOffset?)Fetched), (media.MediaId, media.Kind, media.ContentType, media.File.Path, media.File.RetrievedAt));
        Assert.Equal(("m-2", "json", "NotFound", (int?)404), (back.Unavailable[0].MediaId, back.Unavailable[0].Kind, back.Unavailable[0].Reason, back.Unavailable[0].Status));
        Assert.Equal(("m-3", (int?)null), (back.Missing[0].MediaId, back.Missing[0].Status));
        Assert.False(back.Complete);
        YotiArchiveKeySet keys = Assert.Single(back.KeySets);
        Assert.Equal(("kid-1", "https://api.yoti.com/idverify/v1/keys/kid-1", "keys/kid-1.jwks", 77L, (DateTimeOffset?)Fetched), (keys.KeyId, keys.Url, keys.File.Path, keys.File.Length, keys.File.RetrievedAt));
        Assert.Equal(new[] { "session.json", "session.1.json", "media/m-1.jpeg", "keys/kid-1.jwks" }, back.Files().Select(f => f.Path).ToArray());
    }

    [Fact]
    public void WithoutKeySetsOrANoteThereIsNoKeySetsField_AndOptionalFieldsMayBeAbsent()
    {
        var manifest = new YotiArchiveManifest("s-2", Saved, "src", "1.0.0", null, new YotiArchiveFile("session.json", 1, "aa", null));
        Assert.DoesNotContain("key_sets", Encoding.UTF8.GetString(manifest.ToJson()), StringComparison.Ordinal);
        manifest.KeySetNote = "why not";
        YotiArchiveManifest noted = YotiArchiveManifest.Parse(manifest.ToJson());
        Assert.Equal("why not", noted.KeySetNote);
        Assert.Empty(noted.KeySets);

        YotiArchiveManifest sparse = YotiArchiveManifest.Parse(Encoding.UTF8.GetBytes(
            "{\"format\":\"yotiidv-session-archive/1\",\"session_id\":\"s\",\"saved_at\":\"2026-01-02T03:04:05\",\"session\":{\"path\":\"session.json\",\"sha256\":\"x\",\"length\":1},\"media\":{},\"unavailable\":[{\"media_id\":\"m\",\"kind\":\"k\",\"reason\":\"r\",\"status\":\"404\"}]}"));
        Assert.Equal((string.Empty, string.Empty, (string?)null), (sparse.Source, sparse.ModuleVersion, sparse.State));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), sparse.SavedAt); // a date without a zone is UTC
        Assert.Equal(TimeSpan.Zero, sparse.SavedAt.Offset);
        Assert.Empty(sparse.Media);
        Assert.Null(Assert.Single(sparse.Unavailable).Status); // a status that is not a number is no status
    }

    [Theory]
    [InlineData("[]", "the manifest is not a JSON object")]
    [InlineData("{\"format\":\"yotiidv-session-archive/2\"}", "the manifest's format is 'yotiidv-session-archive/2'; this version reads 'yotiidv-session-archive/1'")]
    [InlineData("{\"format\":\"yotiidv-session-archive/1\",\"saved_at\":\"2026-01-01T00:00:00Z\"}", "'session_id' is missing")]
    [InlineData("{\"format\":\"yotiidv-session-archive/1\",\"session_id\":1}", "'session_id' is not a string")]
    [InlineData("{\"format\":\"yotiidv-session-archive/1\",\"session_id\":\"s\",\"saved_at\":\"2026-01-01T00:00:00Z\",\"session\":{\"path\":\"../x\",\"sha256\":\"a\",\"length\":1}}", "the manifest lists a path outside the archive: '../x'")]
    [InlineData("{\"format\":\"yotiidv-session-archive/1\",\"session_id\":\"s\",\"saved_at\":\"not a date\",\"session\":{}}", "the manifest is not valid: ")]
    [InlineData("{\"format\"", "the manifest is not valid: ")]
    public void AManifestThatCannotBeTrustedIsRefusedSayingWhy(string json, string message)
    {
        var refused = Assert.Throws<YotiInvalidDataException>(() => YotiArchiveManifest.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }
}
