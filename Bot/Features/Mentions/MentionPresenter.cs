using Humanizer;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Trends;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>Stored mentions as the texts the mention cards show.</summary>
internal sealed class MentionPresenter(TimeProvider clock)
{
    public MentionView View(StoredMention stored, string? ruleQuery)
    {
        var mention = stored.Mention;
        var now = clock.GetUtcNow();
        var author = mention.Author.Handle is { Length: > 0 } handle
            ? mention.Author.Name is { Length: > 0 } name && !string.Equals(name, handle, StringComparison.Ordinal) ? $"{handle} ({name})" : handle
            : mention.Author.Name ?? "someone";
        string? status = stored.HandledBy is { } handledBy
            ? $"Handled by {handledBy.Name ?? "a teammate"} · {(stored.HandledAt ?? now).Humanize(now)}"
            : stored.AssignedTo is { } assigned ? $"Assigned to {assigned.Name ?? "a teammate"}" : null;
        return new MentionView(
            stored.Key,
            mention.Source.ToString(),
            author,
            mention.Author.Followers is { } followers ? Reach.Describe(followers) : null,
            mention.Text,
            stored.Priority.ToString(),
            stored.Tone.ToString().ToLowerInvariant(),
            stored.Reasons,
            ruleQuery,
            mention.CreatedAt.Humanize(now),
            Uri.TryCreate(mention.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
            status,
            stored.HandledBy is not null);
    }

    public static string Count(long count) => "new mention".ToQuantity(count);

    /// <summary>"7 new mentions", or "9 new mentions · 2 high priority" when High ones went over the hourly alert cap.</summary>
    public static string BatchTitle(IReadOnlyCollection<StoredMention> batch)
    {
        var high = batch.Count(m => m.Priority == MentionPriority.High);
        return high == 0 ? Count(batch.Count) : $"{Count(batch.Count)} · {high} high priority";
    }

    public static MentionTone ToneOf(StoredMention mention) => mention.Tone;
}
