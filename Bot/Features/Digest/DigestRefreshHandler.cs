using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Digest;

namespace SocialBot.Bot.Features.Digest;

/// <summary><c>digest.refresh</c>: the digest with the presser's own "approvals wait for you" line.</summary>
internal sealed class DigestRefreshHandler(DigestSubscriptionStore subscriptions, DigestComposer composer) : ICardActionHandler
{
    public string Verb => DigestCard.RefreshVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
    {
        var subscription = await subscriptions.FindAsync(turn.TenantId, turn.ConversationId, ct).ConfigureAwait(false);
        var zone = subscription?.Schedule.TimeZone ?? TimeZoneInfo.Utc;
        var viewer = new[] { turn.User.Id, turn.User.ChannelAccountId ?? string.Empty };
        var card = await composer.ComposeAsync(new DigestQuery(turn.TenantId, turn.ConversationId, turn.Clock.GetUtcNow(), zone), null, viewer, ct).ConfigureAwait(false);
        return CardActionResult.WithCard(card);
    }
}
