using System.Globalization;
using Microsoft.Extensions.AI;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions.Scoring;

internal enum MentionPriority
{
    Low,
    Normal,
    High,
}

/// <summary>The verdict on one mention, with the reasons people see on the alert card.</summary>
internal sealed record MentionAssessment(MentionPriority Priority, MentionTone Tone, IReadOnlyList<string> Reasons);

/// <summary>
/// Priority from points: negative tone +2, an urgency word +2, reach (100K followers +2, 10K +1), rule priority
/// (high +2, low −2). Negative and urgent together is always High; 4 points or more is High; below 0 is Low; the rest
/// Normal. When a language model is configured it may correct the word-list tone (2-second limit; the word lists win
/// on timeout, failure or an answer that is not one of the three tones).
/// </summary>
internal sealed partial class MentionScorer(IEnumerable<IChatClient> chatClients, ILogger<MentionScorer> logger)
{
    public static readonly TimeSpan ModelTimeout = TimeSpan.FromSeconds(2);

    // A language model is optional: AddLanguageModel registers one only when AI:* is configured.
    private readonly IChatClient? chat = chatClients.FirstOrDefault();

    public async Task<MentionAssessment> AssessAsync(IncomingMention mention, RulePriority rulePriority, CancellationToken ct)
    {
        var reading = ToneAnalyzer.Read(mention.Text);
        var tone = chat is null ? reading.Tone : await RefineToneAsync(mention.Text, reading.Tone, ct).ConfigureAwait(false);
        return Score(tone, reading.UrgencyWords, mention.Author.Followers ?? 0, rulePriority);
    }

    public static MentionAssessment Score(MentionTone tone, IReadOnlyList<string> urgencyWords, long followers, RulePriority rulePriority)
    {
        var points = 0;
        var reasons = new List<string>();
        if (tone == MentionTone.Negative)
        {
            points += 2;
            reasons.Add("negative tone");
        }

        if (urgencyWords.Count > 0)
        {
            points += 2;
            reasons.Add("urgent: " + string.Join(", ", urgencyWords.Take(3)));
        }

        if (followers >= 100_000)
        {
            points += 2;
            reasons.Add(Reach.Describe(followers));
        }
        else if (followers >= 10_000)
        {
            points += 1;
            reasons.Add(Reach.Describe(followers));
        }

        if (rulePriority == RulePriority.High)
        {
            points += 2;
            reasons.Add("high-priority rule");
        }
        else if (rulePriority == RulePriority.Low)
        {
            points -= 2;
            reasons.Add("low-priority rule");
        }

        var priority = (tone == MentionTone.Negative && urgencyWords.Count > 0) || points >= 4
            ? MentionPriority.High
            : points < 0 ? MentionPriority.Low : MentionPriority.Normal;
        return new MentionAssessment(priority, tone, reasons);
    }

    private async Task<MentionTone> RefineToneAsync(string text, MentionTone fallback, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ModelTimeout);
        try
        {
            var response = await chat!.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System, "Classify the tone of this social media post about a brand. Answer with exactly one word: positive, neutral or negative."),
                    new ChatMessage(ChatRole.User, text.Length > 2_000 ? text[..2_000] : text),
                ],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 5 },
                limit.Token).WaitAsync(ModelTimeout, ct).ConfigureAwait(false);
            return response.Text?.Trim().Trim('.', '"').ToLowerInvariant() switch
            {
                "positive" => MentionTone.Positive,
                "neutral" => MentionTone.Neutral,
                "negative" => MentionTone.Negative,
                _ => fallback,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogModelFailed(logger, exception.GetType().Name);
            return fallback;
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "The tone model did not answer in time or failed ({Error}); using the word lists.")]
    private static partial void LogModelFailed(ILogger logger, string error);
}
