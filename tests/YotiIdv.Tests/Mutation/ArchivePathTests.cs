using System.IO;
using YotiIdv.Archive;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// Which manifest paths an archive accepts (a manifest is read from disk, so it is outside input): the Archive
/// survivors showed each clause of <see cref="YotiSessionArchive.IsSafeRelativePath"/> could go unnoticed.
/// </summary>
public sealed class ArchivePathTests
{
    [Theory]
    [InlineData("session.json")]
    [InlineData("media/0cb9158b.jpeg")]
    [InlineData("keys/kid-1.jwks")]
    [InlineData("a")]
    [InlineData(".hidden")]
    [InlineData("a..b/c")]
    [InlineData("x y/z~")]
    public void RelativePathsInsideTheArchiveAreSafe(string path) => Assert.True(YotiSessionArchive.IsSafeRelativePath(path));

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("media\\x.jpeg")]
    [InlineData("\\\\server\\share")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("media/c:x")]
    [InlineData("../outside.json")]
    [InlineData("media/../../outside.json")]
    [InlineData("media/..")]
    [InlineData("./session.json")]
    [InlineData("media/./x")]
    [InlineData("media//x")]
    [InlineData("media/")]
    [InlineData("media/x\ty")]
    [InlineData("media/x\u007fy")]
    [InlineData("media/x\u001by")]
    [InlineData("\n")]
    public void AbsoluteClimbingOrControlPathsAreNot(string path) => Assert.False(YotiSessionArchive.IsSafeRelativePath(path));

    [Fact]
    public void AFolderIsAnArchiveWhenItHasAManifestOrASessionFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "yotiidv-isarchive-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            Assert.False(YotiSessionArchive.IsArchive(folder));
            Directory.CreateDirectory(folder);
            Assert.False(YotiSessionArchive.IsArchive(folder));
            File.WriteAllText(Path.Combine(folder, "session.json"), "{}");
            Assert.True(YotiSessionArchive.IsArchive(folder));
            File.Delete(Path.Combine(folder, "session.json"));
            File.WriteAllText(Path.Combine(folder, "manifest.json"), "{}");
            Assert.True(YotiSessionArchive.IsArchive(folder));
            Assert.False(YotiSessionArchive.IsArchive(Path.Combine(folder, "manifest.json"))); // a file, not a folder
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
