using Humanizer;
using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Mentions;

namespace SocialBot.Bot.Features.Mentions.Spikes;

/// <summary>"Freeze scheduled posts" and "Unfreeze" on a spike card; admins and approvers only; the card updates for everyone.</summary>
internal sealed class SpikeButton(string verb, SpikeWatcher spikes, IScheduledPostFreezer freezer, TimeProvider clock) : ICardActionHandler
{
    public string Verb { get; } = verb;

    public static IReadOnlyList<string> Verbs { get; } = [SpikeCard.FreezeVerb, SpikeCard.UnfreezeVerb];

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        var ruleId = request.GetString("rule") ?? string.Empty;
        if (ruleId.Length is 0 or > 64 || await spikes.FindAsync(turn.TenantId, ruleId, ct).ConfigureAwait(false) is not { } alert)
        {
            return CardActionResult.WithMessage("This spike is no longer kept (spikes are kept two days). Scheduled posts can still be re-approved from their approval cards.");
        }

        var person = new DraftPerson(turn.User.Id, turn.User.ChannelAccountId, turn.User.Name);
        if (!await freezer.MayFreezeAsync(turn.TenantId, person, ct).ConfigureAwait(false))
        {
            return CardActionResult.WithMessage("Only the social team's approvers and admins can freeze or release scheduled posts. Nothing changed.");
        }

        string message;
        if (Verb == SpikeCard.FreezeVerb)
        {
            var frozen = await freezer.FreezeAsync(turn.TenantId, person, $"Mention spike on “{alert.Query}”", ct).ConfigureAwait(false);
            alert = alert with { Freeze = new SpikeFreeze(frozen, turn.User.Name, clock.GetUtcNow()) };
            message = frozen == 0 ? "There were no approved posts waiting to go out." : $"Froze {"scheduled post".ToQuantity(frozen)}; they wait until someone re-approves them or presses Unfreeze.";
        }
        else
        {
            var released = await freezer.UnfreezeAsync(turn.TenantId, person, ct).ConfigureAwait(false);
            alert = alert with { Freeze = null };
            message = released == 0 ? "Nothing was frozen any more." : $"Released {"post".ToQuantity(released)}: they are approved again and go out as scheduled.";
        }

        await spikes.SaveAsync(alert, ct).ConfigureAwait(false);
        var card = await spikes.CardAsync(alert, ct).ConfigureAwait(false);
        if (turn.Activity.ReplyToId is { Length: > 0 } cardMessage)
        {
            try
            {
                await turn.UpdateCardAsync(cardMessage, card, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The presser gets the new card from the invoke response; the others see it when the chat reloads.
                return CardActionResult.WithCard(card);
            }
        }

        return turn.Activity.ReplyToId is { Length: > 0 } ? CardActionResult.WithCard(card) : CardActionResult.WithMessage(message);
    }
}
