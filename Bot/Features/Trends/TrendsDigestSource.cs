using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Trends;

/// <summary>The digest's trends section: the top 3 rising terms of the last 24 hours, from the same engine as the card.</summary>
internal sealed class TrendsDigestSource(CachedTrendFinder finder) : IDigestTrendsSource
{
    public const int Top = 3;

    public async Task<TrendsDigestSection> GetAsync(DigestQuery query, CancellationToken ct)
    {
        var terms = await finder.FindAsync(StoreKey.TenantOrDefault(query.TenantId), new TrendQuery(TrendWindow.Day, null), ct).ConfigureAwait(false);
        return new TrendsDigestSection([.. terms.Take(Top).Select(t => new TrendDigestLine(t.Display, t.Count, TrendHeadline.Change(t)))]);
    }
}
