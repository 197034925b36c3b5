using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Hostile;

/// <summary>
/// Hostile local files (issue #10, the key-file rows): FIFOs, devices, directories and huge files are refused
/// before reading with a clear error naming what the path is; a key others can read gives one warning.
/// Each command runs with a generous bound that only catches a hang (a FIFO used to block forever).
/// </summary>
public sealed class HostileLocalFileTests : IDisposable
{
    private readonly PowerShellHost _host = new PowerShellHost();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yoti-files-" + Guid.NewGuid().ToString("N"));

    public HostileLocalFileTests() => Directory.CreateDirectory(_folder);

    private static bool OnUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private PowerShellHost.Result RunBounded(string script, params (string Name, object? Value)[] variables)
    {
        Task<PowerShellHost.Result> run = Task.Run(() => _host.Run(script, variables));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the command hung");
        return run.Result;
    }

    private string Fifo()
    {
        string path = Path.Combine(_folder, "key.fifo");
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private string Sparse(string name, long size)
    {
        string path = Path.Combine(_folder, name);
        using var file = new FileStream(path, FileMode.CreateNew);
        file.SetLength(size);
        return path;
    }

    private ErrorRecord ConnectFails(string keyPath, ErrorCategory category, string says)
    {
        var result = RunBounded("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl http://127.0.0.1:9/v1", ("sdk", TestPaths.TestSdkId), ("key", keyPath));
        ErrorRecord error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.StartsWith("YotiInvalidKey,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(keyPath, error.Exception.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void AKeyFileThatIsAFifoIsRefusedWithoutBlocking()
    {
        if (!OnUnix)
        {
            return;
        }

        ConnectFails(Fifo(), ErrorCategory.InvalidArgument, "is a FIFO");
    }

    [Fact]
    public void AKeyFileThatIsADeviceIsRefused()
    {
        if (!OnUnix)
        {
            return;
        }

        ConnectFails("/dev/zero", ErrorCategory.InvalidArgument, "is a character device");
    }

    [Fact]
    public void AKeyFileThatIsADirectoryIsRefused() => ConnectFails(_folder, ErrorCategory.InvalidArgument, "is a directory");

    [Fact]
    public void AHugeKeyFileIsRefusedBeforeReading() =>
        ConnectFails(Sparse("huge.pem", 300L * 1024 * 1024), ErrorCategory.LimitsExceeded, "at most 1048576 bytes");

    [Fact]
    public void AKeyOthersCanReadGivesOneWarningPerConnectionSayingHowToFixIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string key = Path.Combine(_folder, "app.pem");
        File.Copy(TestPaths.PrivateKeyPath, key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var shell = _host.CreateShell();
        shell.AddScript("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl http://127.0.0.1:9/v1; Get-YotiIdvConnection | Out-Null; Disconnect-YotiIdv");
        _host.Run("$null", ("sdk", TestPaths.TestSdkId), ("key", key));
        shell.Invoke();
        WarningRecord warning = Assert.Single(shell.Streams.Warning);
        Assert.Contains("0644", warning.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", warning.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var quiet = _host.CreateShell();
        quiet.AddScript("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl http://127.0.0.1:9/v1; Disconnect-YotiIdv");
        quiet.Invoke();
        Assert.Empty(quiet.Streams.Warning);
        Assert.Empty(quiet.Streams.Error);
    }

    public static TheoryData<string> SessionPathCases() => new TheoryData<string> { "fifo", "device", "directory", "huge" };

    [Theory]
    [MemberData(nameof(SessionPathCases))]
    public void SessionFilesGetTheSameChecks(string kind) => LocalInputIsChecked(kind, "Get-YotiSession -LiteralPath", "YotiInvalidSessionFile");

    [Theory]
    [MemberData(nameof(SessionPathCases))]
    public void DocumentFieldsFilesGetTheSameChecks(string kind) => LocalInputIsChecked(kind, "ConvertFrom-YotiDocumentFields -Path", "YotiInvalidDocumentFields");

    private void LocalInputIsChecked(string kind, string command, string errorId)
    {
        if (!OnUnix && kind is "fifo" or "device")
        {
            return;
        }

        string path = kind switch
        {
            "fifo" => Fifo(),
            "device" => "/dev/zero",
            "directory" => _folder,
            _ => Sparse("huge.json", 100L * 1024 * 1024),
        };
        var result = RunBounded(command + " $p; 'after'", ("p", path));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("after", result.Output.Last().BaseObject);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(kind == "huge" ? ErrorCategory.LimitsExceeded : ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(path, error.Exception.Message, StringComparison.Ordinal);
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
