using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Files;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// The file layer (AtomicFile, LocalFile) called directly, for the Stryker survivors of src/YotiIdv.Core/Files
/// (tests/mutation/survivors.md): the cmdlet tests write and read files only on their happy paths, so the
/// temporary name, the undo of a rejected stream, a target created meanwhile, the byte-order mark and the
/// messages of each refusal were never checked.
/// </summary>
public sealed class FileLayerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yotiidv-files-" + Guid.NewGuid().ToString("N"));

    public FileLayerTests() => Directory.CreateDirectory(_folder);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string[] Leftovers() => Directory.GetFiles(_folder, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories);

    private static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>A stream whose reads ignore the token; it cancels <paramref name="cts"/> on its last read.</summary>
    private sealed class CancelAtEnd : MemoryStream
    {
        private readonly CancellationTokenSource _cts;

        public CancelAtEnd(byte[] content, CancellationTokenSource cts)
            : base(content) => _cts = cts;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read = Read(buffer, offset, count);
            if (read == 0)
            {
                _cts.Cancel();
            }

            return Task.FromResult(read);
        }
    }

    [Fact]
    public void TheTemporaryFileIsHiddenInTheSameFolderUniqueAndEndsInTheSuffix()
    {
        string target = PathOf("report.json");
        string first = AtomicFile.TempPathFor(target), second = AtomicFile.TempPathFor(target);
        Assert.Equal(_folder, Path.GetDirectoryName(first));
        Assert.Matches(@"^\.report\.json\.[0-9a-f]{8}\.yotipart$", Path.GetFileName(first));
        Assert.NotEqual(first, second);
        Assert.True(AtomicFile.IsTempFile(first));
        Assert.True(AtomicFile.IsTempFile("x.YOTIPART"));
        Assert.False(AtomicFile.IsTempFile(target));
        Assert.Throws<ArgumentException>(() => AtomicFile.TempPathFor(Path.GetPathRoot(_folder)!));
    }

    [Fact]
    public void WriteAllBytes_KeepsAnExistingFileUnlessOverwriting_AndSaysWhichFile()
    {
        string target = PathOf("a.bin");
        AtomicFileResult first = AtomicFile.WriteAllBytes(target, new byte[] { 1, 2, 3 }, overwrite: false);
        Assert.Equal((target, 3L, "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"), (first.Path, first.Length, first.Sha256));

        var exists = Assert.Throws<YotiFileException>(() => AtomicFile.WriteAllBytes(target, new byte[] { 9 }, overwrite: false));
        Assert.Equal((YotiFileProblem.Exists, target, $"'{target}' already exists."), (exists.Problem, exists.Path, exists.Message));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));

        AtomicFile.WriteAllBytes(target, new byte[] { 9 }, overwrite: true);
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(target));
        Assert.Empty(Leftovers());
        Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllBytes(target, null!, overwrite: true));
    }

    [Fact]
    public async Task AWriteThatFails_IsAWriteFailedErrorNamingTheFile_AndLeavesNoTemporaryFile()
    {
        string directory = PathOf("taken");
        Directory.CreateDirectory(directory); // a folder where the file should go: the final rename fails
        Assert.Equal(YotiFileProblem.Exists, Assert.Throws<YotiFileException>(() => AtomicFile.WriteAllBytes(directory, new byte[] { 1 }, overwrite: false)).Problem);
        var failed = Assert.Throws<YotiFileException>(() => AtomicFile.WriteAllBytes(directory, new byte[] { 1 }, overwrite: true));
        Assert.Equal((YotiFileProblem.WriteFailed, directory), (failed.Problem, failed.Path));
        Assert.StartsWith($"'{directory}' could not be written: ", failed.Message, StringComparison.Ordinal);
        Assert.NotNull(failed.InnerException);
        Assert.Empty(Leftovers());

        var streamed = await Assert.ThrowsAsync<YotiFileException>(() => AtomicFile.WriteStreamAsync(directory, new MemoryStream(new byte[] { 1 }), true, null, null, CancellationToken.None));
        Assert.Equal(YotiFileProblem.WriteFailed, streamed.Problem);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task WriteStreamAsync_CountsItsBytes_AndUndoesThemWhenTheContentIsRejected()
    {
        byte[] content = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        long counted = 0;
        string kept = PathOf("kept.bin");
        AtomicFileResult? result = await AtomicFile.WriteStreamAsync(kept, new MemoryStream(content), false, n => counted += n, n => n == content.Length, CancellationToken.None);
        Assert.Equal((kept, 200_000L), (result!.Path, result.Length));
        Assert.Equal(AtomicFile.Hash(content), result.Sha256);
        Assert.Equal(AtomicFile.Hash(kept), (200_000L, result.Sha256));
        Assert.Equal(200_000, counted);
        Assert.Equal(content, File.ReadAllBytes(kept));

        // Rejected by accept: null, no file, and the count given back (net zero).
        counted = 0;
        string rejected = PathOf("rejected.bin");
        Assert.Null(await AtomicFile.WriteStreamAsync(rejected, new MemoryStream(content), false, n => counted += n, _ => false, CancellationToken.None));
        Assert.False(File.Exists(rejected));
        Assert.Equal(0, counted);

        // Without overwrite an existing file is refused before anything is read.
        var source = new MemoryStream(content);
        var exists = await Assert.ThrowsAsync<YotiFileException>(() => AtomicFile.WriteStreamAsync(kept, source, false, null, null, CancellationToken.None));
        Assert.Equal(YotiFileProblem.Exists, exists.Problem);
        Assert.Equal(0, source.Position);
        Assert.Empty(Leftovers());
        await Assert.ThrowsAsync<ArgumentNullException>(() => AtomicFile.WriteStreamAsync(kept, null!, true, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task ACancellationDuringTheLastRead_LeavesNoFile()
    {
        using var cts = new CancellationTokenSource();
        string target = PathOf("cancelled.bin");
        long counted = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            AtomicFile.WriteStreamAsync(target, new CancelAtEnd(new byte[1000], cts), false, n => counted += n, null, cts.Token));
        Assert.False(File.Exists(target));
        Assert.Equal(0, counted);
        Assert.Empty(Leftovers());
    }

    /// <summary>Another writer creates the target while the content streams: without overwrite it is not clobbered.</summary>
    [Fact]
    public async Task ATargetCreatedMeanwhileIsNotReplaced()
    {
        string target = PathOf("raced.bin");
        var raced = await Assert.ThrowsAsync<YotiFileException>(() => AtomicFile.WriteStreamAsync(target, new MemoryStream(new byte[] { 1, 2 }), false, null, _ =>
        {
            File.WriteAllBytes(target, new byte[] { 7 });
            return true;
        }, CancellationToken.None));
        Assert.Equal((YotiFileProblem.Exists, $"'{target}' already exists."), (raced.Problem, raced.Message));
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(target));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void MoveNeverReplaces_AndNamesTheTargetWhenItFails()
    {
        string from = PathOf("from"), to = PathOf("to");
        File.WriteAllText(from, "a");
        File.WriteAllText(to, "b");
        var failed = Assert.Throws<YotiFileException>(() => AtomicFile.Move(from, to));
        Assert.Equal((YotiFileProblem.WriteFailed, to), (failed.Problem, failed.Path));
        Assert.Equal("b", File.ReadAllText(to));
        AtomicFile.Move(from, PathOf("moved"));
        Assert.Equal("a", File.ReadAllText(PathOf("moved")));
    }

    [Fact]
    public void PrivateFilesAndFolders_AreCreatedOwnerOnly_AndAnExistingFolderIsLeftAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permission bits
        }

        string file = PathOf("secret.bin");
        AtomicFile.WriteAllBytes(file, new byte[] { 1 }, overwrite: false);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        string nested = Path.Combine(_folder, "a", "b", "c");
        AtomicFile.CreatePrivateDirectory(nested);
        UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (string created in new[] { "a", Path.Combine("a", "b"), Path.Combine("a", "b", "c") })
        {
            Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(_folder, created)));
        }

        string shared = PathOf("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, owner | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        AtomicFile.CreatePrivateDirectory(shared);
        Assert.Equal(owner | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(shared));

        File.WriteAllText(PathOf("plain"), "x");
        var underAFile = Assert.Throws<YotiFileException>(() => AtomicFile.CreatePrivateDirectory(Path.Combine(PathOf("plain"), "sub")));
        Assert.Equal(YotiFileProblem.WriteFailed, underAFile.Problem);
    }

    [Fact]
    public void ReadAllText_DropsAByteOrderMarkOnly()
    {
        (byte[] Bytes, string Text)[] cases =
        {
            (new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' }, "a"),
            (new byte[] { 0xEF, 0xBB, 0xBF }, string.Empty),
            (Encoding.UTF8.GetBytes("abc"), "abc"),
            (Encoding.UTF8.GetBytes("ab"), "ab"),
            (new byte[] { 0xEF, 0xBB, (byte)'a', (byte)'b' }, "\uFFFDab"),
            (new byte[] { (byte)'A', 0xBB, 0xBF, (byte)'z' }, "A\uFFFD\uFFFDz"),
        };
        foreach ((byte[] bytes, string text) in cases)
        {
            string file = PathOf("text-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(file, bytes);
            Assert.Equal(text, LocalFile.ReadAllText(file, 100, "text file"));
        }
    }

    [Fact]
    public void EachRefusalSaysWhatTheFileIs()
    {
        string big = PathOf("big.pem");
        File.WriteAllBytes(big, new byte[11]);
        var tooLarge = Assert.Throws<LocalFileException>(() => LocalFile.ReadAllBytes(big, 10, "key file"));
        Assert.Equal((LocalFileProblem.TooLarge, $"The key file '{big}' is 11 bytes; at most 10 bytes are read, so it was not read."), (tooLarge.Problem, tooLarge.Message));
        Assert.Equal(11, LocalFile.ReadAllBytes(big, 11, "key file").Length);

        string missing = PathOf("missing.pem");
        Assert.Equal($"The file '{missing}' does not exist.", Assert.Throws<LocalFileException>(() => AtomicFile.Hash(missing)).Message);

        var nul = Assert.Throws<LocalFileException>(() => LocalFile.ReadAllBytes(PathOf("a\0b"), 10, "key file"));
        Assert.Equal(LocalFileProblem.Unreadable, nul.Problem);
        Assert.StartsWith($"The key file '{PathOf("a\0b")}' cannot be read: ", nul.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnUnix_SocketsBlockDevicesAndGrowingFilesAreRefused()
    {
        if (!IsUnix)
        {
            return; // Unix file types
        }

        string socketPath = PathOf("s.sock");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));
            var refused = Assert.Throws<LocalFileException>(() => LocalFile.ReadAllBytes(socketPath, 10, "key file"));
            Assert.Equal((LocalFileProblem.NotRegularFile, $"The key file '{socketPath}' is a socket, not a regular file; it was not read."), (refused.Problem, refused.Message));
        }

        // A block device where Linux has one (the loop devices); other systems may have none that can be named.
        if (File.Exists("/dev/loop0"))
        {
            Assert.Equal("The key file '/dev/loop0' is a block device, not a regular file; it was not read.", Assert.Throws<LocalFileException>(() => LocalFile.ReadAllBytes("/dev/loop0", 10, "key file")).Message);
        }

        if (!File.Exists("/proc/self/status"))
        {
            return; // no procfs (macOS)
        }

        // /proc files say they are empty and then give more: the read stops at the limit.
        var grown = Assert.Throws<LocalFileException>(() => LocalFile.ReadAllBytes("/proc/self/status", 10, "key file"));
        Assert.Equal((LocalFileProblem.TooLarge, "The key file '/proc/self/status' is larger than that; at most 10 bytes are read, so it was not read."), (grown.Problem, grown.Message));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
