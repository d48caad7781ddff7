using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Onboarding;

namespace SocialBot.Bot.Features.Onboarding;

/// <summary>Help built from the registered commands, so it never lists a command the bot does not have.</summary>
internal sealed class HelpResponder : IHelpResponder
{
    private static readonly HelpButton[] MainActions =
    [
        new("✍️ New post", "new post"),
        new("My drafts", "my drafts"),
        new("Pending approvals", "pending"),
        new("Trends", "trends"),
        new("Mentions", "mentions"),
    ];

    public Task ShowHelpAsync(TurnContext turn, IReadOnlyList<CommandDescriptor> commands, CancellationToken ct) =>
        turn.SendCardAsync(HelpCard.Build(Model(commands)), ct);

    public Task UnknownCommandAsync(TurnContext turn, string typed, string? suggestion, IReadOnlyList<CommandDescriptor> commands, CancellationToken ct) =>
        turn.SendCardAsync(HelpCard.Build(Model(commands) with { NotUnderstood = typed, Suggestion = suggestion }), ct);

    public Task CancelledAsync(TurnContext turn, bool hadActiveFlow, CancellationToken ct) =>
        turn.SendTextAsync(hadActiveFlow ? "Okay, cancelled. Nothing was saved from that step." : "There's nothing to cancel right now.", ct);

    public static IReadOnlyList<HelpButton> ButtonsFor(IReadOnlyList<CommandDescriptor> commands) =>
        MainActions.Where(b => commands.Any(c => string.Equals(c.Name, b.Command, StringComparison.OrdinalIgnoreCase))).ToList();

    private static HelpCardModel Model(IReadOnlyList<CommandDescriptor> commands) => new(
        commands.Where(c => c.ShowInHelp).Select(c => new HelpEntry(c.Usage, c.Summary)).ToList(),
        ButtonsFor(commands));
}
