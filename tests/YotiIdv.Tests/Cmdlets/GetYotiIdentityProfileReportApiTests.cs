using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using YotiIdv.Emulator;
using YotiIdv.Model;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>Get-YotiIdentityProfileReport over real loopback HTTP against the emulator and its sample data.</summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class GetYotiIdentityProfileReportApiTests : ConnectedCmdletTests
{
    private const string Command = ",YotiIdv.Commands.GetYotiIdentityProfileReportCommand";
    private const string AbortedId = "26b519b1-480e-403d-935f-c6d7cc45c8f6";
    private const string OngoingId = "e36241c0-7098-407f-a4a5-39b82fb54e31";
    private const string ExpiredId = "f8992779-9335-4678-adfd-3885307ceb44";
    private const string MultiId = "5d709d2b-1759-4f1e-8f4c-393c7ab9b596";
    public GetYotiIdentityProfileReportApiTests()
        : base("GetYotiIdentityProfileReportCommand", maxRetries: 2)
    {
    }

    /// <summary>The report as the emulator serves it: the sample file, signed for the emulator's origin (TEST-ONLY report key).</summary>
    private string Served(string sessionId, string mediaId) => System.Text.Encoding.UTF8.GetString(_emulator.GetServedMedia(sessionId, mediaId)!);

    [Fact]
    public void SeedAdvancedProfileReport()
    {
        var result = _host.Run("Get-YotiIdentityProfileReport $id", ("id", TestPaths.SeedSessionId));
        Assert.Empty(result.Errors);
        YotiProfileReport r = Assert.Single(result.Objects<YotiProfileReport>());
        Assert.Equal(TestPaths.SeedSessionId, r.SessionId);
        Assert.Equal("86358d21-5943-4e80-864a-c78b3a24c275", r.MediaId);
        Assert.Equal("advanced_identity_profile", r.ProfileType);
        Assert.Equal("DONE", r.Result);
        Assert.Equal("YOTI_GLOBAL", r.TrustFramework);
        Assert.Equal("IDENTITY AL_M1", r.Scheme); // the session's summary
        Assert.Equal("EXAMPLEALL1", Assert.Single(r.SchemesCompliance).Label);
        Assert.True(r.RequirementsMet);
        Assert.Equal("JANE SAMPLE DOE", r.FullName);
        Assert.Equal("1988-12-01", r.DateOfBirth);
        Assert.Equal("00000000-0000-4000-8000-000000000001", Assert.Single(r.VerificationReports).ReportId);
        Assert.Equal(Served(r.SessionId, r.MediaId), r.GetRawJson());
    }

    [Fact]
    public void PlainProfileReportMatchesTheFixture()
    {
        var result = _host.Run("Get-YotiIdentityProfileReport -SessionId $id", ("id", TestPaths.DoneSessionId));
        Assert.Empty(result.Errors);
        YotiProfileReport r = Assert.Single(result.Objects<YotiProfileReport>());
        Assert.Equal("identity_profile", r.ProfileType);
        Assert.Equal("UK_TFIDA", r.TrustFramework);
        Assert.Equal("DBS BASIC, RTW", r.Scheme);
        Assert.Equal("AMELIA ROSE HARTLEY", r.FullName);
        Assert.Equal("MEDIUM", r.LevelOfAssurance);
        Assert.Equal(2, r.VerificationReports[0].Evidence!.Documents.Count);
        Assert.Equal(Served(r.SessionId, r.MediaId), r.GetRawJson());
    }

    [Fact]
    public void MultiFrameworkReportWithRequirementsNotMet()
    {
        var result = _host.Run("Get-YotiIdentityProfileReport $id", ("id", MultiId));
        Assert.Empty(result.Errors);
        YotiProfileReport r = Assert.Single(result.Objects<YotiProfileReport>());
        Assert.Equal("UK_TFIDA, YOTI_GLOBAL", r.TrustFramework);
        Assert.False(r.RequirementsMet);
        Assert.Equal("DBS STANDARD (INSUFFICIENT_ACTIVITY_HISTORY)", r.RequirementsNotMet);
        YotiReportSchemeCompliance dbs = r.SchemesCompliance.Single(s => s.SchemeType == "DBS");
        Assert.Equal(("UK_TFIDA", "STANDARD", "dbs-standard", (bool?)false), (dbs.TrustFramework, dbs.Objective, dbs.Label, dbs.RequirementsMet));
        Assert.Equal(new[] { "UK_TFIDA", "YOTI_GLOBAL" }, r.VerificationReports.Select(v => v.TrustFramework));
        Assert.Equal("CIARAN PATRICK O'BRIEN", r.FullName);
    }

    [Fact]
    public void AbortedProfileIsAnErrorWithTheReasonOnTheTarget()
    {
        var result = _host.Run("Get-YotiIdentityProfileReport $id", ("id", AbortedId));
        ErrorRecord error = SingleError(result, "YotiIdentityProfileAborted", ErrorCategory.InvalidResult);
        var target = Assert.IsType<YotiIdentityProfileUnavailable>(error.TargetObject);
        Assert.Equal((AbortedId, "COMPLETED", "ABORTED", "UNABLE_TO_VALIDATE_DOCUMENT"), (target.SessionId, target.State, target.ProfileResult, target.ReasonCode));
        Assert.Equal(new[] { "338edf05-32ba-4977-ae17-2a66cf3c13f4", "341b6419-66ea-485a-927a-1931b0b665dc" }, target.RequirementsNotMetDetails.Select(d => d.AuditId));
        Assert.Contains("UNABLE_TO_VALIDATE_DOCUMENT", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("PARTIAL_PHOTO", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
        Assert.Equal(1, _emulator.Stats.RequestsReceived); // no media request
    }

    [Theory]
    [InlineData(OngoingId, "YotiIdentityProfileNotReady", ErrorCategory.ResourceUnavailable, "ONGOING")]
    [InlineData(ExpiredId, "YotiIdentityProfileExpired", ErrorCategory.OperationStopped, "EXPIRED")]
    [InlineData("2c1b0f5a-3aa0-4a0e-8b1e-1d43d5e6f7a8", "YotiIdentityProfileMissing", ErrorCategory.ObjectNotFound, "COMPLETED")]
    public void SessionsWithoutAProfileSayWhy(string id, string errorId, ErrorCategory category, string state)
    {
        if (state == "COMPLETED")
        {
            id = _emulator.AddSession($"{{\"session_id\":\"{id}\",\"state\":\"COMPLETED\",\"checks\":[]}}");
        }

        var result = _host.Run("Get-YotiIdentityProfileReport $id", ("id", id));
        ErrorRecord error = SingleError(result, errorId, category);
        var target = Assert.IsType<YotiIdentityProfileUnavailable>(error.TargetObject);
        Assert.Equal(state, target.State);
        Assert.Equal(id, target.ToString());
        Assert.Contains(id, error.ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PipedSessionsAreNotFetchedAgainAndIdsBindFromCsvRows()
    {
        var result = _host.Run(@"
            $s = Get-YotiSession $ids
            $before = $emu.Stats.RequestsReceived
            $s | Get-YotiIdentityProfileReport
            $emu.Stats.RequestsReceived - $before
            [pscustomobject]@{ session_id = $ids[0] } | Get-YotiIdentityProfileReport",
            ("ids", new[] { TestPaths.SeedSessionId, TestPaths.DoneSessionId }), ("emu", _emulator));
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { TestPaths.SeedSessionId, TestPaths.DoneSessionId, TestPaths.SeedSessionId }, result.Objects<YotiProfileReport>().Select(r => r.SessionId));
        Assert.Equal(2L, result.Output[2].BaseObject); // only the two media downloads
    }

    [Fact]
    public void UnknownSessionAndInvalidIdKeepTheirPlaceInTheOutput()
    {
        var result = _host.Run("$ids | Get-YotiIdentityProfileReport -ErrorAction SilentlyContinue -ErrorVariable errs; $errs",
            ("ids", new[] { "00000000-0000-4000-8000-000000000000", "bad/id", TestPaths.DoneSessionId }));
        Assert.Equal(TestPaths.DoneSessionId, Assert.Single(result.Objects<YotiProfileReport>()).SessionId);
        var errors = result.Objects<ErrorRecord>();
        Assert.Equal(new[] { "YotiSessionNotFound" + Command, "YotiInvalidSessionId" + Command }, errors.Select(e => e.FullyQualifiedErrorId));
    }

    [Fact]
    public void MissingAndEmptyReportMediaFailLikeAnyMedia()
    {
        const string id404 = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
        const string id204 = "8e2f3a41-5b6c-4d7e-9f0a-1b2c3d4e5f60";
        string Session(string id, string media) =>
            $"{{\"session_id\":\"{id}\",\"state\":\"COMPLETED\",\"identity_profile\":{{\"result\":\"DONE\",\"identity_profile_report\":{{\"trust_framework\":\"UK_TFIDA\",\"schemes_compliance\":[],\"media\":{{\"id\":\"{media}\",\"type\":\"JSON\"}}}}}}}}";
        _emulator.AddSession(Session(id404, "0f0e0d0c-0b0a-4909-8807-060504030201"));
        _emulator.AddSession(Session(id204, "1f1e1d1c-1b1a-4919-9817-161514131211"));
        _emulator.AddMedia("1f1e1d1c-1b1a-4919-9817-161514131211", null);

        var result = _host.Run("Get-YotiIdentityProfileReport $ids -ErrorAction SilentlyContinue -ErrorVariable errs; $errs", ("ids", new[] { id404, id204 }));
        var errors = result.Objects<ErrorRecord>();
        Assert.Equal(new[] { "YotiMediaNotFound" + Command, "YotiMediaNoContent" + Command }, errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal(new object[] { id404, id204 }, errors.Select(e => e.TargetObject));
        Assert.Equal(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.ResourceUnavailable }, errors.Select(e => e.CategoryInfo.Category));
    }

    [Fact]
    public void TruncatedReportIsRetried()
    {
        _emulator.AddFault(YotiIdvFault.TruncateBody("*/media/*", count: 1));
        var result = _host.Run("Get-YotiIdentityProfileReport $id", ("id", TestPaths.DoneSessionId));
        Assert.Empty(result.Errors);
        Assert.Equal("AMELIA ROSE HARTLEY", Assert.Single(result.Objects<YotiProfileReport>()).FullName);
    }

    [Fact]
    public void RawAndOutFileGiveTheJsonExactlyAsReceived()
    {
        string file = Path.Combine(_folder, "report.json");
        var result = _host.Run(@"
            Get-YotiIdentityProfileReport $id -Raw
            Get-YotiIdentityProfileReport $id -OutFile $file
            Get-YotiIdentityProfileReport $id -OutFile $file -ErrorAction SilentlyContinue -ErrorVariable exists
            $exists
            Get-YotiIdentityProfileReport $id -OutFile $file -Force -PassThru
            Get-YotiIdentityProfileReport $id -OutFile $dir",
            ("id", TestPaths.DoneSessionId), ("file", file), ("dir", _folder));
        // As received: the emulator serves the sample report signed for its own origin (TEST-ONLY report key).
        byte[] expected = _emulator.GetServedMedia(TestPaths.DoneSessionId, "1ad3a591-2a8c-4767-8c60-c2501402e485")!;
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), Assert.Single(result.Objects<string>()));
        Assert.Equal(expected, File.ReadAllBytes(file));
        ErrorRecord exists = Assert.Single(result.Objects<ErrorRecord>());
        Assert.Equal("YotiOutputFileExists" + Command, exists.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, exists.CategoryInfo.Category);
        Assert.Single(result.Objects<YotiProfileReport>()); // only with -PassThru
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(_folder, TestPaths.DoneSessionId + "_1ad3a591-2a8c-4767-8c60-c2501402e485.json")));
        Assert.Equal(2, Directory.GetFiles(_folder).Length); // no temporary files left
    }

    [Fact]
    public void OneOutFileNeverHoldsTwoSessionsReports()
    {
        string file = Path.Combine(_folder, "reports.json");
        var result = _host.Run("$ids | Get-YotiIdentityProfileReport -OutFile $file -Force",
            ("ids", new[] { TestPaths.DoneSessionId, MultiId }), ("file", file));
        ErrorRecord error = SingleError(result, "YotiOutputFileExists", ErrorCategory.ResourceExists);
        Assert.Equal(MultiId, error.TargetObject);
        Assert.Equal(Served(TestPaths.DoneSessionId, "1ad3a591-2a8c-4767-8c60-c2501402e485"), File.ReadAllText(file));
    }

    [Fact]
    public void AnUnusableOutFileIsRefusedBeforeAnyRequestAndWhatIfDownloadsNothing()
    {
        long before = _emulator.Stats.RequestsReceived;
        var result = _host.Run("Get-YotiIdentityProfileReport $id -OutFile 'Env:/report.json'", ("id", TestPaths.DoneSessionId));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("YotiInvalidOutputPath" + Command, error.FullyQualifiedErrorId);
        Assert.Equal(before, _emulator.Stats.RequestsReceived);

        string file = Path.Combine(_folder, "whatif.json");
        result = _host.Run("Get-YotiIdentityProfileReport $id -OutFile $file -WhatIf", ("id", TestPaths.DoneSessionId), ("file", file));
        Assert.Empty(result.Errors);
        Assert.False(File.Exists(file));
        Assert.Equal(before, _emulator.Stats.RequestsReceived);
    }
}
