using System;
using System.Collections.Generic;
using System.Text;

namespace YotiIdv.Proof;

/// <summary>
/// One identity profile report and its proof, read and checked as far as possible without a key (spec 5.5):
/// the report is I-JSON, the proof is a compact JWS with an empty (detached) payload and an EdDSA header, and the
/// signing input is built from the RFC 8785 form of the report with <c>proof.jws</c> set to "".
/// </summary>
internal sealed class ReportProof
{
    private readonly byte[]? _signingInput;
    private readonly byte[]? _signature;

    private ReportProof(string? reportId, byte[]? signingInput, byte[]? signature)
    {
        ReportId = reportId;
        _signingInput = signingInput;
        _signature = signature;
    }

    /// <summary>Set when the report fails before any key is needed (Malformed, NoProof, UnsupportedAlgorithm).</summary>
    public YotiReportVerification? Failure { get; private set; }

    public string? ReportId { get; }

    public string? KeyId { get; private set; }

    public string? Algorithm { get; private set; }

    public string? PublicKeyUrl { get; private set; }

    /// <summary>Reads a report's bytes. Never throws for bad content: that is a <see cref="Failure"/>.</summary>
    public static ReportProof Read(byte[] report)
    {
        JcsValue parsed;
        try
        {
            parsed = JsonCanonicalizer.Parse(report);
        }
        catch (JcsFormatException ex)
        {
            return Failed(null, YotiReportProofReason.Malformed, "The report is not valid I-JSON: " + ex.Message);
        }

        if (!(parsed is JcsObject root))
        {
            return Failed(null, YotiReportProofReason.Malformed, "The report is not a JSON object.");
        }

        string? reportId = ReadReportId(root);
        JcsValue? proofValue = root["proof"];
        if (proofValue is null || proofValue is JcsLiteral { Text: "null" })
        {
            return Failed(reportId, YotiReportProofReason.NoProof, "The report has no proof.");
        }

        if (proofValue is JcsString)
        {
            return Failed(reportId, YotiReportProofReason.NoProof, "The report has an older plain-string proof, which cannot be verified.");
        }

        if (!(proofValue is JcsObject proof))
        {
            return Failed(reportId, YotiReportProofReason.Malformed, "The report's proof is neither an object nor a string.");
        }

        JcsValue? jwsValue = proof["jws"];
        JcsValue? urlValue = proof["public_key_url"];
        string? url = (urlValue as JcsString)?.Value;
        if (jwsValue is null)
        {
            return Failed(reportId, YotiReportProofReason.NoProof, "The report's proof has no jws.", url);
        }

        if (!(jwsValue is JcsString { Value: var jws }) || (urlValue != null && url is null))
        {
            return Failed(reportId, YotiReportProofReason.Malformed, "The report's proof.jws and proof.public_key_url must be strings.", url);
        }

        string[] parts = jws.Split('.');
        if (parts.Length != 3)
        {
            return Failed(reportId, YotiReportProofReason.Malformed, "proof.jws is not a compact JWS (header..signature).", url);
        }

        if (parts[1].Length != 0)
        {
            return Failed(reportId, YotiReportProofReason.Malformed, "proof.jws carries its own payload; a report proof is a detached JWS whose payload is the report itself.", url);
        }

        byte[]? headerBytes = Base64Url.TryDecode(parts[0]);
        JcsObject? header = null;
        try
        {
            header = headerBytes is null ? null : JsonCanonicalizer.Parse(headerBytes) as JcsObject;
        }
        catch (JcsFormatException)
        {
        }

        if (header is null)
        {
            return Failed(reportId, YotiReportProofReason.Malformed, "The JWS header is not base64url JSON.", url);
        }

        string? alg = header.GetString("alg");
        string? kid = header.GetString("kid");
        ReportProof Header(YotiReportProofReason reason, string message)
        {
            ReportProof failed = Failed(reportId, reason, message, url);
            failed.Algorithm = failed.Failure!.Algorithm = alg;
            failed.KeyId = failed.Failure.KeyId = kid;
            return failed;
        }

        if (header["kid"] != null && kid is null)
        {
            return Header(YotiReportProofReason.Malformed, "The JWS header's kid is not a string.");
        }

        if (!string.Equals(alg, "EdDSA", StringComparison.Ordinal))
        {
            // Whatever the header says: none, HS256 keyed with the public key, RSA and EC forge nothing here.
            return Header(YotiReportProofReason.UnsupportedAlgorithm,
                $"The JWS algorithm is '{YotiId.ForDisplay(alg ?? "(none given)")}'; only EdDSA (Ed25519) is accepted.");
        }

        if (header["crit"] != null || header["b64"] != null)
        {
            return Header(YotiReportProofReason.UnsupportedAlgorithm, "The JWS header uses crit or b64, which report proofs never use; refused.");
        }

        byte[]? signature = Base64Url.TryDecode(parts[2]);
        if (signature is null || signature.Length != Ed25519.SignatureSize)
        {
            return Header(YotiReportProofReason.Malformed, "The JWS signature is not a base64url Ed25519 signature (64 bytes).");
        }

        // Spec 5.5 step 1-3: the payload is the canonical report with proof.jws emptied (public_key_url stays).
        proof["jws"] = new JcsString(string.Empty);
        byte[] canonical = JsonCanonicalizer.Canonicalize(root);
        byte[] signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.Encode(canonical));
        return new ReportProof(reportId, signingInput, signature) { Algorithm = alg, KeyId = kid, PublicKeyUrl = url };
    }

    /// <summary>Checks the signature with a key set; the result says which key or why not.</summary>
    public YotiReportVerification Verify(YotiKeySet keys, YotiKeySource source)
    {
        if (Failure != null)
        {
            return Failure;
        }

        List<YotiJwk> candidates = keys.Candidates(KeyId);
        if (candidates.Count == 0)
        {
            return Describe(new YotiReportVerification(false, YotiReportProofReason.KeyNotFound,
                $"The key set has no key with kid '{YotiId.ForDisplay(KeyId)}'."), source);
        }

        if (candidates.Count > 1)
        {
            return Describe(new YotiReportVerification(false, YotiReportProofReason.KeyNotFound,
                KeyId is null ? "The JWS names no kid and the key set has several keys." : $"The key set has several keys with kid '{YotiId.ForDisplay(KeyId)}'."), source);
        }

        YotiJwk key = candidates[0];
        if (key.Ed25519Key is null || (key.Algorithm != null && key.Algorithm != "EdDSA"))
        {
            bool ed25519Shape = key.KeyType == "OKP" && key.Curve == "Ed25519" && key.Algorithm is null or "EdDSA";
            return Describe(new YotiReportVerification(false, ed25519Shape ? YotiReportProofReason.KeyNotFound : YotiReportProofReason.UnsupportedAlgorithm,
                ed25519Shape
                    ? "The key set's key has no valid Ed25519 public key (x)."
                    : $"The key set's key is {YotiId.ForDisplay(key.Describe() + (key.Algorithm is null ? string.Empty : " " + key.Algorithm))}; only Ed25519 (OKP, EdDSA) is accepted."), source);
        }

        if (key.Use != null && key.Use != "sig")
        {
            return Describe(new YotiReportVerification(false, YotiReportProofReason.KeyNotFound, "The key set's key is not a signing key (use is not 'sig')."), source);
        }

        bool valid = Ed25519.Verify(key.Ed25519Key, _signingInput!, _signature!);
        return Describe(valid
            ? new YotiReportVerification(true, null, "The proof is a valid Ed25519 signature of this report.")
            : new YotiReportVerification(false, YotiReportProofReason.Tampered, "The signature does not match the report: it was changed after signing, or the proof belongs to another report or key."), source);
    }

    /// <summary>A failure decided before any key was looked at (the trust policy, a key set that cannot be had).</summary>
    public YotiReportVerification Fail(YotiReportProofReason reason, string message, YotiKeySource? source = null) =>
        Failure ?? Describe(new YotiReportVerification(false, reason, message), source);

    private YotiReportVerification Describe(YotiReportVerification result, YotiKeySource? source)
    {
        result.ReportId = ReportId;
        result.KeyId = KeyId;
        result.Algorithm = Algorithm;
        result.PublicKeyUrl = PublicKeyUrl;
        result.KeySource = source;
        return result;
    }

    private static ReportProof Failed(string? reportId, YotiReportProofReason reason, string message, string? url = null)
    {
        var proof = new ReportProof(reportId, null, null) { PublicKeyUrl = url };
        proof.Failure = new YotiReportVerification(false, reason, message) { ReportId = reportId, PublicKeyUrl = url };
        return proof;
    }

    /// <summary>The report id of <c>verification_report</c>, or of every <c>verification_reports</c> entry.</summary>
    private static string? ReadReportId(JcsObject root)
    {
        var ids = new List<string>();
        if ((root["verification_report"] as JcsObject)?.GetString("report_id") is string single)
        {
            ids.Add(single);
        }

        if (root["verification_reports"] is JcsArray many)
        {
            foreach (JcsValue item in many.Items)
            {
                if ((item as JcsObject)?.GetString("report_id") is string id && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids.Count == 0 ? null : string.Join(", ", ids);
    }
}
