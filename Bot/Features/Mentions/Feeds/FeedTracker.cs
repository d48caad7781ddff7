using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Humanizer;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.Features.Mentions.Feeds;

/// <summary>
/// <c>track feed &lt;url&gt;</c>, the feed lines of <c>tracking</c> and <c>untrack F&lt;n&gt;</c>. Feeds are numbered
/// F1, F2… apart from rules (1, 2…): a number stays with its feed or rule whatever is added or removed around it.
/// </summary>
internal sealed partial class FeedTracker(FeedStore feeds, FeedFetcher fetcher, IOptions<FeedOptions> options, TimeProvider clock)
{
    public const string Example = "track feed https://blog.example.com/feed.xml";
    private const int MaxUrlLength = 2_000;

    public async Task<string> TrackAsync(TurnContext turn, string text, CancellationToken ct)
    {
        if (Address(text) is not { } url)
        {
            return $"That isn't a feed address I can follow. Give the full http(s) address of an RSS or Atom feed, for example **{Example}**.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "Leave the user name and password out of the address: I only follow public feeds, and everyone in this chat would see them.";
        }

        var added = await feeds.AddAsync(turn.TenantId, turn.ConversationId, url, turn.User.Id, ct).ConfigureAwait(false);
        if (added.Existing is { } existing)
        {
            return $"This chat already follows that feed as F{existing.Number}. Type **tracking** to see how it is doing.";
        }

        if (added.Added is not { } feed)
        {
            return $"This chat follows {"feed".ToQuantity(options.Value.MaxFeedsPerConversation)}, the most it can. Stop one first (**untrack F1**); **tracking** lists them.";
        }

        // The first look happens now, so whoever typed the command learns at once whether the address works.
        var state = await feeds.StateAsync(turn.TenantId, feed.FeedId, ct).ConfigureAwait(false);
        var first = state is null ? null : await fetcher.LookAsync(state, ct).ConfigureAwait(false);
        if (first is { AddressRefused: true })
        {
            await feeds.RemoveAsync(turn.TenantId, turn.ConversationId, f => f.FeedId == feed.FeedId, ct).ConfigureAwait(false);
            return $"I can't follow {feed.Url}: {first.Error}";
        }

        return first is { Ok: true }
            ? $"Following feed F{feed.Number}: {feed.Url} ({"item".ToQuantity(first.ItemsInFeed)} there now, which I won't repeat). New items arrive here as mentions: urgent ones at once, the rest in the regular summary. **untrack F{feed.Number}** stops it."
            : $"Added feed F{feed.Number}, but the first look failed: {first?.Error ?? "the feed is gone."} I'll keep trying, less often while it fails; **tracking** shows how it is doing and **untrack F{feed.Number}** stops it.";
    }

    public async Task<IReadOnlyList<string>> LinesAsync(TurnContext turn, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lines = new List<string>();
        foreach (var feed in await feeds.ListAsync(turn.TenantId, turn.ConversationId, ct).ConfigureAwait(false))
        {
            var state = await feeds.StateAsync(turn.TenantId, feed.FeedId, ct).ConfigureAwait(false);
            lines.Add($"F{feed.Number}. {feed.Url} — {Status(state, now)}");
        }

        return lines;
    }

    /// <returns>The answer, or null when <paramref name="text"/> names no feed (F1, f2, "feed 2" or the feed's address).</returns>
    public async Task<string?> UntrackAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var trimmed = text.Trim();
        if (FeedNumber().Match(trimmed) is { Success: true } match && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var removed = await feeds.RemoveAsync(turn.TenantId, turn.ConversationId, f => f.Number == number, ct).ConfigureAwait(false);
            return removed is null ? $"This chat follows no feed F{number}. Type **tracking** to see them." : $"Stopped following feed F{number}: {removed.Url}.";
        }

        if (Address(trimmed) is { } url)
        {
            var removed = await feeds.RemoveAsync(turn.TenantId, turn.ConversationId, f => f.Url == url.AbsoluteUri, ct).ConfigureAwait(false);
            return removed is null ? "This chat doesn't follow that feed. Type **tracking** to see the feeds it follows." : $"Stopped following feed F{removed.Number}: {removed.Url}.";
        }

        return null;
    }

    /// <summary>"checked 4 minutes ago · 12 items · 3 new so far", or the last failure and when the next try is.</summary>
    public static string Status(FeedState? state, DateTimeOffset now) => state switch
    {
        null => "not checked yet",
        { LastError: { } error, CheckedAt: { } failedAt } =>
            $"last look failed {Ago(failedAt, now)}: {error}{(state.NextPollAt is { } next && next > now ? $" Next try in {(next - now).Humanize()}." : string.Empty)}",
        { CheckedAt: { } checkedAt } => $"checked {Ago(checkedAt, now)} · {"item".ToQuantity(state.ItemsListed)} · {state.ItemsDelivered} new so far",
        _ => "not checked yet",
    };

    private static string Ago(DateTimeOffset at, DateTimeOffset now) => now - at < TimeSpan.FromMinutes(1) ? "just now" : at.Humanize(now);

    /// <summary>An absolute http(s) address, also when Teams sent it as a link (<c>&lt;a href=…&gt;</c>) or in angle brackets.</summary>
    private static Uri? Address(string text)
    {
        var candidate = text.Trim();
        if (Link().Match(candidate) is { Success: true } link)
        {
            candidate = link.Groups[1].Value;
        }

        candidate = WebUtility.HtmlDecode(candidate.Trim().Trim('<', '>'));
        return candidate.Length is > 0 and <= MaxUrlLength
            && !candidate.Any(char.IsWhiteSpace)
            && Uri.TryCreate(candidate, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.Host.Length > 0
            ? new UriBuilder(url) { Fragment = string.Empty }.Uri
            : null;
    }

    [GeneratedRegex(@"^#?(?:f|feed\s+)#?(\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex FeedNumber();

    [GeneratedRegex("""^<a\s[^>]*href\s*=\s*"([^"]{1,2000})"[^>]*>.*</a>$""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();
}
