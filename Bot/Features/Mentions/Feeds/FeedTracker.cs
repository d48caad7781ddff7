using System.Globalization;
using Humanizer;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary><c>track feed &lt;url&gt;</c>, the feed lines of <c>tracking</c> and <c>untrack F&lt;n&gt;</c>.</summary>
internal sealed class FeedTracker(FeedStore feeds, FeedPoller poller, TimeProvider clock)
{
    public const string Example = "track feed https://blog.example.com/feed.xml";

    public async Task<string> TrackAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var candidate = text.Trim().Trim('<', '>');
        if (candidate.Length > 2_000 || !Uri.TryCreate(candidate, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"That isn't a feed address I can follow. Give the full http(s) address of an RSS or Atom feed, for example **{Example}**.";
        }

        var feed = await feeds.AddAsync(turn.TenantId, turn.ConversationId, url, turn.User.Id, ct).ConfigureAwait(false);
        if (feed is null)
        {
            return $"This chat already follows that feed, or follows {FeedStore.MaxFeedsPerConversation} feeds. Type **tracking** to see them.";
        }

        var state = await feeds.StateAsync(turn.TenantId, feed.FeedId, ct).ConfigureAwait(false);
        var first = state is null ? null : await poller.PollAsync(state, ct).ConfigureAwait(false);
        return first is { Ok: true }
            ? $"Following feed F{feed.Number}: {feed.Url} ({"item".ToQuantity(first.ItemsInFeed)} there now, which I won't repeat). New items arrive here like mentions. **untrack F{feed.Number}** stops it."
            : $"Added feed F{feed.Number}, but the first look failed: {first?.Error} Check the address; I'll keep trying, less often while it fails. **untrack F{feed.Number}** stops it.";
    }

    public async Task<IReadOnlyList<string>> LinesAsync(TurnContext turn, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lines = new List<string>();
        foreach (var feed in await feeds.ListAsync(turn.TenantId, turn.ConversationId, ct).ConfigureAwait(false))
        {
            var state = await feeds.StateAsync(turn.TenantId, feed.FeedId, ct).ConfigureAwait(false);
            var status = state switch
            {
                { LastError: { } error } => $"last look failed: {error}",
                { CheckedAt: { } checkedAt } => $"checked {checkedAt.Humanize(now)} · {"new item".ToQuantity(state.ItemsDelivered)} so far",
                _ => "not checked yet",
            };
            lines.Add($"F{feed.Number}. {feed.Url} — {status}");
        }

        return lines;
    }

    /// <returns>The answer, or null when <paramref name="text"/> is not a feed number (F1, f2).</returns>
    public async Task<string?> UntrackAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || char.ToUpperInvariant(trimmed[0]) != 'F' || !int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var removed = await feeds.RemoveAsync(turn.TenantId, turn.ConversationId, number, ct).ConfigureAwait(false);
        return removed is null ? $"This chat follows no feed F{number}. Type **tracking** to see them." : $"Stopped following feed F{number}: {removed.Url}.";
    }
}
