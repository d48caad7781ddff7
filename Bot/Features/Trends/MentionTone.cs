namespace SocialBot.Bot.Features.Trends;

/// <summary>Tone of a mention as far as trends care. Local until the tone-scoring slice lands; then the two unify.</summary>
internal enum MentionTone
{
    Negative,
    Neutral,
    Positive,
}
