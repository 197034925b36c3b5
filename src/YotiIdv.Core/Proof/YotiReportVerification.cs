namespace YotiIdv.Proof;

/// <summary>Why a report's proof does not verify.</summary>
public enum YotiReportProofReason
{
    /// <summary>The signature does not match the report: something signed was changed (or the proof belongs to another report).</summary>
    Tampered,

    /// <summary>The JWS names an algorithm other than EdDSA (none, HS256, RSA, EC ...), a key that is not Ed25519, or a JWS feature (crit) that is refused.</summary>
    UnsupportedAlgorithm,

    /// <summary>The key set has no Ed25519 key with the JWS's key id, or the key set could not be found.</summary>
    KeyNotFound,

    /// <summary>The proof names a key set on an origin that is neither the connection's API origin nor a trusted key origin; nothing was requested.</summary>
    UntrustedKeySource,

    /// <summary>The report has no proof, or only the older plain-string form that cannot be verified.</summary>
    NoProof,

    /// <summary>The report or its proof is not valid: not I-JSON (duplicate keys ...), not a compact detached JWS, a bad header or signature encoding.</summary>
    Malformed,
}

/// <summary>Where the key that checked a proof came from.</summary>
public enum YotiKeySource
{
    /// <summary>A key set file given with -JwksPath.</summary>
    Pinned,

    /// <summary>Fetched from the proof's public_key_url on a trusted origin.</summary>
    Fetched,

    /// <summary>The key set saved in an evidence archive.</summary>
    Archive,
}

/// <summary>The outcome of checking one identity profile report's proof (Test-YotiIdentityProfileReport).</summary>
public sealed class YotiReportVerification
{
    internal YotiReportVerification(bool verified, YotiReportProofReason? reason, string message)
    {
        Verified = verified;
        Reason = reason;
        Message = message;
    }

    /// <summary>The session of the report, when known (a piped session or report, an archive).</summary>
    public string? SessionId { get; internal set; }

    /// <summary>The report's <c>verification_report.report_id</c> (comma-separated for several verification reports).</summary>
    public string? ReportId { get; internal set; }

    /// <summary>True when the proof is a valid Ed25519 signature, by a trusted key, of this very report.</summary>
    public bool Verified { get; }

    /// <summary>Why not, when <see cref="Verified"/> is false; null when verified.</summary>
    public YotiReportProofReason? Reason { get; }

    /// <summary>What was found, in a sentence.</summary>
    public string Message { get; }

    /// <summary>The JWS header's <c>kid</c>.</summary>
    public string? KeyId { get; internal set; }

    /// <summary>The JWS header's <c>alg</c>, as sent.</summary>
    public string? Algorithm { get; internal set; }

    /// <summary>The proof's <c>public_key_url</c>, as sent.</summary>
    public string? PublicKeyUrl { get; internal set; }

    /// <summary>Where the key came from; null when no key was used.</summary>
    public YotiKeySource? KeySource { get; internal set; }

    /// <summary>The report file checked, when the report came from a file.</summary>
    public string? Path { get; internal set; }

    public override string ToString() => Verified ? "Verified" : "Not verified: " + Reason;
}
