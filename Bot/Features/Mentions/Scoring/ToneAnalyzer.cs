using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Features.Mentions.Scoring;

/// <summary>What the word lists say about a text: its tone and the urgency words in it.</summary>
internal sealed record ToneReading(MentionTone Tone, int NegativeHits, int PositiveHits, IReadOnlyList<string> UrgencyWords);

/// <summary>
/// Tone from word lists with negation: a negator ("not", "never", "don't"…) up to three words before a tone word flips
/// a positive word to negative ("not good") and cancels a negative one ("not bad"). Entries of two words ("never again",
/// "rip off") are matched as phrases before single words.
/// </summary>
internal static class ToneAnalyzer
{
    private const int NegationReach = 3;

    public static ToneReading Read(string text)
    {
        // Apostrophes go first so "don't" is one word, "dont", as in the negator list.
        var words = MentionText.From(text.Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal)).Words;
        int negative = 0, positive = 0;
        var urgency = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var pair = i + 1 < words.Count ? words[i] + " " + words[i + 1] : null;
            if (pair is not null && ToneLexicon.Urgency.Contains(pair) && !urgency.Contains(pair))
            {
                urgency.Add(pair);
            }
            else if (ToneLexicon.Urgency.Contains(words[i]) && !urgency.Contains(words[i]))
            {
                urgency.Add(words[i]);
            }

            var (entry, length) = pair is not null && (ToneLexicon.Negative.Contains(pair) || ToneLexicon.Positive.Contains(pair)) ? (pair, 2) : (words[i], 1);
            var isNegative = ToneLexicon.Negative.Contains(entry);
            var isPositive = ToneLexicon.Positive.Contains(entry);
            if (!isNegative && !isPositive)
            {
                continue;
            }

            // A listed phrase that starts with a negator ("never again") carries its own tone.
            var negated = !(length == 2 && ToneLexicon.Negators.Contains(words[i])) && IsNegated(words, i);
            if (isPositive)
            {
                (negated ? ref negative : ref positive)++;
            }
            else if (!negated)
            {
                negative++;
            }

            i += length - 1;
        }

        var tone = negative > positive ? MentionTone.Negative : positive > negative ? MentionTone.Positive : MentionTone.Neutral;
        return new ToneReading(tone, negative, positive, urgency);
    }

    private static bool IsNegated(IReadOnlyList<string> words, int index)
    {
        for (var k = Math.Max(0, index - NegationReach); k < index; k++)
        {
            if (ToneLexicon.Negators.Contains(words[k]))
            {
                return true;
            }
        }

        return false;
    }
}
