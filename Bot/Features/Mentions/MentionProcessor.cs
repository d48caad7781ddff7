using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Mentions.Spikes;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// Every accepted mention: match the tenant's rules, score it, store it, count it for trends and deliver it to each
/// conversation whose rule matched. Each step is idempotent, so a redelivery after a crash finishes the work once.
/// </summary>
internal sealed class MentionProcessor(MentionRuleStore rules, MentionScorer scorer, MentionStore mentions, TrendCounter trends, MentionDelivery delivery, SpikeWatcher spikes) : IMentionProcessor
{
    public async Task ProcessAsync(IncomingMention mention, CancellationToken ct)
    {
        var (book, compiled) = await rules.ReadCompiledAsync(mention.TenantId, ct).ConfigureAwait(false);
        var matchedIds = compiled.Match(mention);
        var matched = book.Rules.Where(r => matchedIds.Contains(r.RuleId)).ToList();
        var rulePriority = matched.Count == 0 ? RulePriority.Normal : matched.Max(r => r.Priority);
        var assessment = await scorer.AssessAsync(mention, rulePriority, ct).ConfigureAwait(false);
        var conversations = matched.Select(r => r.ConversationId)
            .Concat(mention.FeedConversationId is { } feed ? [feed] : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var stored = new StoredMention(mention, assessment.Priority, assessment.Tone, assessment.Reasons, matchedIds, conversations);

        if (await mentions.AddAsync(stored, ct).ConfigureAwait(false))
        {
            // Counted once: a redelivered mention must not inflate its rule's hourly volume.
            await spikes.ObserveAsync(stored, matched, ct).ConfigureAwait(false);
        }
        else
        {
            // A redelivery: keep what the team did with it since, but still finish any delivery that did not happen.
            stored = await mentions.GetAsync(mention.TenantId, stored.Key, ct).ConfigureAwait(false) ?? stored;
        }

        await trends.RecordAsync(mention, assessment.Tone, matchedIds, ct).ConfigureAwait(false);
        foreach (var conversation in conversations)
        {
            var rule = matched.FirstOrDefault(r => r.ConversationId == conversation);
            await delivery.DeliverAsync(stored, conversation, rule?.Query, ct).ConfigureAwait(false);
        }
    }
}
