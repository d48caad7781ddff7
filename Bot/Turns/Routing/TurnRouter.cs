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
    private readonly Dictionary<string, ICardActionHandler> actions;
    private readonly Dictionary<string, IInvokeHandler> invokes;
    private readonly IReadOnlyList<IInstallationHandler> installs;
    private readonly IDialogBridge dialogs;
    private readonly IFallbackResponder fallback;

    public TurnRouter(
        CommandCatalog commands,
        IEnumerable<ICardActionHandler> actions,
        IEnumerable<IInvokeHandler> invokes,
        IEnumerable<IInstallationHandler> installs,
        IDialogBridge dialogs,
        IFallbackResponder fallback)
    {
        this.commands = commands;
        this.actions = Unique(actions, a => a.Verb, "card action verb");
        this.invokes = Unique(invokes, i => i.InvokeName, "invoke name");
        this.installs = installs.ToList();
        this.dialogs = dialogs;
        this.fallback = fallback;
    }

    public static readonly string[] InterruptionNames = ["cancel", "help"];

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

        await fallback.UnknownCommandAsync(turn, commands.Suggest(text), ct);
    }

    public async Task<InvokeResponse> RouteInvokeAsync(TurnContext turn, CancellationToken ct)
    {
        var name = turn.Activity.Name ?? string.Empty;
        if (string.Equals(name, "adaptiveCard/action", StringComparison.OrdinalIgnoreCase))
        {
            var result = await RouteCardActionAsync(turn, ct);
            return result.ToInvokeResponse();
        }

        return invokes.TryGetValue(name, out var handler)
            ? await handler.HandleAsync(turn, ct)
            : new InvokeResponse(StatusCodes.Status501NotImplemented);
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

        if (await dialogs.TryContinueAsync(turn, action, ct) is { } dialogResult)
        {
            return dialogResult;
        }

        return actions.TryGetValue(action.Verb, out var handler)
            ? await handler.ExecuteAsync(turn, action, ct)
            : CardActionResult.WithMessage("That button is from an older version of this card. Type **help** to see what I can do now.");
    }

    /// <summary>Reads <c>value.action</c> of an <c>adaptiveCard/action</c> invoke: <c>{type:"Action.Execute", verb, data}</c>.</summary>
    internal static CardAction? ReadAction(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value ||
            !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object ||
            !action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String ||
            verb.GetString() is not { Length: > 0 } verbText)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.Clone() : EmptyObject;
        return new CardAction(verbText, data);
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

/// <summary>Answers text the router could not place: a suggestion plus the help card.</summary>
internal interface IFallbackResponder
{
    Task UnknownCommandAsync(TurnContext turn, string? suggestion, CancellationToken ct);
}
