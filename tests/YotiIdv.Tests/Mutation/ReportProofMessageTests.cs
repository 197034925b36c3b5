using System;
using System.IO;
using System.Text;
using System.Threading;
using YotiIdv.Proof;
using YotiIdv.Tests.Support;

namespace YotiIdv.Tests.Mutation;

/// <summary>
/// What a person reads for each proof that does not verify: the reason, the message, and the report id, key id,
/// algorithm and key URL carried to the result (the Proof survivors: the older tests compared the reason only).
/// </summary>
public sealed class ReportProofMessageTests
{
    private static readonly string Proofs = TestPaths.Fixture("extra", "report-proofs");
    private const string Signature64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static string Report(string proof) =>
        "{\"verification_report\":{\"report_id\":\"r-1\"},\"verification_reports\":[{\"report_id\":\"r-1\"},{\"report_id\":\"r-2\"},{\"x\":1}],\"proof\":" + proof + "}";

    private static string Jws(string header, string signature = Signature64) =>
        "{\"jws\":\"" + Base64Url.Encode(Encoding.UTF8.GetBytes(header)) + ".." + signature + "\",\"public_key_url\":\"https://api.yoti.com/idverify/v1/keys/k\"}";

    private static YotiReportVerification Check(string report, string jwks) =>
        new ReportProofChecker(Encoding.UTF8.GetBytes(jwks)).CheckAsync(ReportProof.Read(Encoding.UTF8.GetBytes(report)), null, null, null, CancellationToken.None).GetAwaiter().GetResult();

    private static YotiReportVerification Check(string report) => Check(report, "{\"keys\":[]}");

    public static TheoryData<string, YotiReportProofReason, string> BrokenProofs() => new TheoryData<string, YotiReportProofReason, string>
    {
        { "not json", YotiReportProofReason.Malformed, "The report is not valid I-JSON: " },
        { "[]", YotiReportProofReason.Malformed, "The report is not a JSON object." },
        { Report("null"), YotiReportProofReason.NoProof, "The report has no proof." },
        { Report("\"an old proof\""), YotiReportProofReason.NoProof, "The report has an older plain-string proof, which cannot be verified." },
        { Report("42"), YotiReportProofReason.Malformed, "The report's proof is neither an object nor a string." },
        { Report("{}"), YotiReportProofReason.NoProof, "The report's proof has no jws." },
        { Report("{\"jws\":42}"), YotiReportProofReason.Malformed, "The report's proof.jws and proof.public_key_url must be strings." },
        { Report("{\"jws\":\"a.b\"}"), YotiReportProofReason.Malformed, "proof.jws is not a compact JWS (header..signature)." },
        { Report("{\"jws\":\"a.b.c\"}"), YotiReportProofReason.Malformed, "proof.jws carries its own payload; a report proof is a detached JWS whose payload is the report itself." },
        { Report("{\"jws\":\"!!..AAAA\"}"), YotiReportProofReason.Malformed, "The JWS header is not base64url JSON." },
        { Report(Jws("{\"alg\":\"EdDSA\",\"kid\":1}")), YotiReportProofReason.Malformed, "The JWS header's kid is not a string." },
        { Report(Jws("{\"alg\":\"HS256\",\"kid\":\"k\"}")), YotiReportProofReason.UnsupportedAlgorithm, "The JWS algorithm is 'HS256'; only EdDSA (Ed25519) is accepted." },
        { Report(Jws("{\"kid\":\"k\"}")), YotiReportProofReason.UnsupportedAlgorithm, "The JWS algorithm is '(none given)'; only EdDSA (Ed25519) is accepted." },
        { Report(Jws("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"crit\":[\"b64\"]}")), YotiReportProofReason.UnsupportedAlgorithm, "The JWS header uses crit or b64, which report proofs never use; refused." },
        { Report(Jws("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"b64\":false}")), YotiReportProofReason.UnsupportedAlgorithm, "The JWS header uses crit or b64, which report proofs never use; refused." },
        { Report(Jws("{\"alg\":\"EdDSA\",\"kid\":\"k\"}", "AAAA")), YotiReportProofReason.Malformed, "The JWS signature is not a base64url Ed25519 signature (64 bytes)." },
        { Report(Jws("{\"alg\":\"EdDSA\",\"kid\":\"k\"}")), YotiReportProofReason.KeyNotFound, "The key set has no key with kid 'k'." },
    };

    [Theory]
    [MemberData(nameof(BrokenProofs))]
    public void EachBrokenProofSaysWhy(string report, YotiReportProofReason reason, string message)
    {
        YotiReportVerification result = Check(report);
        Assert.False(result.Verified);
        Assert.Equal(reason, result.Reason);
        Assert.StartsWith(message, result.Message, StringComparison.Ordinal);
        if (report.StartsWith('{'))
        {
            Assert.Equal("r-1, r-2", result.ReportId); // every report id, once each
        }
    }

    [Fact]
    public void TheHeadersAlgorithmKidAndUrlAreCarriedToTheResult()
    {
        YotiReportVerification result = Check(Report(Jws("{\"alg\":\"HS256\",\"kid\":\"k\"}")));
        Assert.Equal(("HS256", "k", "https://api.yoti.com/idverify/v1/keys/k"), (result.Algorithm, result.KeyId, result.PublicKeyUrl));
        YotiReportVerification noKid = Check(Report(Jws("{\"alg\":\"EdDSA\"}")), "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"a\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"b\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}]}");
        Assert.Equal((YotiReportProofReason.KeyNotFound, "The JWS names no kid and the key set has several keys."), (noKid.Reason!.Value, noKid.Message));
        YotiReportVerification twice = Check(Report(Jws("{\"alg\":\"EdDSA\",\"kid\":\"a\"}")), "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"a\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"a\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}]}");
        Assert.Equal("The key set has several keys with kid 'a'.", twice.Message);
    }

    [Theory]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"test-only-fixture-01\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "The key set's key is RSA; only Ed25519 (OKP, EdDSA) is accepted.")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\",\"alg\":\"HS256\"}", "The key set's key is OKP Ed25519 HS256; only Ed25519 (OKP, EdDSA) is accepted.")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\"}", "The key set's key is OKP X25519; only Ed25519 (OKP, EdDSA) is accepted.")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"short\"}", "The key set's key has no valid Ed25519 public key (x).")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test-only-fixture-01\",\"x\":\"XghH-RaGn4OPIcD8TS1n19qlWns4qZoiuZcW_VGAGUk\",\"use\":\"enc\"}", "The key set's key is not a signing key (use is not 'sig').")]
    public void EachUnusableKeySaysWhy(string jwk, string message)
    {
        string report = File.ReadAllText(Path.Combine(Proofs, "signed-report.json"));
        YotiReportVerification result = Check(report, "{\"keys\":[" + jwk + "]}");
        Assert.False(result.Verified);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void VerifiedAndTamperedSaySo()
    {
        string jwks = File.ReadAllText(Path.Combine(Proofs, "test-only-fixture-01.jwks"));
        Assert.Equal("The proof is a valid Ed25519 signature of this report.", Check(File.ReadAllText(Path.Combine(Proofs, "signed-report.json")), jwks).Message);
        Assert.Equal("The signature does not match the report: it was changed after signing, or the proof belongs to another report or key.",
            Check(File.ReadAllText(Path.Combine(Proofs, "tampered-name.json")), jwks).Message);
    }
}
