using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;

namespace YotiIdv.Proof;

/// <summary>
/// Checks identity profile reports: the proof is read first (<see cref="ReportProof.Read"/>; most forgeries are
/// refused without a key), then the key comes from a pinned key set, an archive's, or a fetch from a trusted
/// origin only. Never throws for a report that does not verify; only a key set that cannot be fetched for other
/// reasons than 404 throws (<see cref="YotiApiException"/>), since then nothing can be said about the report.
/// </summary>
internal sealed class ReportProofChecker
{
    private readonly YotiKeySet? _pinned;

    /// <param name="pinnedKeySet">A key set file's bytes (-JwksPath): used for every report, nothing is fetched.</param>
    /// <exception cref="JcsFormatException">The pinned key set is not a JSON Web Key Set.</exception>
    public ReportProofChecker(byte[]? pinnedKeySet) => _pinned = pinnedKeySet is null ? null : YotiKeySet.Parse(pinnedKeySet);

    /// <summary>The trusted origins of a connection: its API URL's origin, then the listed ones.</summary>
    public static IReadOnlyList<Uri> TrustedOriginsOf(YotiConnection connection)
    {
        var origins = new List<Uri> { new Uri(KeyOrigin.Of(connection.ApiUrl), UriKind.Absolute) };
        origins.AddRange(connection.TrustedKeyOrigins);
        return origins;
    }

    /// <summary>True when checking <paramref name="proof"/> may need a fetch, so the trusted origins (a connection) are needed.</summary>
    public bool NeedsTrustedOrigins(ReportProof proof, byte[]? archiveKeySet) => proof.Failure is null && _pinned is null && archiveKeySet is null;

    /// <summary>
    /// Checks one report; <paramref name="archiveKeySet"/> is the key set saved beside it, if any;
    /// <paramref name="fetch"/> (YotiApiClient.GetKeySetAsync) is called only for a URL on one of <paramref name="trustedOrigins"/>.
    /// </summary>
    public async Task<YotiReportVerification> CheckAsync(ReportProof proof, byte[]? archiveKeySet, IReadOnlyList<Uri>? trustedOrigins,
        Func<Uri, CancellationToken, Task<byte[]>>? fetch, CancellationToken cancellationToken)
    {
        if (proof.Failure != null)
        {
            return proof.Failure;
        }

        if (_pinned != null)
        {
            return proof.Verify(_pinned, YotiKeySource.Pinned);
        }

        if (archiveKeySet != null)
        {
            try
            {
                return proof.Verify(YotiKeySet.Parse(archiveKeySet), YotiKeySource.Archive);
            }
            catch (JcsFormatException ex)
            {
                return proof.Fail(YotiReportProofReason.KeyNotFound, "The archive's key set is not a JSON Web Key Set: " + ex.Message, YotiKeySource.Archive);
            }
        }

        if (KeyOrigin.WhyUntrusted(proof.PublicKeyUrl, trustedOrigins ?? Array.Empty<Uri>(), out Uri? url) is string why)
        {
            return proof.Fail(string.IsNullOrEmpty(proof.PublicKeyUrl) ? YotiReportProofReason.KeyNotFound : YotiReportProofReason.UntrustedKeySource, why);
        }

        if (fetch is null)
        {
            throw new InvalidOperationException("No client to fetch the key set with.");
        }

        YotiKeySet keys;
        try
        {
            keys = await KeySetCache.GetAsync(url!, fetch, cancellationToken).ConfigureAwait(false);
        }
        catch (YotiApiException ex) when (ex.Kind == YotiFailureKind.NotFound)
        {
            return proof.Fail(YotiReportProofReason.KeyNotFound, $"The key set {YotiId.ForDisplay(url!.AbsoluteUri)} was not found (404).", YotiKeySource.Fetched);
        }
        catch (JcsFormatException ex)
        {
            return proof.Fail(YotiReportProofReason.KeyNotFound, $"{YotiId.ForDisplay(url!.AbsoluteUri)} is not a JSON Web Key Set: {ex.Message}", YotiKeySource.Fetched);
        }

        return proof.Verify(keys, YotiKeySource.Fetched);
    }
}

/// <summary>Key sets fetched in this process, kept for a few minutes so a batch of reports costs one request per key set.</summary>
internal static class KeySetCache
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

    public static async Task<YotiKeySet> GetAsync(Uri url, Func<Uri, CancellationToken, Task<byte[]>> fetch, CancellationToken cancellationToken)
    {
        string key = url.AbsoluteUri;
        DateTime now = DateTime.UtcNow;
        Entry entry = Entries.AddOrUpdate(key,
            _ => new Entry(Load(url, fetch, cancellationToken), now + Lifetime),
            (_, existing) => existing.Expires > now && !existing.Task.IsFaulted && !existing.Task.IsCanceled ? existing : new Entry(Load(url, fetch, cancellationToken), now + Lifetime));
        try
        {
            return await entry.Task.ConfigureAwait(false);
        }
        catch
        {
            // A failure is never cached: the next report asks again.
            ((ICollection<KeyValuePair<string, Entry>>)Entries).Remove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Forgets every key set (tests).</summary>
    internal static void Clear() => Entries.Clear();

    private static async Task<YotiKeySet> Load(Uri url, Func<Uri, CancellationToken, Task<byte[]>> fetch, CancellationToken cancellationToken) =>
        YotiKeySet.Parse(await fetch(url, cancellationToken).ConfigureAwait(false));

    private sealed class Entry
    {
        public Entry(Task<YotiKeySet> task, DateTime expires)
        {
            Task = task;
            Expires = expires;
        }

        public Task<YotiKeySet> Task { get; }

        public DateTime Expires { get; }
    }
}
