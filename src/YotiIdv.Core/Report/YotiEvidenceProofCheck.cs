using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Model;
using YotiIdv.Proof;

namespace YotiIdv.Report;

/// <summary>
/// The proof outcome an evidence page shows, from the same checker as Test-YotiIdentityProfileReport: the report
/// bytes are the ones already in the page's media set (nothing is downloaded twice). Live, a key set is fetched
/// only under the checker's trust rules; from an archive, only the archive's own key set is used (offline).
/// </summary>
internal static class YotiEvidenceProofCheck
{
    /// <summary>
    /// Null when the session has no report (or it was not had) or the report carries no proof. Offline
    /// (<paramref name="archiveKeySets"/> not null: the archive's key sets; empty gives "not checked", with
    /// <paramref name="archiveKeySetNote"/> as why when the archive says) nothing is
    /// fetched; live (null) a key set is fetched with <paramref name="fetch"/> only on <paramref name="trustedOrigins"/>.
    /// </summary>
    public static async Task<YotiEvidenceProofOutcome?> CheckAsync(YotiSession session, IYotiEvidenceMediaSource media, IReadOnlyList<byte[]>? archiveKeySets, string? archiveKeySetNote,
        IReadOnlyList<Uri>? trustedOrigins, Func<Uri, CancellationToken, Task<byte[]>>? fetch, CancellationToken cancellationToken)
    {
        if (ReportBytes(session, media) is not { } content)
        {
            return null;
        }

        ReportProof proof = ReportProof.Read(content);
        if (proof.Failure is { Reason: YotiReportProofReason.NoProof })
        {
            return null;
        }

        var checker = new ReportProofChecker(null);
        if (proof.Failure != null || archiveKeySets is null)
        {
            try
            {
                return From(await checker.CheckAsync(proof, null, trustedOrigins, fetch, cancellationToken).ConfigureAwait(false));
            }
            catch (YotiApiException ex)
            {
                // The key set could not be had (after retries): the page says so rather than failing the whole report.
                return YotiEvidenceProofOutcome.NotChecked("not checked: the key set could not be fetched (" + ex.Kind + ")", ex.Message);
            }
        }

        if (archiveKeySets.Count == 0)
        {
            return YotiEvidenceProofOutcome.NotChecked(archiveKeySetNote is null ? "not checked (no key set in the archive)" : "not checked: " + archiveKeySetNote);
        }

        // Several saved key sets (one per public_key_url): the first that verifies, else the first outcome.
        YotiReportVerification? first = null;
        foreach (byte[] keySet in archiveKeySets)
        {
            YotiReportVerification result = await checker.CheckAsync(proof, keySet, null, null, cancellationToken).ConfigureAwait(false);
            if (result.Verified)
            {
                return From(result);
            }

            first ??= result;
        }

        return From(first!);
    }

    private static YotiEvidenceProofOutcome From(YotiReportVerification result) => new YotiEvidenceProofOutcome(
        result.Verified,
        result.Verified ? "signed by key " + (result.KeyId ?? "?") + " (" + result.KeySource + ")" : result.Reason + (result.KeySource is { } s ? " (key set: " + s + ")" : string.Empty),
        result.Message);

    private static byte[]? ReportBytes(YotiSession session, IYotiEvidenceMediaSource media)
    {
        try
        {
            return media.GetMedia(IdentityProfileReportReader.Locate(session).MediaId)?.Content;
        }
        catch (YotiIdentityProfileUnavailableException)
        {
            return null;
        }
    }
}
