using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using YotiIdv.Emulator;
using YotiIdv.Tests.Cmdlets;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Http;

/// <summary>
/// The error table of docs/about_YotiIdv.md, parsed from the markdown: every (error id, category) pair it lists is
/// provoked for real (emulator faults, bad files, a busy port) and the error record must carry that id and that
/// category. A pair without a provocation fails, unless <see cref="NotProvoked"/> says why it cannot be provoked.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class ErrorTableTests : ConnectedCmdletTests
{
    private const string Unknown = "00000000-0000-4000-8000-000000000000";
    private const string SeedJpeg = "0cb9158b-7940-49af-a72c-bf2f9711c154";
    private const string NoContentMedia = "c0114acc-e8d3-4c93-99ac-6058e09798c2";
    private const string OngoingId = "e36241c0-7098-407f-a4a5-39b82fb54e31";
    private const string ExpiredId = "f8992779-9335-4678-adfd-3885307ceb44";
    private const string AbortedId = "26b519b1-480e-403d-935f-c6d7cc45c8f6";

    // Linux: a regular file (stat says so, size 0) whose first read fails with EIO, even for root (who can read
    // any file whatever its mode): the one real "cannot be read" a test can make without a broken disk.
    private const string Unreadable = "/proc/self/mem";

    /// <summary>Pairs that cannot be provoked from outside, with the reason.</summary>
    private static readonly Dictionary<string, string> NotProvoked = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["YotiUnexpectedError/InvalidOperation"] = "the record for an exception no code path expects: only a bug in the module produces it.",
    };

    /// <summary>One script per pair; it runs in a PowerShell connected to the emulator ($url, $sdk, $key, $dir, $sid, $emu).</summary>
    private static readonly Dictionary<string, Scenario> Scenarios = new Dictionary<string, Scenario>(StringComparer.Ordinal)
    {
        ["YotiNotConnected/ConnectionError"] = new("Disconnect-YotiIdv; Get-YotiSession $sid"),

        ["YotiInvalidKey/InvalidData"] = new("Set-Content $dir/bad.pem 'not a key'; Connect-YotiIdv -SdkId $sdk -KeyFilePath $dir/bad.pem -ApiUrl $url"),
        ["YotiInvalidKey/SecurityError"] = new(@"
            $rsa = [Security.Cryptography.RSA]::Create(2048)
            $pbe = [Security.Cryptography.PbeParameters]::new('Aes256Cbc', [Security.Cryptography.HashAlgorithmName]::SHA256, 1000)
            Set-Content $dir/encrypted.pem $rsa.ExportEncryptedPkcs8PrivateKeyPem('secret', $pbe)
            Connect-YotiIdv -SdkId $sdk -KeyFilePath $dir/encrypted.pem -ApiUrl $url"),
        ["YotiInvalidKey/ObjectNotFound"] = new("Connect-YotiIdv -SdkId $sdk -KeyFilePath $dir/missing.pem -ApiUrl $url"),
        ["YotiInvalidKey/InvalidArgument"] = new("New-Item -ItemType Directory $dir/folder.pem | Out-Null; Connect-YotiIdv -SdkId $sdk -KeyFilePath $dir/folder.pem -ApiUrl $url"),
        ["YotiInvalidKey/LimitsExceeded"] = new(Sparse("big.pem", 2) + "Connect-YotiIdv -SdkId $sdk -KeyFilePath $dir/big.pem -ApiUrl $url"),
        ["YotiInvalidKey/ReadError"] = new($"Connect-YotiIdv -SdkId $sdk -KeyFilePath '{Unreadable}' -ApiUrl $url"),

        ["YotiInvalidConnection/InvalidArgument"] = new("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl 'https://api.yoti.com/idverify/v1?x=1'"),
        ["YotiInvalidSessionId/InvalidArgument"] = new("Get-YotiSession 'bad/id'"),
        ["YotiSessionNotFound/ObjectNotFound"] = new($"Get-YotiSession {Unknown}"),
        ["YotiApplicationNotFound/ObjectNotFound"] = new("Get-YotiSession $sid", e => e.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status)
        {
            StatusCode = 404,
            Body = "{\"code\":\"APP_NOT_FOUND\",\"message\":\"The referenced application does not exist\"}",
        })),
        ["YotiAuthenticationFailed/AuthenticationError"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.Status(401))),
        ["YotiRateLimited/LimitsExceeded"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.TooManyRequests(retryAfterSeconds: 0))),
        ["YotiServiceUnavailable/ResourceUnavailable"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.Status(502))),
        ["YotiConnectionFailed/ConnectionError"] = new("Get-YotiSession $sid -MaxRetries 0", e => e.AddFault(YotiIdvFault.TruncateBody())),
        ["YotiTimeout/OperationTimeout"] = new("Get-YotiSession $sid -TimeoutSec 1 -MaxRetries 0", e => e.AddFault(YotiIdvFault.Latency(TimeSpan.FromSeconds(4)))),
        ["YotiInvalidResponse/InvalidData"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.MalformedBody())),
        ["YotiResponseTooLarge/LimitsExceeded"] = new("(Get-YotiIdvConnection).RequestOptions.MaxResponseBytes = 1024; Get-YotiSession $sid"),
        ["YotiRequestRejected/InvalidArgument"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.Status(400))),
        ["YotiRequestRejected/InvalidData"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.Status(422))),
        ["YotiRequestRejected/InvalidOperation"] = new("Get-YotiSession $sid", e => e.AddFault(YotiIdvFault.Status(405))),

        ["YotiSessionFileNotFound/ObjectNotFound"] = new("Get-YotiSession -LiteralPath $dir/missing.json"),
        ["YotiSessionFileNotFound/ReadError"] = new($"Get-YotiSession -LiteralPath '{Unreadable}'"),
        ["YotiInvalidSessionFile/InvalidData"] = new("Set-Content $dir/s.json 'not json'; Get-YotiSession -LiteralPath $dir/s.json"),
        ["YotiInvalidSessionFile/InvalidArgument"] = new("Get-YotiSession -LiteralPath $dir"),
        ["YotiInvalidSessionFile/LimitsExceeded"] = new(Sparse("s.json", 65) + "Get-YotiSession -LiteralPath $dir/s.json"),

        ["YotiIdentityProfileNotReady/ResourceUnavailable"] = new($"Get-YotiIdentityProfileReport {OngoingId}"),
        ["YotiIdentityProfileExpired/OperationStopped"] = new($"Get-YotiIdentityProfileReport {ExpiredId}"),
        ["YotiIdentityProfileMissing/ObjectNotFound"] = new("Get-YotiIdentityProfileReport ($emu.AddSession('{\"session_id\":\"2c1b0f5a-3aa0-4a0e-8b1e-1d43d5e6f7a8\",\"state\":\"COMPLETED\",\"checks\":[]}'))"),
        ["YotiIdentityProfileAborted/InvalidResult"] = new($"Get-YotiIdentityProfileReport {AbortedId}"),
        ["YotiMediaNotFound/ObjectNotFound"] = new($"Get-YotiMedia $sid {Unknown}"),
        ["YotiMediaNoContent/ResourceUnavailable"] = new($"Get-YotiMedia $sid {NoContentMedia}"),
        ["YotiOutputFileExists/ResourceExists"] = new($"Set-Content $dir/m.jpg 'mine'; Get-YotiMedia $sid {SeedJpeg} -OutFile $dir/m.jpg"),
        ["YotiOutputFileWriteFailed/WriteError"] = new($"Set-Content $dir/$sid 'a file where the session folder goes'; Get-YotiMedia $sid {SeedJpeg} -Destination $dir"),
        ["YotiInvalidMediaId/InvalidArgument"] = new("Get-YotiMedia $sid 'bad/id'"),
        ["YotiInvalidOutputPath/InvalidArgument"] = new($"Get-YotiMedia $sid {SeedJpeg} -OutFile 'Function:\\m.jpg'"),
        ["YotiInvalidParameterCombination/InvalidArgument"] = new($"Get-YotiMedia $sid {SeedJpeg} -OutFile $dir/a.jpg -Destination $dir"),
        ["YotiInvalidDocumentFields/InvalidData"] = new("ConvertFrom-YotiDocumentFields -Json '[1, 2]'"),
        ["YotiInvalidDocumentFields/InvalidArgument"] = new("ConvertFrom-YotiDocumentFields -Path $dir"),
        ["YotiInvalidDocumentFields/LimitsExceeded"] = new(Sparse("f.json", 65) + "ConvertFrom-YotiDocumentFields -Path $dir/f.json"),

        ["YotiNotificationUnauthorized/SecurityError"] = new(Notification + " | ConvertFrom-YotiNotification -Authorization 'Bearer wrong' -AuthToken 'right' -AuthType Bearer"),
        ["YotiInvalidNotification/InvalidData"] = new("'not a notification' | ConvertFrom-YotiNotification -Authorization 'Bearer right' -AuthToken 'right' -AuthType Bearer"),
        ["YotiInvalidNotificationToken/InvalidArgument"] = new(Notification + " | ConvertFrom-YotiNotification -Authorization 'Bearer x' -AuthToken '' -AuthType Bearer"),
        ["YotiNotificationListenFailed/InvalidArgument"] = new("Receive-YotiNotification -Prefix 'not a prefix' -AuthToken x -AuthType Bearer -SpoolPath $dir/spool -Timeout 5"),
        ["YotiNotificationListenFailed/ResourceUnavailable"] = new("Receive-YotiNotification -Prefix \"http://127.0.0.1:$busyPort/yoti/\" -AuthToken x -AuthType Bearer -SpoolPath $dir/spool -Timeout 5"),
        ["YotiNotificationSpoolFailed/WriteError"] = new("Set-Content $dir/spool 'a file, not a folder'; Receive-YotiNotification -Prefix \"http://127.0.0.1:$freePort/yoti/\" -AuthToken x -AuthType Bearer -SpoolPath $dir/spool -Timeout 5"),
        ["YotiWaitTimeout/OperationTimeout"] = new($"Wait-YotiSession -SessionId {OngoingId} -PollInterval 0.2 -Timeout 1"),
        ["YotiDocumentFieldsFileNotFound/ObjectNotFound"] = new("ConvertFrom-YotiDocumentFields -Path $dir/missing.json"),
        ["YotiDocumentFieldsFileNotFound/ReadError"] = new($"ConvertFrom-YotiDocumentFields -Path '{Unreadable}'"),
        ["YotiArchiveRequired/SecurityError"] = new("Remove-YotiSession $sid -RequireArchive $dir -Confirm:$false"),
        ["YotiResourceConflict/ResourceBusy"] = new("Remove-YotiSession $sid -Confirm:$false", e => e.AddFault(YotiIdvFault.Status(409))),
        ["YotiReportFileNotFound/ObjectNotFound"] = new("Test-YotiIdentityProfileReport -LiteralPath $dir/missing.json"),
        ["YotiReportFileNotFound/ReadError"] = new($"Test-YotiIdentityProfileReport -LiteralPath '{Unreadable}'"),
        ["YotiReportFileNotFound/InvalidArgument"] = new("Test-YotiIdentityProfileReport -LiteralPath $dir"),
        ["YotiReportFileNotFound/LimitsExceeded"] = new(Sparse("r.json", 65) + "Test-YotiIdentityProfileReport -LiteralPath $dir/r.json"),
        ["YotiKeySetFileNotFound/ObjectNotFound"] = new("Test-YotiIdentityProfileReport -Session (Get-YotiSession $sid) -JwksPath $dir/missing.json"),
        ["YotiKeySetFileNotFound/ReadError"] = new($"Test-YotiIdentityProfileReport -Session (Get-YotiSession $sid) -JwksPath '{Unreadable}'"),
        ["YotiInvalidKeySet/InvalidData"] = new("Set-Content $dir/k.json 'not a key set'; Test-YotiIdentityProfileReport -Session (Get-YotiSession $sid) -JwksPath $dir/k.json"),
        ["YotiInvalidKeySet/InvalidArgument"] = new("Test-YotiIdentityProfileReport -Session (Get-YotiSession $sid) -JwksPath $dir"),
        ["YotiInvalidKeySet/LimitsExceeded"] = new(Sparse("k.json", 2) + "Test-YotiIdentityProfileReport -Session (Get-YotiSession $sid) -JwksPath $dir/k.json"),
        ["YotiArchiveCorrupt/InvalidData"] = new(@"
            $saved = Save-YotiSession $sid -Destination $dir/archive
            Set-Content (Join-Path $saved.Path 'session.json') '{}'
            Save-YotiSession $sid -Destination $dir/archive"),
        ["YotiArchiveNotFound/ObjectNotFound"] = new("Test-YotiSessionArchive -LiteralPath $dir/missing"),
        ["YotiArchiveNotFound/ReadError"] = new(@"
            $saved = Save-YotiSession $sid -Destination $dir/archive
            $report = Get-ChildItem -Recurse -File $saved.Path | Where-Object Name -like '*86358d21-5943-4e80-864a-c78b3a24c275*'
            Remove-Item $report.FullName
            New-Item -ItemType SymbolicLink -Path $report.FullName -Target '" + Unreadable + @"' | Out-Null
            Get-YotiIdentityProfileReport -Path $saved.Path"),
        ["YotiEmulatorDataNotFound/ObjectNotFound"] = new("Start-YotiIdvEmulator -DataPath $dir/missing"),
        ["YotiEmulatorStartFailed/OpenError"] = new("Start-YotiIdvEmulator -DataPath $data -Port $busyPort"),
        ["YotiEmulatorStartFailed/ObjectNotFound"] = new("New-Item -ItemType Directory $dir/data/sessions | Out-Null; Start-YotiIdvEmulator -DataPath $dir/data -SdkId $sdk -PublicKeyPath $pub -Connect"),
    };

    private const string Notification = "'{\"session_id\":\"dc376625-6bec-4fc8-9740-bd06f2220c65\",\"topic\":\"session_completion\"}'";

    public ErrorTableTests()
        : base("ErrorTable", maxRetries: 1)
    {
    }

    /// <summary>The rows of the error table: error id, the categories of its Category cell (text in parentheses dropped).</summary>
    public static IReadOnlyList<(string Id, ErrorCategory[] Categories)> TableRows()
    {
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "about_YotiIdv.md"));
        var rows = new List<(string, ErrorCategory[])>();
        foreach (string line in doc.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => Regex.IsMatch(l, @"^\| Yoti\w+ \|")))
        {
            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            string categories = Regex.Replace(cells[2], @"\([^)]*\)", string.Empty);
            rows.Add((cells[1], categories.Split(';', ',').Select(c => c.Trim()).Where(c => c.Length > 0)
                .Select(c => Enum.TryParse(c, out ErrorCategory parsed) ? parsed : throw new FormatException($"'{c}' in the row of {cells[1]} is not an ErrorCategory."))
                .ToArray()));
        }

        return rows;
    }

    /// <summary>"YotiInvalidKey/ReadError": one entry per category of each row.</summary>
    public static IReadOnlyList<string> Pairs() =>
        TableRows().SelectMany(r => r.Categories.Select(c => r.Id + "/" + c)).ToList();

    public static TheoryData<string> TablePairs()
    {
        var data = new TheoryData<string>();
        foreach (string pair in Pairs())
        {
            data.Add(pair);
        }

        return data;
    }

    [Fact]
    public void TheTableParsesAndNamesEachErrorIdOnce()
    {
        var rows = TableRows();
        Assert.True(rows.Count >= 40, "the error table has " + rows.Count + " rows");
        Assert.All(rows, r => Assert.NotEmpty(r.Categories));
        Assert.Empty(rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EveryProvocationIsARowOfTheTable()
    {
        // A provocation for a pair the table no longer lists means the doc lost a row (or the test went stale).
        var pairs = Pairs().ToHashSet(StringComparer.Ordinal);
        string[] stale = Scenarios.Keys.Concat(NotProvoked.Keys).Where(k => !pairs.Contains(k)).ToArray();
        Assert.True(stale.Length == 0, "not in the error table: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryErrorIdTheModuleWritesIsInTheTable()
    {
        // The ids as the source declares them: ErrorFactory's constants, the other *ErrorId constants, and the
        // literals written straight before an ErrorCategory (new ErrorRecord(ex, "YotiX", ErrorCategory.Y, ...)).
        string source = string.Join("\n", Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).Select(File.ReadAllText));
        string factory = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "YotiIdv", "Infrastructure", "ErrorFactory.cs"));
        var ids = Regex.Matches(factory, @"const string \w+ = ""(Yoti[A-Z]\w+)""")
            .Concat(Regex.Matches(source, @"const string \w*ErrorId = ""(Yoti[A-Z]\w+)""|""(Yoti[A-Z]\w+)"",\s*ErrorCategory\."))
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(ids.Count >= 40, "found " + ids.Count + " error ids in the source");
        var documented = TableRows().Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        string[] missing = ids.Where(i => !documented.Contains(i)).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "error ids missing from the table: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(TablePairs))]
    public void EachRowOfTheErrorTableHappensWithItsIdAndCategory(string pair)
    {
        if (NotProvoked.ContainsKey(pair))
        {
            return; // listed with its reason above
        }

        Assert.True(Scenarios.TryGetValue(pair, out Scenario? scenario), $"the error table lists {pair}, but no test provokes it: add a scenario or a reason");
        scenario!.Faults?.Invoke(_emulator);
        using var busy = new TcpListener(IPAddress.Loopback, 0); // a port in use, for the listener rows
        busy.Start();
        int free = FreePort();
        var result = _host.Run(scenario.Script,
            ("url", _emulator.BaseUri.AbsoluteUri), ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("dir", _folder),
            ("sid", TestPaths.SeedSessionId), ("emu", _emulator), ("data", TestPaths.SampleData), ("pub", TestPaths.PublicKeyPath), ("busyPort", ((IPEndPoint)busy.LocalEndpoint).Port), ("freePort", free));

        string[] parts = pair.Split('/');
        ErrorRecord[] errors = result.Errors.Concat(result.Terminating is null ? Array.Empty<ErrorRecord>() : new[] { result.Terminating }).ToArray();
        string seen = string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.CategoryInfo.Category + ": " + e.Exception.Message));
        ErrorRecord error = Assert.Single(errors);
        Assert.True(error.FullyQualifiedErrorId.StartsWith(parts[0] + ",", StringComparison.Ordinal), $"expected {pair}, got {seen}");
        Assert.True(parts[1] == error.CategoryInfo.Category.ToString(), $"expected {pair}, got {seen}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Script that makes $dir/<paramref name="name"/> a sparse file of <paramref name="mebibytes"/> MiB (no disk used).</summary>
    private static string Sparse(string name, int mebibytes) =>
        $"$f = [IO.File]::Create((Join-Path $dir '{name}')); $f.SetLength({mebibytes}L * 1MB); $f.Dispose(); ";

    private sealed record Scenario(string Script, Action<YotiIdvEmulator>? Faults = null);
}
