using System;
using System.IO;
using System.Text.Json;
using YotiIdv.Emulator;

using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Emulator;

/// <summary>
/// Issue requirement: the emulator accepts requests signed by the official Yoti Node SDK and rejects a wrong key
/// and a replayed nonce. Runs tests/interop/node/idv-interop.js (see the README there) against an in-process emulator.
/// Needs node and npm on PATH.
/// </summary>
public sealed class NodeSdkInteropTests
{
    private static readonly string InteropFolder = Path.Combine(TestPaths.RepoRoot, "tests", "interop", "node");

    [Fact]
    public void OfficialNodeSdk_IsAcceptedAndWrongKeyAndReplayAreRejected()
    {
        NodeProcess.EnsureNodeModules(InteropFolder, "yoti");
        using YotiIdvEmulator emulator = YotiIdvEmulator.Start(new YotiIdvEmulatorOptions { DataPath = TestPaths.SampleData });

        NodeProcess.Result result = NodeProcess.Run("node", InteropFolder, "idv-interop.js",
            "--base-url", emulator.BaseUri.ToString(),
            "--sdk-id", TestPaths.TestSdkId,
            "--key", Path.Combine(TestPaths.SampleData, "keys", "test-only-private-key.pem"),
            "--session-id", TestPaths.DoneSessionId,
            "--media-id", "6e91467a-0998-4868-b9ac-703006f3500d",
            "--delete-session-id", TestPaths.SeedSessionId,
            "--delete-media-id", "0cb9158b-7940-49af-a72c-bf2f9711c154");

        Assert.True(result.ExitCode == 0, "idv-interop.js failed:\n" + result.Output + "\n" + result.Error);
        using JsonDocument summary = JsonDocument.Parse(result.Output);
        JsonElement steps = summary.RootElement.GetProperty("steps");
        Assert.True(summary.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(TestPaths.DoneSessionId, steps.GetProperty("getSession").GetProperty("sessionId").GetString());
        Assert.Equal("COMPLETED", steps.GetProperty("getSession").GetProperty("state").GetString());
        Assert.Equal("application/json", steps.GetProperty("getMediaContent").GetProperty("mimeType").GetString());
        Assert.Equal(401, steps.GetProperty("wrongKeyRejected").GetProperty("status").GetInt32());
        Assert.Equal("INVALID_SIGNATURE", steps.GetProperty("wrongKeyRejected").GetProperty("code").GetString());
        Assert.Equal(401, steps.GetProperty("replayRejected").GetProperty("secondStatus").GetInt32());
        Assert.Equal("NONCE_REUSED", steps.GetProperty("replayRejected").GetProperty("secondCode").GetString());
        Assert.Equal(2, emulator.Stats.RequestsRejected); // wrong key + replay

        // The lifecycle endpoints, read through the SDK's own response classes (spec 3.3-3.7).
        JsonElement configuration = steps.GetProperty("getSessionConfiguration");
        Assert.Equal(TestPaths.DoneSessionId, configuration.GetProperty("sessionId").GetString());
        Assert.Equal("NOT_REQUIRED", configuration.GetProperty("biometricConsent").GetString());
        Assert.Equal(4, configuration.GetProperty("requiredResources").GetArrayLength());
        Assert.Equal(1, configuration.GetProperty("idDocuments").GetInt32());
        Assert.Equal(4, steps.GetProperty("getSessionTrackedDevices").GetProperty("events").GetArrayLength());
        Assert.Equal("iOS", steps.GetProperty("getSessionTrackedDevices").GetProperty("firstOs").GetString());
        Assert.Equal(6, steps.GetProperty("getSupportedDocuments").GetProperty("latinDocuments").GetInt32());
        Assert.Equal(8, steps.GetProperty("getSupportedDocuments").GetProperty("allDocuments").GetInt32());
        Assert.Equal(404, steps.GetProperty("deleteSession").GetProperty("statusAfter").GetInt32());
        Assert.Equal(2, emulator.CountRequests("DELETE"));
        Assert.DoesNotContain(TestPaths.SeedSessionId, emulator.SessionIds);
        Assert.Contains(emulator.RequestLog, r => r.Path == "/supported-documents" && r.Signed && r.Parameters.ContainsKey("includeNonLatin"));
    }
}
