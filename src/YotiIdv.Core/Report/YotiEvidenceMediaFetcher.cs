using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using YotiIdv.Http;
using YotiIdv.Model;

namespace YotiIdv.Report;

/// <summary>
/// Downloads the media an evidence report shows (<see cref="YotiEvidenceReport.GetWantedMediaIds"/>) into a
/// <see cref="YotiEvidenceMediaSet"/>. 204 and 404 are outcomes the report names; any other failure (after the
/// client's retries) fails the whole report, so a page never silently lacks an image it could have had.
/// </summary>
public static class YotiEvidenceMediaFetcher
{
    /// <summary>How many media of one session are downloaded at once.</summary>
    public const int ConcurrencyPerSession = 4;

    public static async Task<YotiEvidenceMediaSet> FetchAsync(YotiApiClient client, YotiSession session, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        string sessionId = session?.SessionId ?? throw new ArgumentException("The session has no id.", nameof(session));
        var set = new YotiEvidenceMediaSet();
        using var slots = new SemaphoreSlim(ConcurrencyPerSession);
        var downloads = new List<Task<YotiEvidenceMedia>>();
        foreach (string id in YotiEvidenceReport.GetWantedMediaIds(session))
        {
            if (YotiId.Normalize(id, out string? reason) is not { } mediaId)
            {
                // A hostile id (../x, control characters) is never requested.
                set.Add(YotiEvidenceMedia.Unavailable(id, "not requested: the media id is not valid (" + reason + ")"));
                continue;
            }

            downloads.Add(FetchOneAsync(client, sessionId, mediaId, slots, cancellationToken));
        }

        try
        {
            foreach (YotiEvidenceMedia media in await Task.WhenAll(downloads).ConfigureAwait(false))
            {
                set.Add(media);
            }
        }
        catch
        {
            // Task.WhenAll throws the first failure; the others are observed here so none goes unobserved.
            foreach (Task t in downloads.Where(d => d.IsFaulted))
            {
                _ = t.Exception;
            }

            throw;
        }

        return set;
    }

    private static async Task<YotiEvidenceMedia> FetchOneAsync(YotiApiClient client, string sessionId, string mediaId, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            YotiMediaContent? content = await client.GetMediaContentAsync(sessionId, mediaId, cancellationToken).ConfigureAwait(false);
            return content is null || content.Length == 0
                ? YotiEvidenceMedia.Unavailable(mediaId, "204 No Content: Yoti has no content for it")
                : YotiEvidenceMedia.Available(mediaId, content.ContentType, content.Content);
        }
        catch (YotiApiException ex) when (ex.Kind == YotiFailureKind.NotFound)
        {
            return YotiEvidenceMedia.Unavailable(mediaId, "404 Not Found: deleted by Yoti (retention ended) or never stored");
        }
        finally
        {
            slots.Release();
        }
    }
}
