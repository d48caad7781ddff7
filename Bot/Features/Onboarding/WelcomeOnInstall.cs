using SocialBot.Bot.State;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Onboarding;

namespace SocialBot.Bot.Features.Onboarding;

/// <summary>
/// Posts the welcome card once per install. Teams sends both <c>conversationUpdate</c> (bot added) and
/// <c>installationUpdate</c> (add) for one install, so a short claim keeps it to one card.
/// </summary>
internal sealed class WelcomeOnInstall(IStateStore store, IServiceProvider services) : IInstallationHandler
{
    private static readonly TimeSpan OncePer = TimeSpan.FromDays(1);

    public async Task OnInstalledAsync(TurnContext turn, CancellationToken ct)
    {
        var key = StoreKey.For(StoreKey.TenantOrDefault(turn.TenantId), "welcome", StoreKey.Digest(turn.ConversationId));
        if (!await store.TryClaimAsync(key, "welcome", OncePer, ct))
        {
            return;
        }

        // The router owns the command list and depends on this handler, so it is resolved when needed.
        var commands = services.GetRequiredService<TurnRouter>().Descriptors;
        await turn.SendCardAsync(HelpCard.Welcome(HelpResponder.ButtonsFor(commands), turn.IsPersonal), ct);
    }
}
