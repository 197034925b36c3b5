using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using YotiIdv.Emulator;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Cmdlets;

/// <summary>
/// Remove-YotiSession, Remove-YotiMedia, Remove-YotiTrackedDevice over the emulator: what is sent is counted in the
/// emulator's request log, so "-WhatIf sends nothing" and "one DELETE per item" are facts, not assumptions.
/// </summary>
[Collection(ConnectionStateCollection.Name)]
public sealed class RemoveCommandsApiTests : ConnectedCmdletTests
{
    private const string Seed = TestPaths.SeedSessionId;
    private const string Done = TestPaths.DoneSessionId;
    private const string Ongoing = "e36241c0-7098-407f-a4a5-39b82fb54e31";
    private const string Unknown = "00000000-0000-4000-8000-000000000000";
    private const string SeedJpeg = "0cb9158b-7940-49af-a72c-bf2f9711c154";
    private const string SeedPng = "323eda4e-c32a-4d4b-9ee9-1fbfe9701000";

    public RemoveCommandsApiTests()
        : base("RemoveYotiSessionCommand")
    {
    }

    private int Deletes => _emulator.CountRequests("DELETE");

    [Fact]
    public void WhatIf_SendsNoDeleteForAnyCommand()
    {
        var result = _host.Run(@"
            $s, $d | Remove-YotiSession -WhatIf
            Get-YotiSession $s | Remove-YotiSession -WhatIf -Force
            Remove-YotiMedia -SessionId $s -MediaId $m1, $m2 -WhatIf
            Remove-YotiTrackedDevice -SessionId $d -WhatIf
            $WhatIfPreference = $true
            Remove-YotiSession $s -Force",
            ("s", Seed), ("d", Done), ("m1", SeedJpeg), ("m2", SeedPng));

        Assert.Empty(result.Errors);
        Assert.Null(result.Terminating);
        Assert.Equal(0, Deletes);
        Assert.Equal(12, _emulator.SessionIds.Count);
    }

    [Fact]
    public void AConfirmationNobodyCanAnswer_SendsNoDelete()
    {
        // No host to ask: ShouldProcess fails (HostFunctionNotImplemented) before anything is queued (ConfirmImpact High meets the default $ConfirmPreference).
        var result = _host.Run("Remove-YotiSession -SessionId $s", ("s", Seed));
        var explicitConfirm = _host.Run("Remove-YotiMedia $s $m -Force -Confirm", ("s", Seed), ("m", SeedJpeg));

        ErrorRecord[] errors = result.Errors.Concat(explicitConfirm.Errors).Concat(new[] { result.Terminating, explicitConfirm.Terminating }.OfType<ErrorRecord>()).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.StartsWith("HostFunctionNotImplemented,", e.FullyQualifiedErrorId, System.StringComparison.Ordinal));
        Assert.Equal(0, Deletes);
    }

    [Fact]
    public void ADeclinedConfirmation_SendsNoDelete()
    {
        var host = new AnsweringHost("No");
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { typeof(YotiIdv.Commands.RemoveYotiSessionCommand).Assembly.Location });
        using Runspace runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript("$args[0] | Remove-YotiSession; Remove-YotiMedia $args[1] $args[2]; Remove-YotiTrackedDevice $args[1]")
            .AddArgument(new[] { Seed, Done }).AddArgument(Seed).AddArgument(SeedJpeg);

        shell.Invoke();

        Assert.False(shell.HadErrors);
        Assert.Equal(4, host.Prompts);
        Assert.Equal(0, Deletes);
    }

    [Fact]
    public void ForceAndConfirmFalse_SendExactlyOneDeletePerItem_ThenTheItemsAreGone()
    {
        var result = _host.Run(@"
            Remove-YotiSession -SessionId $d -Force
            Remove-YotiMedia -SessionId $s -MediaId $m1, $m2 -Confirm:$false",
            ("s", Seed), ("d", Done), ("m1", SeedJpeg), ("m2", SeedPng));
        Assert.Empty(result.Errors);
        Assert.Equal(3, Deletes);
        Assert.Equal(1, _emulator.CountRequests("DELETE", "/sessions/" + Done));

        var after = _host.Run("Get-YotiSession $d; Get-YotiMedia $s $m1", ("s", Seed), ("d", Done), ("m1", SeedJpeg));
        Assert.Equal(new[] { "YotiSessionNotFound,YotiIdv.Commands.GetYotiSessionCommand", "YotiMediaNotFound,YotiIdv.Commands.GetYotiMediaCommand" },
            after.Errors.Select(e => e.FullyQualifiedErrorId));
    }

    [Fact]
    public void UnknownIdsAreNotFoundErrors_AndThePipelineGoesOn()
    {
        var result = _host.Run("$u, $d, 'not/an/id' | Remove-YotiSession -Force; 'after'", ("u", Unknown), ("d", Done));

        Assert.Equal(new[] { "YotiSessionNotFound", "YotiInvalidSessionId" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(Unknown, result.Errors[0].TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        Assert.Equal(2, Deletes); // the invalid id is never sent
        Assert.DoesNotContain(Done, _emulator.SessionIds);
    }

    /// <summary>A DELETE is idempotent: a 503 (or a dropped connection) is retried, once per command here, and the item is gone.</summary>
    [Fact]
    public void ATransientFailureOfADelete_IsRetried_AndTheItemIsGone()
    {
        _emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status) { StatusCode = 503, Method = "DELETE", PathPattern = "*/sessions/" + Seed, Count = 1 });
        _emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.DropConnection) { Method = "DELETE", PathPattern = "*/media/*", Count = 1 });
        _emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status) { StatusCode = 502, Method = "DELETE", PathPattern = "*/tracked-devices", Count = 1 });
        var result = _host.Run(@"
            Remove-YotiMedia $d $m -Force
            Remove-YotiTrackedDevice $d -Force
            Remove-YotiSession $s -Force
            Get-YotiSession $s; Get-YotiTrackedDevice $d", ("s", Seed), ("d", Seed), ("m", SeedJpeg));

        Assert.Equal(6, Deletes); // 3 commands, each 1 failed + 1 successful DELETE
        Assert.Equal(new[] { "YotiSessionNotFound", "YotiSessionNotFound" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.DoesNotContain(Seed, _emulator.SessionIds);
    }

    [Fact]
    public void UnknownMediaAndDeviceIds_AreNotFoundErrors_AndThePipelineGoesOn()
    {
        var result = _host.Run(@"
            Remove-YotiMedia $s $u -Force; 'after media'
            Remove-YotiTrackedDevice $u -Force; 'after devices'", ("s", Seed), ("u", Unknown));

        Assert.Equal(new[] { "after media", "after devices" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
        Assert.All(result.Errors, e => Assert.Equal(Unknown, e.TargetObject));
        Assert.Equal(2, Deletes);
        Assert.Contains(Seed, _emulator.SessionIds);
    }

    [Fact]
    public void PipedSessionsAndArchiveResults_AreDeletedByTheirSessionId()
    {
        var result = _host.Run(@"
            Get-YotiSession $s | Remove-YotiSession -Force
            [pscustomobject]@{ SessionId = $d; Path = '/archive/x'; Verified = $true } | Remove-YotiSession -Force",
            ("s", Seed), ("d", Done));

        Assert.Empty(result.Errors);
        Assert.Equal(2, Deletes);
        Assert.Equal(1, _emulator.CountRequests("GET")); // the piped session is not fetched again
        Assert.DoesNotContain(Seed, _emulator.SessionIds);
        Assert.DoesNotContain(Done, _emulator.SessionIds);
    }

    [Fact]
    public void PipedMediaReferences_AreDeletedOneEach()
    {
        var result = _host.Run(@"
            (Get-YotiSession $s).GetAllMedia() | Select-Object -First 3 | Remove-YotiMedia -Force
            (Get-YotiSession $s).GetAllMedia() | Select-Object -First 3 | Get-YotiMedia",
            ("s", Seed));

        Assert.Equal(3, Deletes);
        Assert.Equal(3, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.StartsWith("YotiMediaNotFound,", e.FullyQualifiedErrorId, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Conflict409_IsItsOwnError_AndIsNotRetried()
    {
        _emulator.AddFault(new YotiIdvFault(YotiIdvFaultKind.Status) { StatusCode = 409, Method = "DELETE", PathPattern = "*/media/*" });
        var result = _host.Run("Remove-YotiSession $o -Force; Remove-YotiMedia $s $m -Force", ("o", Ongoing), ("s", Seed), ("m", SeedJpeg));

        Assert.Equal(2, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.StartsWith("YotiResourceConflict,", e.FullyQualifiedErrorId, System.StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ResourceBusy, e.CategoryInfo.Category));
        Assert.Equal(Ongoing, result.Errors[0].TargetObject);
        Assert.Equal(SeedJpeg, result.Errors[1].TargetObject);
        Assert.Contains("SESSION_NOT_COMPLETED", result.Errors[0].ErrorDetails.Message, System.StringComparison.Ordinal);
        Assert.Equal(2, Deletes);
        Assert.Contains(Ongoing, _emulator.SessionIds);
    }

    [Fact]
    public void TrackedDevices_AreDeletedOnce_ThenNotFound()
    {
        var result = _host.Run("Remove-YotiTrackedDevice $d -Force; Get-YotiTrackedDevice $d; Remove-YotiTrackedDevice $d -Force", ("d", Done));

        Assert.Equal(2, Deletes);
        Assert.Equal(2, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
        Assert.Contains(Done, _emulator.SessionIds); // the session itself stays
    }
}
