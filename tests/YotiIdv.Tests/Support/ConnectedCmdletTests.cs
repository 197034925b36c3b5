using System;
using System.IO;
using System.Management.Automation;
using YotiIdv.Emulator;

namespace YotiIdv.Tests.Support;

/// <summary>
/// The setting of every cmdlet test over real HTTP: an emulator over the sample data, an in-process PowerShell
/// connected to it with fast retries, a scratch folder, and an assertion for a single error record.
/// </summary>
public abstract class ConnectedCmdletTests : IDisposable
{
    private readonly string _commandClass;

    protected ConnectedCmdletTests(string commandClass, int maxRetries = 3)
    {
        _commandClass = commandClass;
        _emulator = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions { DataPath = TestPaths.SampleData });
        Directory.CreateDirectory(_folder);
        Connect(TestPaths.PrivateKeyPath, maxRetries);
    }

#pragma warning disable SA1401, CA1051 // test fixtures: plain protected fields keep the tests short
    protected readonly PowerShellHost _host = new PowerShellHost();
    protected readonly YotiIdvEmulator _emulator;
    protected readonly string _folder = Path.Combine(Path.GetTempPath(), "yoti-test-" + Guid.NewGuid().ToString("N"));
#pragma warning restore SA1401, CA1051

    /// <summary>Connects the host to the emulator with <paramref name="keyPath"/> (another key makes every request fail).</summary>
    protected void Connect(string keyPath, int maxRetries = 3)
    {
        var result = _host.Run(@"
            $c = Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -MaxRetries $retries -TimeoutSec 5 -PassThru
            $c.RequestOptions.RetryBaseDelay = [timespan]::FromMilliseconds(5)
            $c.RequestOptions.RetryMaxDelay = [timespan]::FromMilliseconds(1500)",
            ("sdk", TestPaths.TestSdkId), ("key", keyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("retries", maxRetries));
        Assert.Empty(result.Errors);
    }

    /// <summary>Asserts exactly one error record with this id and category (and target, when given) and returns it.</summary>
    protected ErrorRecord SingleError(PowerShellHost.Result result, string errorId, ErrorCategory category, object? target = null)
    {
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal(errorId + ",YotiIdv.Commands." + _commandClass, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        if (target != null)
        {
            Assert.Equal(target, error.TargetObject);
        }

        return error;
    }

    public void Dispose()
    {
        _host.Run("Disconnect-YotiIdv");
        _host.Dispose();
        _emulator.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
