using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>The digest's mentions section: the 24 hours before the digest.</summary>
internal sealed class MentionsDigestSource(MentionStore mentions) : IDigestMentionsSource
{
    public async Task<MentionsDigestSection> GetAsync(DigestQuery query, CancellationToken ct)
    {
        var day = await mentions.BetweenAsync(query.TenantId, query.Now.AddHours(-24), query.Now, ct).ConfigureAwait(false);
        var handleTimes = day.Where(m => m.HandledAt is not null).Select(m => m.HandledAt!.Value - m.Mention.CreatedAt).Order().ToList();
        return new MentionsDigestSection(
            day.Count,
            day.Count(m => m.Priority == MentionPriority.High),
            day.Count(m => m.Priority == MentionPriority.Normal),
            day.Count(m => m.Priority == MentionPriority.Low),
            day.Count(m => m.Tone == MentionTone.Positive),
            day.Count(m => m.Tone == MentionTone.Neutral),
            day.Count(m => m.Tone == MentionTone.Negative),
            day.Count(m => m.HandledBy is null && m.Priority != MentionPriority.Low),
            handleTimes.Count == 0 ? null : handleTimes[handleTimes.Count / 2],
            [.. day.OrderByDescending(m => m.Priority).ThenByDescending(m => m.Mention.Author.Followers ?? 0).Take(3).Select(m => new MentionDigestLine(
                m.Mention.Source.ToString(),
                m.Mention.Author.Handle ?? m.Mention.Author.Name ?? "someone",
                m.Mention.Author.Followers ?? 0,
                m.Mention.Text.Length <= 140 ? m.Mention.Text : m.Mention.Text[..140] + "…",
                m.Mention.Url,
                m.Priority.ToString()))]);
    }
}
