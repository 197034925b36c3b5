using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using YotiIdv.Emulator;
using YotiIdv.Proof;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Test-YotiIdentityProfileReport over real loopback HTTP: the emulator signs its sample reports and serves their key set.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class TestYotiIdentityProfileReportTests : ConnectedCmdletTests
{
    private const string MultiId = "5d709d2b-1759-4f1e-8f4c-393c7ab9b596";
    private const string DoneReportMediaId = "1ad3a591-2a8c-4767-8c60-c2501402e485";
    private static readonly string Proofs = TestPaths.Fixture("extra", "report-proofs");

    public TestYotiIdentityProfileReportTests()
        : base("TestYotiIdentityProfileReportCommand", maxRetries: 1)
    {
        KeySetCache.Clear();
    }

    [Fact]
    public void EmulatorReports_VerifyOutOfTheBox_FromPipedSessionsAndReports()
    {
        var result = _host.Run(@"
            Get-YotiSession $ids | Test-YotiIdentityProfileReport
            Get-YotiIdentityProfileReport $ids[0] | Test-YotiIdentityProfileReport
            Get-YotiSession $ids | Test-YotiIdentityProfileReport -Quiet",
            ("ids", new[] { TestPaths.DoneSessionId, MultiId, TestPaths.SeedSessionId }));
        Assert.Empty(result.Errors);
        YotiReportVerification[] results = result.Objects<YotiReportVerification>();
        Assert.Equal(4, results.Length);
        Assert.All(results, r =>
        {
            Assert.True(r.Verified, r.Message);
            Assert.Null(r.Reason);
            Assert.Equal(YotiKeySource.Fetched, r.KeySource);
            Assert.Equal("EdDSA", r.Algorithm);
            Assert.Equal("yotiidv-emulator-test-only-01", r.KeyId);
            Assert.Equal(_emulator.BaseUri.AbsoluteUri.TrimEnd('/') + "/keys/yotiidv-emulator-test-only-01", r.PublicKeyUrl);
        });
        Assert.Equal(new[] { TestPaths.DoneSessionId, MultiId, TestPaths.SeedSessionId, TestPaths.DoneSessionId }, results.Select(r => r.SessionId));
        Assert.Equal("f1a5223f-2c5e-4f87-aff4-eb5887de5d88", results[0].ReportId);
        Assert.Equal(new[] { true, true, true }, result.Objects<bool>());
    }

    [Fact]
    public void SavedReports_VerifyFromFiles_AndAChangedOneIsTampered_NotAnError()
    {
        string good = Path.Combine(_folder, "good.json"), bad = Path.Combine(_folder, "bad.json");
        byte[] served = _emulator.GetServedMedia(TestPaths.DoneSessionId, DoneReportMediaId)!;
        File.WriteAllBytes(good, served);
        File.WriteAllBytes(bad, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(served).Replace("HARTLEY", "HARTLEX")));
        var result = _host.Run(@"
            Get-ChildItem $folder -Filter *.json | Sort-Object Name | Test-YotiIdentityProfileReport
            Test-YotiIdentityProfileReport -Path (Join-Path $folder 'g*.json') -Quiet
            Test-YotiIdentityProfileReport -LiteralPath $bad -Quiet", ("folder", _folder), ("bad", bad));
        Assert.Empty(result.Errors);
        YotiReportVerification[] results = result.Objects<YotiReportVerification>();
        Assert.Equal(2, results.Length);
        Assert.Equal((false, YotiReportProofReason.Tampered), (results[0].Verified, results[0].Reason!.Value));
        Assert.Equal(bad, results[0].Path);
        Assert.Null(results[0].SessionId);
        Assert.True(results[1].Verified, results[1].Message);
        Assert.Equal(new[] { true, false }, result.Objects<bool>());
    }

    [Fact]
    public void PinnedKeySet_ChecksTheSharedFixtures_WithoutAnyRequest()
    {
        long before = _emulator.Stats.RequestsReceived;
        var result = _host.Run("Test-YotiIdentityProfileReport -Path (Join-Path $dir '*.json') -JwksPath (Join-Path $dir 'test-only-fixture-01.jwks')", ("dir", Proofs));
        Assert.Empty(result.Errors);
        var byFile = result.Objects<YotiReportVerification>().ToDictionary(r => Path.GetFileName(r.Path!), r => r);
        Assert.True(byFile["signed-report.json"].Verified);
        Assert.True(byFile["signed-report-compact.json"].Verified);
        Assert.Equal(YotiReportProofReason.Tampered, byFile["tampered-name.json"].Reason);
        Assert.Equal(YotiReportProofReason.Tampered, byFile["tampered-key-url.json"].Reason);
        Assert.All(byFile.Values, r => Assert.Equal(YotiKeySource.Pinned, r.KeySource));
        Assert.Equal(before, _emulator.Stats.RequestsReceived);
    }

    /// <summary>A report naming a key set on another loopback origin (another server, another port): refused, and that server saw nothing.</summary>
    [Fact]
    public void KeySetOnAnotherOrigin_IsUntrusted_AndThatServerSeesZeroRequests_UnlessTrustedExplicitly()
    {
        using YotiIdvEmulator other = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions { DataPath = TestPaths.SampleData });
        string report = Path.Combine(_folder, "other-origin.json");
        File.WriteAllBytes(report, other.GetServedMedia(TestPaths.DoneSessionId, DoneReportMediaId)!);

        var result = _host.Run("Test-YotiIdentityProfileReport $file; Test-YotiIdentityProfileReport $file", ("file", report));
        Assert.Empty(result.Errors);
        Assert.All(result.Objects<YotiReportVerification>(), r =>
        {
            Assert.False(r.Verified);
            Assert.Equal(YotiReportProofReason.UntrustedKeySource, r.Reason);
            Assert.Null(r.KeySource);
        });
        Assert.Equal(2, result.Objects<YotiReportVerification>().Length);
        Assert.Equal(0, other.Stats.RequestsReceived);

        // Listed with -TrustedKeyOrigin, the same origin is asked once, and the key set is cached.
        var trusted = _host.Run(@"
            Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -TrustedKeyOrigin $origin
            Test-YotiIdentityProfileReport $file; Test-YotiIdentityProfileReport $file",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri),
            ("origin", other.BaseUri.GetLeftPart(UriPartial.Authority)), ("file", report));
        Assert.Empty(trusted.Errors);
        Assert.All(trusted.Objects<YotiReportVerification>(), r => Assert.True(r.Verified, r.Message));
        Assert.Equal(1, other.Stats.RequestsReceived);
    }

    /// <summary>
    /// A key set is fetched like any answer of Yoti's: the connection's size limit and timeout apply, each failure is
    /// one error record for that report (the next report asks again: a failure is never cached), and a key set that
    /// did arrive is asked for once.
    /// </summary>
    [Fact]
    public void KeySetFetches_HaveTheConnectionsLimitAndTimeout_AndOnlyASuccessIsCached()
    {
        using var keys = new Hostile.HostileServer(x => x.SendAsync(200, "application/json", new string(' ', 4096) + "{\"keys\":[]}"));
        string origin = keys.BaseUri.GetLeftPart(UriPartial.Authority);
        string report = Path.Combine(_folder, "hostile-origin.json");
        string text = Encoding.UTF8.GetString(_emulator.GetServedMedia(TestPaths.DoneSessionId, DoneReportMediaId)!);
        File.WriteAllText(report, text.Replace(_emulator.BaseUri.GetLeftPart(UriPartial.Authority), origin));
        Assert.Contains(origin + "/idverify/v1/keys/", File.ReadAllText(report), StringComparison.Ordinal);
        const string Connect = "Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -TrustedKeyOrigin $origin -MaxRetries 0 -TimeoutSec 1 -MaxResponseBytes 2048\n";
        (string Name, object? Value)[] parameters = { ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri), ("origin", origin), ("file", report) };

        // Larger than -MaxResponseBytes: refused, not retried, one error per report, and asked again for the second.
        var tooLarge = _host.Run(Connect + "Test-YotiIdentityProfileReport $file; Test-YotiIdentityProfileReport $file", parameters);
        Assert.Empty(tooLarge.Objects<YotiReportVerification>());
        Assert.Equal(2, tooLarge.Errors.Length);
        Assert.All(tooLarge.Errors, e => Assert.Equal(("YotiResponseTooLarge,YotiIdv.Commands.TestYotiIdentityProfileReportCommand", ErrorCategory.LimitsExceeded), (e.FullyQualifiedErrorId, e.CategoryInfo.Category)));
        Assert.Equal(2, keys.Requests);

        // A key set that never comes: the connection's timeout ends the wait with a timeout error.
        keys.Mode = x => System.Threading.Tasks.Task.Delay(System.Threading.Timeout.Infinite, x.Token);
        var stalled = _host.Run(Connect + "Test-YotiIdentityProfileReport $file", parameters);
        Assert.Equal(("YotiTimeout,YotiIdv.Commands.TestYotiIdentityProfileReportCommand", ErrorCategory.OperationTimeout),
            (Assert.Single(stalled.Errors).FullyQualifiedErrorId, stalled.Errors[0].CategoryInfo.Category));
        Assert.Equal(3, keys.Requests);

        // A key set that arrives is used (no Ed25519 key of that id: KeyNotFound, fetched) and asked for once.
        keys.Mode = x => x.SendAsync(200, "application/json", "{\"keys\":[]}");
        var served = _host.Run(Connect + "Test-YotiIdentityProfileReport $file; Test-YotiIdentityProfileReport $file", parameters);
        Assert.Empty(served.Errors);
        Assert.All(served.Objects<YotiReportVerification>(), r => Assert.Equal((YotiReportProofReason.KeyNotFound, YotiKeySource.Fetched), (r.Reason!.Value, r.KeySource!.Value)));
        Assert.Equal(2, served.Objects<YotiReportVerification>().Length);
        Assert.Equal(4, keys.Requests);
    }

    [Fact]
    public void ReportWithoutProof_IsNoProof_AndUnreadableInputIsAnErrorRecord()
    {
        string noProof = Path.Combine(_folder, "no-proof.json");
        File.WriteAllText(noProof, "{\"verification_report\":{\"report_id\":\"r-1\"}}");
        var result = _host.Run("Test-YotiIdentityProfileReport -LiteralPath $file, $missing", ("file", noProof), ("missing", Path.Combine(_folder, "missing.json")));
        YotiReportVerification r = Assert.Single(result.Objects<YotiReportVerification>());
        Assert.Equal((false, YotiReportProofReason.NoProof, "r-1"), (r.Verified, r.Reason!.Value, r.ReportId));
        SingleError(result, "YotiReportFileNotFound", ErrorCategory.ObjectNotFound, Path.Combine(_folder, "missing.json"));
    }

    [Fact]
    public void KeySetMissingOnTheTrustedOrigin_IsKeyNotFound()
    {
        string report = Path.Combine(_folder, "unknown-kid.json");
        string text = Encoding.UTF8.GetString(_emulator.GetServedMedia(TestPaths.DoneSessionId, DoneReportMediaId)!);
        File.WriteAllText(report, text.Replace("/keys/yotiidv-emulator-test-only-01", "/keys/retired-key"));
        var result = _host.Run("Test-YotiIdentityProfileReport $file", ("file", report));
        Assert.Empty(result.Errors);
        YotiReportVerification r = Assert.Single(result.Objects<YotiReportVerification>());
        Assert.Equal(YotiReportProofReason.KeyNotFound, r.Reason);
        Assert.Equal(YotiKeySource.Fetched, r.KeySource);
    }

    [Fact]
    public void BadJwksPath_IsOneTerminatingError()
    {
        string notJwks = Path.Combine(_folder, "not.jwks");
        File.WriteAllText(notJwks, "{\"a\":1}");
        // Statement-terminating, before any report: the try/catch sees it and nothing is output.
        const string Script = "try { Test-YotiIdentityProfileReport (Join-Path $dir '*.json') -JwksPath $jwks } catch { $_ }";
        var result = _host.Run(Script, ("dir", Proofs), ("jwks", notJwks));
        Assert.Equal("YotiInvalidKeySet,YotiIdv.Commands.TestYotiIdentityProfileReportCommand", Assert.Single(result.Output).BaseObject is ErrorRecord e ? e.FullyQualifiedErrorId : null);
        result = _host.Run(Script, ("dir", Proofs), ("jwks", Path.Combine(_folder, "none.jwks")));
        Assert.Equal("YotiKeySetFileNotFound,YotiIdv.Commands.TestYotiIdentityProfileReportCommand", Assert.Single(result.Output).BaseObject is ErrorRecord f ? f.FullyQualifiedErrorId : null);
    }

    [Fact]
    public void TrustedKeyOrigin_RefusesPlainHttpOffLoopback()
    {
        var result = _host.Run("Connect-YotiIdv -SdkId $sdk -KeyFilePath $key -ApiUrl $url -TrustedKeyOrigin 'http://keys.example.com'",
            ("sdk", TestPaths.TestSdkId), ("key", TestPaths.PrivateKeyPath), ("url", _emulator.BaseUri.AbsoluteUri));
        Assert.Equal("YotiInvalidConnection,YotiIdv.Commands.ConnectYotiIdvCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Emulator_ServesItsKeySetUnauthenticated_AndSignsReportsLikeTheFileOtherwise()
    {
        using var http = new System.Net.Http.HttpClient();
        string keySet = await http.GetStringAsync(new Uri(_emulator.BaseUri.AbsoluteUri.TrimEnd('/') + "/keys/yotiidv-emulator-test-only-01"));
        Assert.Contains("\"kty\":\"OKP\"", keySet, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", keySet, StringComparison.Ordinal); // never the private key
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(_emulator.BaseUri.AbsoluteUri.TrimEnd('/') + "/keys/other"))).StatusCode);

        // The served report is the sample file with the proof filled in: same values otherwise.
        JcsObject served = (JcsObject)JsonCanonicalizer.Parse(_emulator.GetServedMedia(TestPaths.DoneSessionId, DoneReportMediaId)!);
        JcsObject file = (JcsObject)JsonCanonicalizer.Parse(File.ReadAllBytes(Path.Combine(TestPaths.SampleData, "media", DoneReportMediaId + ".json")));
        served["proof"] = file["proof"];
        Assert.Equal(JsonCanonicalizer.Canonicalize(file), JsonCanonicalizer.Canonicalize(served));
    }

    /// <summary>The emulator's signature is what Yoti's documented verifier (jose + json-canonicalize) accepts too.</summary>
    [Fact]
    public async System.Threading.Tasks.Task EmulatorReports_VerifyWithTheIndependentJoseVerifier()
    {
        string jose = Path.Combine(TestPaths.RepoRoot, "tests", "interop", "jose");
        NodeProcess.EnsureNodeModules(jose, "jose");
        string report = Path.Combine(_folder, "report.json"), jwks = Path.Combine(_folder, "keys.jwks");
        File.WriteAllBytes(report, _emulator.GetServedMedia(MultiId, "95c08e69-95f6-4703-8712-2b70962887a6")!);
        using (var http = new System.Net.Http.HttpClient())
        {
            File.WriteAllText(jwks, await http.GetStringAsync(new Uri(_emulator.BaseUri.AbsoluteUri.TrimEnd('/') + "/keys/yotiidv-emulator-test-only-01")));
        }

        NodeProcess.Result run = NodeProcess.Run("node", jose, "sign-reports.mjs", "--verify", report, "--jwks", jwks);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("\"verified\":true", run.Output, StringComparison.Ordinal);
        File.WriteAllText(report, File.ReadAllText(report).Replace("UK_TFIDA", "UK_TFIDB"));
        Assert.Contains("\"verified\":false", NodeProcess.Run("node", jose, "sign-reports.mjs", "--verify", report, "--jwks", jwks).Output, StringComparison.Ordinal);
    }
}
