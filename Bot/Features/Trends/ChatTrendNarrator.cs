using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// A two-to-three sentence summary of the top terms from the configured language model. Only the numbers and the terms
/// are sent, never mention texts or authors. <see cref="TimedTrendNarrator"/> bounds it.
/// </summary>
internal sealed class ChatTrendNarrator(IChatClient chat) : ITrendNarrator
{
    private const int MaxTerms = 5;
    private const int MaxLength = 600;

    public async Task<string?> NarrateAsync(IReadOnlyList<TrendingTerm> terms, TrendWindow window, CancellationToken cancellationToken)
    {
        var facts = new StringBuilder();
        foreach (var term in terms.Take(MaxTerms))
        {
            facts.AppendLine(CultureInfo.InvariantCulture, $"- {term.Display}: {term.Count} mentions, {TrendHeadline.Change(term)} vs usual, {term.Tone.NegativePercent}% negative, {term.Tone.PositivePercent}% positive");
        }

        var response = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "You brief a company's social-media team. In two or three short sentences, say what is rising in brand mentions and what might deserve attention. Use only the numbers given. No lists, no markdown, no greeting."),
                new ChatMessage(ChatRole.User, $"Rising terms in the last {window.Describe()}:\n{facts}"),
            ],
            new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 160 },
            cancellationToken).ConfigureAwait(false);
        var text = response.Text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length <= MaxLength ? text : text[..MaxLength].TrimEnd() + "…";
    }
}
