using System.Globalization;
using Humanizer;
using SocialBot.Bot.Features.Mentions.Feeds;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>Adds a rule for this conversation from a <c>track</c> query.</summary>
internal sealed class RuleTracker(MentionRuleStore rules, FeedTracker feeds)
{
    public const string Example = "track \"acme cloud\" OR #acme -jobs";

    public async Task<string> TrackAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("feed ", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("feed", StringComparison.OrdinalIgnoreCase))
        {
            return await feeds.TrackAsync(turn, trimmed[4..], ct).ConfigureAwait(false);
        }

        var parsed = MentionQueryParser.Parse(text);
        if (parsed.Query is not { } query)
        {
            return $"I couldn't read that query: {parsed.Error} Example: **{Example}**";
        }

        var rule = await rules.AddAsync(turn.TenantId, turn.ConversationId, query, turn.User.Id, ct).ConfigureAwait(false);
        return rule is null
            ? $"This chat already tracks “{query.Text}”, or has {MentionRuleStore.MaxRulesPerConversation} rules. Type **tracking** to see them."
            : $"Tracking rule {rule.Number}: “{query.Text}”{(query.Priority == RulePriority.Normal ? string.Empty : $" ({query.Priority.ToString().ToLowerInvariant()} priority)")}. High-priority mentions arrive here at once, the rest in a summary every 15 minutes.";
    }
}

internal sealed class TrackCommand(RuleTracker tracker) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("track", "track <query>", "Watch mentions of words, \"phrases\", #hashtags or @handles here.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
        await turn.SendTextAsync(await tracker.TrackAsync(turn, match.Arguments, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
}

internal sealed class UntrackCommand(MentionRuleStore rules, FeedTracker feeds) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("untrack", "untrack <n>", "Stop a tracking rule or feed (numbers from **tracking**).");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        if (await feeds.UntrackAsync(turn, match.Arguments, ct).ConfigureAwait(false) is { } feedAnswer)
        {
            await turn.SendTextAsync(feedAnswer, ct).ConfigureAwait(false);
            return;
        }

        if (!int.TryParse(match.Arguments.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            await turn.SendTextAsync("Which rule? Type **tracking** to see the numbers, then for example **untrack 2**.", ct).ConfigureAwait(false);
            return;
        }

        var removed = await rules.RemoveAsync(turn.TenantId, turn.ConversationId, number, ct).ConfigureAwait(false);
        await turn.SendTextAsync(removed is null
            ? $"This chat has no rule {number}. Type **tracking** to see them."
            : $"Stopped rule {number}: “{removed.Query}”.", ct).ConfigureAwait(false);
    }
}

internal sealed class TrackingCommand(MentionRuleStore rules, FeedTracker feeds) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("tracking", "tracking", "The mention rules and feeds of this chat.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var list = await rules.ListAsync(turn.TenantId, turn.ConversationId, ct).ConfigureAwait(false);
        var feedLines = await feeds.LinesAsync(turn, ct).ConfigureAwait(false);
        var parts = new List<string>();
        if (list.Count > 0)
        {
            parts.Add($"This chat tracks {"rule".ToQuantity(list.Count)}:\n\n" + string.Join("\n", list.Select(r => $"{r.Number}. {r.Query}{(r.Priority == RulePriority.Normal ? string.Empty : $" — {r.Priority.ToString().ToLowerInvariant()} priority")}")));
        }

        if (feedLines.Count > 0)
        {
            parts.Add($"{(parts.Count == 0 ? "This chat follows" : "It also follows")} {"feed".ToQuantity(feedLines.Count)}:\n\n" + string.Join("\n", feedLines));
        }

        await turn.SendTextAsync(parts.Count == 0
            ? $"This chat tracks nothing yet. Try **{RuleTracker.Example}** or **{FeedTracker.Example}**."
            : string.Join("\n\n", parts), ct).ConfigureAwait(false);
    }
}

/// <summary>
/// <c>mentions</c>: in a chat that tracks something, its own unhandled mentions; in any other chat (a personal chat,
/// typically) those of every chat of the team, so an approver can triage from anywhere.
/// </summary>
internal sealed class MentionsCommand(MentionStore mentions, MentionRuleStore rules, MentionPresenter presenter) : ICommand
{
    public const int Shown = 10;

    public CommandDescriptor Descriptor { get; } = new("mentions", "mentions", "Recent unhandled mentions, most important first.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var (found, total) = await mentions.UnhandledAsync(turn.TenantId, turn.ConversationId, Shown, ct).ConfigureAwait(false);
        var everywhere = total == 0 && (await rules.ListAsync(turn.TenantId, turn.ConversationId, ct).ConfigureAwait(false)).Count == 0;
        if (everywhere)
        {
            (found, total) = await mentions.UnhandledAsync(turn.TenantId, null, Shown, ct).ConfigureAwait(false);
        }

        var title = (total == 0 ? "No unhandled mentions" : "unhandled mention".ToQuantity(total)) + (everywhere ? " across all tracked chats" : string.Empty);
        await turn.SendCardAsync(MentionCards.Summary(title, [.. found.Select(m => presenter.View(m, null))], Math.Max(0, total - found.Count)), ct).ConfigureAwait(false);
    }
}

/// <summary><c>mentions.track</c> (the trends card's "Track this").</summary>
internal sealed class TrackThisButton(RuleTracker tracker) : ICardActionHandler
{
    public string Verb => "mentions.track";

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct) =>
        CardActionResult.WithMessage(await tracker.TrackAsync(turn, request.GetString("query") ?? string.Empty, ct).ConfigureAwait(false));
}

/// <summary>Assign to me, Mark handled and Mute author on a mention card; the card updates in place.</summary>
internal sealed class MentionButton(string verb, MentionStore mentions, MentionDelivery delivery, MentionPresenter presenter, TimeProvider clock) : ICardActionHandler
{
    public string Verb { get; } = verb;

    public static IReadOnlyList<string> Verbs { get; } = [MentionCards.AssignVerb, MentionCards.HandleVerb, MentionCards.MuteVerb];

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        var key = request.GetString("mention") ?? string.Empty;
        var actor = new MentionActor(turn.User.Id, turn.User.Name);
        var current = await mentions.GetAsync(turn.TenantId, key, ct).ConfigureAwait(false);
        if (current is null)
        {
            return CardActionResult.WithMessage("That mention is no longer kept (mentions are kept 30 days).");
        }

        if (Verb == MentionCards.MuteVerb)
        {
            if (current.Mention.Author.Handle is not { Length: > 0 } handle)
            {
                return CardActionResult.WithMessage("This mention has no author handle to mute.");
            }

            await delivery.MuteAsync(turn.TenantId, handle, ct).ConfigureAwait(false);
            return CardActionResult.WithMessage($"Muted {handle}: their mentions are still kept and counted, but won't alert this team.");
        }

        var updated = await mentions.UpdateAsync(turn.TenantId, key, stored => Verb == MentionCards.HandleVerb
            ? stored.HandledBy is null ? stored with { HandledBy = actor, HandledAt = clock.GetUtcNow() } : null
            : stored.HandledBy is null ? stored with { AssignedTo = actor } : null, ct).ConfigureAwait(false);
        var rule = request.GetString(MentionCards.RuleField) is { Length: > 0 and <= MentionQueryParser.MaxLength } echoed ? echoed : null;
        var view = presenter.View(updated ?? current, rule);
        if (request.GetString(MentionCards.SummaryMarker) is not null)
        {
            // A summary card lists other mentions too; replacing it with one alert would hide them.
            return CardActionResult.WithMessage(view.Status ?? "Done.");
        }

        var card = MentionCards.Alert(view);
        if (turn.Activity.ReplyToId is { Length: > 0 } cardMessage)
        {
            try
            {
                // Everyone in the chat sees the new state, not only the person who pressed.
                await turn.UpdateCardAsync(cardMessage, card, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The presser still gets the new card from the invoke response; others see it on their next refresh.
            }
        }

        return CardActionResult.WithCard(card);
    }
}
