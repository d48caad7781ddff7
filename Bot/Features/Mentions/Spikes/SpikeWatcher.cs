using System.Collections.Concurrent;
using System.Text.Json;
using Humanizer;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions.Spikes;

/// <summary>
/// Counts each new match per rule and hour and, when an hour goes above the rule's usual volume (mean + k·σ of the
/// previous 7 days, at least the minimum volume), sends one spike card to the rule's chat. A cool-down claim per rule
/// in the store makes every instance agree on one card per spike.
/// </summary>
internal sealed partial class SpikeWatcher(
    RuleVolume volume,
    IStateStore store,
    MentionStore mentions,
    MentionPresenter presenter,
    IConversationReferenceStore references,
    IProactiveSender sender,
    IOptions<MentionsOptions> options,
    TimeProvider clock,
    ILogger<SpikeWatcher> logger)
{
    private const int SamplesRead = 500;
    private static readonly TimeSpan AlertKept = TimeSpan.FromDays(2);
    private readonly ConcurrentDictionary<(string Tenant, string Rule, DateTimeOffset Hour), SpikeBaseline> baselines = new();
    private readonly string owner = Guid.NewGuid().ToString("N");

    public async Task ObserveAsync(StoredMention mention, IReadOnlyList<TrackedRule> matched, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var hour = RuleVolume.Hour(now);
        var tenantId = mention.Mention.TenantId;
        foreach (var rule in matched)
        {
            var count = await volume.CountAsync(tenantId, rule.RuleId, now, ct).ConfigureAwait(false);
            if (count < settings.SpikeMinimumVolume)
            {
                continue;
            }

            var baseline = await BaselineAsync(tenantId, rule.RuleId, hour, ct).ConfigureAwait(false);
            if (!SpikeDetector.IsSpike(count, baseline, settings.SpikeMinimumVolume))
            {
                continue;
            }

            var cooldown = StoreKey.For(MentionStore.Tenant(tenantId), "mentions", "spike-cooldown", rule.RuleId);
            if (!await store.TryClaimAsync(cooldown, owner, settings.SpikeCooldown, ct).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await AnnounceAsync(tenantId, rule, count, baseline, hour, now, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next mention of this hour tries again rather than the spike going unannounced for two hours.
                await store.ReleaseClaimAsync(cooldown, owner, CancellationToken.None).ConfigureAwait(false);
                LogAnnounceFailed(logger, exception);
            }
        }
    }

    public async Task<SpikeAlert?> FindAsync(string tenantId, string ruleId, CancellationToken ct)
    {
        var document = await store.GetAsync(AlertKey(tenantId, ruleId), ct).ConfigureAwait(false);
        return document is null ? null : JsonSerializer.Deserialize(document.Utf8Json.Span, SpikesJsonContext.Default.SpikeAlert);
    }

    public Task SaveAsync(SpikeAlert alert, CancellationToken ct) =>
        store.PutAsync(AlertKey(alert.TenantId, alert.RuleId), JsonSerializer.SerializeToUtf8Bytes(alert, SpikesJsonContext.Default.SpikeAlert), PutCondition.Always, AlertKept, ct);

    public async Task<AdaptiveCard> CardAsync(SpikeAlert alert, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var samples = await mentions.ReadAsync(MentionStore.Tenant(alert.TenantId), alert.SampleKeys, ct).ConfigureAwait(false);
        var ratio = alert.Usual >= 1 ? $", {alert.Volume / alert.Usual:0.#}× the usual" : alert.Usual > 0 ? ", usually less than one an hour" : ", usually none";
        var freeze = alert.Freeze is { } f
            ? f.Posts == 0
                ? $"No scheduled posts to freeze · checked by {f.By ?? "a teammate"} · {f.At.Humanize(now)}"
                : $"Frozen {"scheduled post".ToQuantity(f.Posts)} · by {f.By ?? "a teammate"} · {f.At.Humanize(now)}"
            : null;
        return SpikeCard.Build(new SpikeView(
            alert.RuleId,
            alert.Query,
            $"{"mention".ToQuantity(alert.Volume)} in the last hour{ratio}",
            Sparkline.FromCounts([.. alert.LastDay.Select(v => (int)Math.Min(v, int.MaxValue))]),
            alert.TopTerms,
            [.. samples.Select(s => presenter.View(s, alert.Query))],
            freeze,
            NothingFrozen: alert.Freeze is { Posts: 0 }));
    }

    private async Task<SpikeBaseline> BaselineAsync(string tenantId, string ruleId, DateTimeOffset hour, CancellationToken ct)
    {
        // The baseline of an hour never changes during it; old hours are dropped as soon as a new one is asked for.
        if (baselines.TryGetValue((tenantId, ruleId, hour), out var known))
        {
            return known;
        }

        foreach (var stale in baselines.Keys.Where(k => k.Hour < hour))
        {
            baselines.TryRemove(stale, out _);
        }

        var previous = await volume.HoursBeforeAsync(tenantId, ruleId, hour, SpikeDetector.BaselineHours, ct).ConfigureAwait(false);
        var baseline = SpikeDetector.Baseline(previous, options.Value.SpikeSensitivity, options.Value.SpikeMinimumVolume);
        baselines[(tenantId, ruleId, hour)] = baseline;
        return baseline;
    }

    private async Task AnnounceAsync(string tenantId, TrackedRule rule, long count, SpikeBaseline baseline, DateTimeOffset hour, DateTimeOffset now, CancellationToken ct)
    {
        if (await references.FindAsync(tenantId, rule.ConversationId, ct).ConfigureAwait(false) is not { } reference)
        {
            return;
        }

        var lastDay = (await volume.HoursBeforeAsync(tenantId, rule.RuleId, hour, 23, ct).ConfigureAwait(false)).Append(count).ToList();
        var recent = (await mentions.BetweenAsync(tenantId, now.AddHours(-1), now.AddSeconds(1), ct).ConfigureAwait(false))
            .Where(m => m.RuleIds.Contains(rule.RuleId))
            .TakeLast(SamplesRead)
            .ToList();
        // The rule's own words are in every matching mention (alone or in phrases); they say nothing about why it spiked.
        var own = TermExtractor.Extract(rule.Query, null).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var topTerms = recent
            .SelectMany(m => TermExtractor.Extract(m.Mention.Text, m.Mention.Lang).DistinctBy(t => t.Key))
            .Where(t => !t.Key.Split(' ').Any(own.Contains))
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(5)
            .Select(g => g.First().Display)
            .ToList();
        var samples = recent.OrderByDescending(m => m.Mention.Author.Followers ?? 0).Take(3).Select(m => m.Key).ToList();
        var alert = new SpikeAlert(tenantId, rule.RuleId, rule.Query, rule.ConversationId, count, baseline.Mean, lastDay, topTerms, samples, now);
        await SaveAsync(alert, ct).ConfigureAwait(false);
        await sender.SendAsync(reference, CardActivities.Message(reference, await CardAsync(alert, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
    }

    private static StoreKey AlertKey(string tenantId, string ruleId) => StoreKey.For(MentionStore.Tenant(tenantId), "mentions", "spike", ruleId);

    [LoggerMessage(EventId = 5310, Level = LogLevel.Warning, Message = "A mention spike could not be announced; the next mention tries again")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
