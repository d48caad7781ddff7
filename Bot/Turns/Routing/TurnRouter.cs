using System.Text.Json;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Turns.Routing;

/// <summary>
/// Dispatches a turn. Order (ARCHITECTURE.md): global interruptions (<c>cancel</c>, <c>help</c>) → the user's active
/// dialog → commands → card actions by verb → help fallback. The router decides nothing itself.
/// </summary>
internal sealed class TurnRouter
{
    private readonly CommandCatalog commands;
    private readonly IHelpResponder help;
    private readonly Dictionary<string, ICardActionHandler> actions;
    private readonly Dictionary<string, IInvokeHandler> invokes;
    private readonly IReadOnlyList<IInstallationHandler> installs;
    private readonly IDialogBridge dialogs;

    public TurnRouter(
        IEnumerable<ICommand> commands,
        IEnumerable<ICardActionHandler> actions,
        IEnumerable<IInvokeHandler> invokes,
        IEnumerable<IInstallationHandler> installs,
        IDialogBridge dialogs,
        IHelpResponder help)
    {
        this.help = help;
        this.commands = new CommandCatalog([new HelpInterruption(this), new CancelInterruption(dialogs, help), .. commands]);
        this.actions = Unique(actions, a => a.Verb, "card action verb");
        this.invokes = Unique(invokes, i => i.InvokeName, "invoke name");
        this.installs = installs.ToList();
        this.dialogs = dialogs;
    }

    public static readonly string[] InterruptionNames = ["cancel", "help"];

    /// <summary>Every command, for help and for checking the Teams manifest's command list.</summary>
    public IReadOnlyList<CommandDescriptor> Descriptors => commands.Commands.Select(c => c.Descriptor).ToList();

    /// <summary>Runs a command as if the user had typed it (buttons on the help and welcome cards).</summary>
    public async Task<bool> RunCommandAsync(TurnContext turn, string text, CancellationToken ct)
    {
        if (commands.Match(text) is not { } match)
        {
            return false;
        }

        await match.Command.ExecuteAsync(turn, match, ct);
        return true;
    }

    public async Task RouteMessageAsync(TurnContext turn, CancellationToken ct)
    {
        var text = turn.Command.Text;
        var match = commands.Match(text);
        if (match is not null && InterruptionNames.Contains(match.Command.Descriptor.Name, StringComparer.OrdinalIgnoreCase))
        {
            await match.Command.ExecuteAsync(turn, match, ct);
            return;
        }

        if (await dialogs.TryContinueAsync(turn, ct))
        {
            return;
        }

        if (match is not null)
        {
            await match.Command.ExecuteAsync(turn, match, ct);
            return;
        }

        await help.UnknownCommandAsync(turn, text, commands.Suggest(text), Descriptors, ct);
    }

    public Task ShowHelpAsync(TurnContext turn, CancellationToken ct) => help.ShowHelpAsync(turn, Descriptors, ct);

    public async Task<InvokeResponse> RouteInvokeAsync(TurnContext turn, CancellationToken ct)
    {
        var name = turn.Activity.Name ?? string.Empty;
        if (string.Equals(name, "adaptiveCard/action", StringComparison.OrdinalIgnoreCase))
        {
            var result = await RouteCardActionAsync(turn, ct);
            return result.ToInvokeResponse();
        }

        // The reference SDK answers 501 here; a 4xx says the same ("not something this bot does") without looking like
        // a server fault, and Teams does not retry it (it re-sends invokes that got a 5xx).
        return invokes.TryGetValue(name, out var handler)
            ? await handler.HandleAsync(turn, ct)
            : new InvokeResponse(StatusCodes.Status400BadRequest, UnknownInvoke(name));
    }

    private static System.Text.Json.JsonElement UnknownInvoke(string name)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = "UnknownInvoke",
            ["message"] = $"SocialBot does not handle the invoke '{(name.Length <= 80 ? name : name[..80])}'.",
        };
        using var document = System.Text.Json.JsonDocument.Parse(body.ToJsonString());
        return document.RootElement.Clone();
    }

    public async Task RouteInstallAsync(TurnContext turn, CancellationToken ct)
    {
        foreach (var handler in installs)
        {
            await handler.OnInstalledAsync(turn, ct);
        }
    }

    private async Task<CardActionResult> RouteCardActionAsync(TurnContext turn, CancellationToken ct)
    {
        if (ReadAction(turn.Activity) is not { } action)
        {
            return CardActionResult.WithMessage("That button sent nothing I understand. Type **help** to start again.");
        }

        if (string.Equals(action.Verb, SocialBot.Cards.Onboarding.HelpCard.RunCommandVerb, StringComparison.OrdinalIgnoreCase))
        {
            // Help and welcome buttons run a command as if it had been typed; its replies arrive as messages.
            return await RunCommandAsync(turn, action.GetString("command") ?? string.Empty, ct)
                ? CardActionResult.WithMessage("On it.")
                : CardActionResult.WithMessage("That button is from an older version of this card. Type **help** to see what I can do now.");
        }

        if (await dialogs.TryContinueAsync(turn, action, ct) is { } dialogResult)
        {
            return dialogResult;
        }

        return actions.TryGetValue(action.Verb, out var handler)
            ? await handler.ExecuteAsync(turn, action, ct)
            : CardActionResult.WithMessage("That button is from an older version of this card. Type **help** to see what I can do now.");
    }

    /// <summary>Reads <c>value.action</c> of an <c>adaptiveCard/action</c> invoke: <c>{type:"Action.Execute", verb, data}</c>.</summary>
    internal static CardActionRequest? ReadAction(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value ||
            !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object ||
            !action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String ||
            verb.GetString() is not { Length: > 0 } verbText)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : EmptyObject;
        return new CardActionRequest(verbText, data);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static Dictionary<string, T> Unique<T>(IEnumerable<T> items, Func<T, string> key, string what)
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (!map.TryAdd(key(item), item))
            {
                throw new InvalidOperationException(
                    $"The {what} '{key(item)}' is handled by both {map[key(item)]!.GetType().Name} and {item!.GetType().Name}.");
            }
        }

        return map;
    }
}

/// <summary>Shows help: on request, after <c>cancel</c>, and for text the router could not place (with a suggestion).</summary>
internal interface IHelpResponder
{
    Task ShowHelpAsync(TurnContext turn, IReadOnlyList<CommandDescriptor> commands, CancellationToken ct);

    Task UnknownCommandAsync(TurnContext turn, string typed, string? suggestion, IReadOnlyList<CommandDescriptor> commands, CancellationToken ct);

    Task CancelledAsync(TurnContext turn, bool hadActiveFlow, CancellationToken ct);
}

/// <summary><c>help</c>: a global interruption, answered even in the middle of a flow.</summary>
file sealed class HelpInterruption(TurnRouter router) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("help", "help", "Show what I can do.");

    public Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
        router.ShowHelpAsync(turn, ct);
}

/// <summary><c>cancel</c>: leaves the current multi-step flow.</summary>
file sealed class CancelInterruption(IDialogBridge dialogs, IHelpResponder help) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("cancel", "cancel", "Leave the current multi-step flow.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
        await help.CancelledAsync(turn, await dialogs.CancelAsync(turn, ct), ct);
}
