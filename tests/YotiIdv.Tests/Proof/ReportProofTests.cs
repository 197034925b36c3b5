using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Proof;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Proof;

/// <summary>
/// Report proofs (spec 5.5) against reports signed by others: the shared fixtures, and reports signed by an
/// independent implementation (tests/interop/jose: Node jose + json-canonicalize, as Yoti's docs do it).
/// </summary>
public sealed class ReportProofTests
{
    private static readonly string Proofs = TestPaths.Fixture("extra", "report-proofs");
    private static readonly string JoseFolder = Path.Combine(TestPaths.RepoRoot, "tests", "interop", "jose");

    private static YotiReportVerification CheckPinned(byte[] report, byte[] jwks) =>
        new ReportProofChecker(jwks).CheckAsync(ReportProof.Read(report), null, null, null, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("signed-report.json", true, null)]
    [InlineData("signed-report-compact.json", true, null)]
    [InlineData("tampered-name.json", false, YotiReportProofReason.Tampered)]
    [InlineData("tampered-key-url.json", false, YotiReportProofReason.Tampered)] // the URL is signed too
    public void SharedFixtures_GiveTheRightAnswer_WithThePinnedKeySet(string file, bool verified, YotiReportProofReason? reason)
    {
        YotiReportVerification result = CheckPinned(File.ReadAllBytes(Path.Combine(Proofs, file)), File.ReadAllBytes(Path.Combine(Proofs, "test-only-fixture-01.jwks")));
        Assert.True(verified == result.Verified, result.Message);
        Assert.Equal(reason, result.Reason);
        Assert.Equal("f1a5223f-2c5e-4f87-aff4-eb5887de5d88", result.ReportId);
        Assert.Equal("test-only-fixture-01", result.KeyId);
        Assert.Equal("EdDSA", result.Algorithm);
        Assert.Equal(YotiKeySource.Pinned, result.KeySource);
    }

    [Fact]
    public async Task SharedFixtures_WithoutAPinnedKeySet_NameAnOriginThatIsNotTrusted_AndNothingIsFetched()
    {
        int fetches = 0;
        Task<byte[]> Fetch(Uri url, CancellationToken token)
        {
            Interlocked.Increment(ref fetches);
            throw new InvalidOperationException("must not be called");
        }

        var trusted = new[] { new Uri("http://127.0.0.1:1") };
        foreach (string file in new[] { "signed-report.json", "tampered-key-url.json" })
        {
            YotiReportVerification result = await new ReportProofChecker(null)
                .CheckAsync(ReportProof.Read(File.ReadAllBytes(Path.Combine(Proofs, file))), null, trusted, Fetch, CancellationToken.None);
            Assert.False(result.Verified);
            Assert.Equal(YotiReportProofReason.UntrustedKeySource, result.Reason);
            Assert.Null(result.KeySource);
        }

        Assert.Equal(0, fetches);
    }

    /// <summary>
    /// The independent signer's reports: the original layout and four re-serialisations verify; every one-value
    /// change, added or removed key, swapped array element, flipped signature bit, alg none, HS256 forgery, RSA
    /// and EC signature, other key, transplanted proof and attached payload is refused with the expected reason.
    /// </summary>
    [Fact]
    public void IndependentSigner_ReportsVerify_AndEveryChangeOrForgeryIsRefused()
    {
        NodeProcess.EnsureNodeModules(JoseFolder, "jose");
        string output = Path.Combine(Path.GetTempPath(), "yoti-jose-cases-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            NodeProcess.Result run = NodeProcess.Run("node", JoseFolder, "sign-reports.mjs",
                "--report", TestPaths.Fixture("media-identity-profile-report.json"),
                "--key-url", "https://api.yoti.com/idverify/v1/keys/interop-test-only-01", "--out", output);
            Assert.True(run.ExitCode == 0, "sign-reports.mjs failed:\n" + run.Output + "\n" + run.Error);

            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(output));
            byte[] jwks = Encoding.UTF8.GetBytes(document.RootElement.GetProperty("jwks").GetRawText());
            var wrong = new List<string>();
            var counts = new Dictionary<string, int>();
            foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                string expect = c.GetProperty("expect").GetString()!;
                YotiReportVerification result = CheckPinned(Encoding.UTF8.GetBytes(c.GetProperty("json").GetString()!), jwks);
                string actual = result.Verified ? "Verified" : result.Reason.ToString()!;
                counts[expect] = counts.TryGetValue(expect, out int n) ? n + 1 : 1;
                if (actual != expect)
                {
                    wrong.Add($"{c.GetProperty("name").GetString()}: expected {expect}, got {actual} ({result.Message})");
                }
            }

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
            Assert.Equal(5, counts["Verified"]);
            Assert.True(counts["Tampered"] > 300, "every leaf, object and array of the report is changed once");
            Assert.True(counts["UnsupportedAlgorithm"] >= 7);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("{\"proof\":{\"jws\":\"a.b\"}}", YotiReportProofReason.Malformed)]
    [InlineData("{\"proof\":{\"jws\":\"!!..AAAA\"}}", YotiReportProofReason.Malformed)]
    [InlineData("{\"proof\":{\"jws\":42}}", YotiReportProofReason.Malformed)]
    [InlineData("{\"proof\":{}}", YotiReportProofReason.NoProof)]
    [InlineData("{\"proof\":null}", YotiReportProofReason.NoProof)]
    [InlineData("{}", YotiReportProofReason.NoProof)]
    [InlineData("[]", YotiReportProofReason.Malformed)]
    [InlineData("not json", YotiReportProofReason.Malformed)]
    public void BrokenProofs_AreResults_NotExceptions(string report, YotiReportProofReason reason)
    {
        YotiReportVerification result = CheckPinned(Encoding.UTF8.GetBytes(report), File.ReadAllBytes(Path.Combine(Proofs, "test-only-fixture-01.jwks")));
        Assert.False(result.Verified);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"test-only-fixture-01\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", YotiReportProofReason.UnsupportedAlgorithm)]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"test-only-fixture-01\",\"x\":\"AA\",\"y\":\"AA\"}", YotiReportProofReason.UnsupportedAlgorithm)]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\",\"alg\":\"HS256\"}", YotiReportProofReason.UnsupportedAlgorithm)]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"short\"}", YotiReportProofReason.KeyNotFound)]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\",\"use\":\"enc\"}", YotiReportProofReason.KeyNotFound)]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"another\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}", YotiReportProofReason.KeyNotFound)]
    public void KeySets_WithoutAMatchingEd25519Key_VerifyNothing(string jwk, YotiReportProofReason reason)
    {
        YotiReportVerification result = CheckPinned(File.ReadAllBytes(Path.Combine(Proofs, "signed-report.json")), Encoding.UTF8.GetBytes("{\"keys\":[" + jwk + "]}"));
        Assert.False(result.Verified);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("https://api.yoti.com/idverify/v1/keys/a", "https://api.yoti.com", true)]
    [InlineData("https://API.yoti.com:443/keys/a", "https://api.yoti.com", true)]
    [InlineData("https://api.yoti.com.evil.example/keys/a", "https://api.yoti.com", false)]
    [InlineData("https://api.yoti.com:8443/keys/a", "https://api.yoti.com", false)]
    [InlineData("http://api.yoti.com/keys/a", "https://api.yoti.com", false)] // plain HTTP off loopback
    [InlineData("https://user@api.yoti.com/keys/a", "https://api.yoti.com", false)]
    [InlineData("http://127.0.0.1:5000/keys/a", "http://127.0.0.1:5000", true)]
    [InlineData("http://127.0.0.1:5001/keys/a", "http://127.0.0.1:5000", false)] // another loopback origin
    [InlineData("file:///etc/passwd", "https://api.yoti.com", false)]
    [InlineData("/keys/relative", "https://api.yoti.com", false)]
    public void KeyOrigin_OnlyTheTrustedOrigins_OverHttpsOrLoopback(string url, string trusted, bool fetched) =>
        Assert.Equal(fetched, KeyOrigin.WhyUntrusted(url, new[] { new Uri(trusted) }, out _) is null);

    [Theory]
    [InlineData("https://keys.example.com/path")]
    [InlineData("http://keys.example.com")]
    [InlineData("keys.example.com")]
    [InlineData("https://keys.example.com/?a=1")]
    public void TrustedKeyOrigins_MustBeHttpsOrigins(string origin) => Assert.Throws<ArgumentException>(() => KeyOrigin.ParseTrusted(origin));
}
