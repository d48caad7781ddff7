using System.Globalization;
using Humanizer;
using Microsoft.Extensions.Logging;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Digest;

namespace SocialBot.Bot.Features.Digest;

/// <summary>Asks every registered digest source for its section and turns them into the digest card. A missing or failing source omits its section.</summary>
internal sealed partial class DigestComposer(
    IEnumerable<IDigestApprovalsSource> approvals,
    IEnumerable<IDigestPublishingSource> publishing,
    IEnumerable<IDigestMentionsSource> mentions,
    IEnumerable<IDigestTrendsSource> trends,
    ILogger<DigestComposer> logger)
{
    public async Task<AdaptiveCard> ComposeAsync(DigestQuery query, string? lateNote, IReadOnlyCollection<string> viewerIds, CancellationToken ct) =>
        DigestCard.Build(await ComposeModelAsync(query, lateNote, viewerIds, ct).ConfigureAwait(false));

    /// <summary>What the card will show; no sections means a quiet day.</summary>
    public async Task<DigestCardModel> ComposeModelAsync(DigestQuery query, string? lateNote, IReadOnlyCollection<string> viewerIds, CancellationToken ct)
    {
        var approvalsSection = await FirstAsync(approvals.Select(s => (Func<Task<ApprovalsDigestSection>>)(() => s.GetAsync(query, ct))), "approvals").ConfigureAwait(false);
        var publishingSection = await FirstAsync(publishing.Select(s => (Func<Task<PublishingDigestSection>>)(() => s.GetAsync(query, ct))), "publishing").ConfigureAwait(false);
        var mentionsSection = await FirstAsync(mentions.Select(s => (Func<Task<MentionsDigestSection>>)(() => s.GetAsync(query, ct))), "mentions").ConfigureAwait(false);
        var trendsSection = await FirstAsync(trends.Select(s => (Func<Task<TrendsDigestSection>>)(() => s.GetAsync(query, ct))), "trends").ConfigureAwait(false);
        return Model(query, approvalsSection, publishingSection, mentionsSection, trendsSection, lateNote, viewerIds);
    }

    /// <summary>The card model from the sections (pure; the tests use it directly).</summary>
    public static DigestCardModel Model(
        DigestQuery query,
        ApprovalsDigestSection? approvals,
        PublishingDigestSection? publishing,
        MentionsDigestSection? mentions,
        TrendsDigestSection? trends,
        string? lateNote,
        IReadOnlyCollection<string> viewerIds)
    {
        var local = TimeZoneInfo.ConvertTime(query.Now, query.TimeZone);
        var sections = new List<DigestSectionView>();
        string? viewerLine = null;
        IReadOnlyList<string> refresh = [];
        if (approvals is not null && (approvals.Waiting > 0 || approvals.DecidedYesterday > 0))
        {
            var facts = new List<Fact> { new("Waiting", "approval".ToQuantity(approvals.Waiting)) };
            if (approvals.OldestWaiting is { } oldest && approvals.Waiting > 0)
            {
                facts.Add(new("Oldest", $"waiting {oldest.Humanize(culture: CultureInfo.InvariantCulture)}"));
            }

            if (approvals.ExpiringToday > 0)
            {
                facts.Add(new("Expiring today", approvals.ExpiringToday.ToString(CultureInfo.InvariantCulture)));
            }

            facts.Add(new("Decided yesterday", approvals.DecidedYesterday.ToString(CultureInfo.InvariantCulture)));
            if (approvals.MedianTurnaround is { } median)
            {
                facts.Add(new("Median turnaround", median.Humanize(culture: CultureInfo.InvariantCulture)));
            }

            sections.Add(new DigestSectionView("Approvals", facts, []));
            refresh = [.. (approvals.WaitingApproverChannelIds ?? []).Take(Refresh.MaxUserIds)];
            var mine = approvals.WaitingByApprover.Where(p => viewerIds.Contains(p.Key)).Sum(p => p.Value);
            if (mine > 0)
            {
                viewerLine = $"{"approval".ToQuantity(mine)} {(mine == 1 ? "waits" : "wait")} for you";
            }
        }

        if (publishing is { ScheduledToday.Count: > 0 })
        {
            var lines = publishing.ScheduledToday.OrderBy(p => p.PublishAt).Take(10).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(p.PublishAt, query.TimeZone):HH:mm} · {string.Join(", ", p.Networks)} · {Excerpt(p.Excerpt)}"));
            sections.Add(new DigestSectionView("Publishing today", [new("Scheduled", "post".ToQuantity(publishing.ScheduledToday.Count))], [.. lines]));
        }

        if (mentions is { Total: > 0 })
        {
            var facts = new List<Fact>
            {
                new("Last 24 hours", "mention".ToQuantity(mentions.Total)),
                new("Priority", $"{mentions.High} high · {mentions.Normal} normal · {mentions.Low} low"),
                new("Tone", $"{mentions.Positive} positive · {mentions.Neutral} neutral · {mentions.Negative} negative"),
                new("Unhandled", mentions.Unhandled.ToString(CultureInfo.InvariantCulture)),
            };
            if (mentions.MedianTimeToHandle is { } handle)
            {
                facts.Add(new("Median time to handle", handle.Humanize(culture: CultureInfo.InvariantCulture)));
            }

            var lines = mentions.Top.Take(3).Select(m => $"{m.AuthorName} ({"follower".ToQuantity(m.Followers)}, {m.Source}): {Excerpt(m.Excerpt)}");
            sections.Add(new DigestSectionView("Mentions", facts, [.. lines]));
        }

        if (trends is { Top.Count: > 0 })
        {
            var lines = trends.Top.Take(3).Select(t => $"{t.Term} · {"mention".ToQuantity(t.Count)} · {t.Change}");
            sections.Add(new DigestSectionView("Trending", [], [.. lines]));
        }

        var title = string.Create(CultureInfo.InvariantCulture, $"Daily digest · {local:ddd d MMM}");
        return new DigestCardModel(title, sections, lateNote, viewerLine, refresh);
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 119), "…");

    private async Task<T?> FirstAsync<T>(IEnumerable<Func<Task<T>>> calls, string section)
        where T : class
    {
        foreach (var call in calls)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSectionFailed(ex, section);
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "The digest's {Section} section failed; the digest is sent without it.")]
    private partial void LogSectionFailed(Exception exception, string section);
}
