using System.Text.Json;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Turns.Routing;

/// <summary>A typed command such as <c>help</c> or <c>new post</c>.</summary>
internal interface ICommand
{
    CommandDescriptor Descriptor { get; }

    Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct);
}

/// <summary>What an <c>Action.Execute</c> sent: its verb and data (inputs merged in by the client).</summary>
internal sealed record CardActionRequest(string Verb, JsonElement Data)
{
    public string? GetString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>Handles every card button with one verb (verbs are feature-prefixed: <c>approvals.approve</c>).</summary>
internal interface ICardActionHandler
{
    string Verb { get; }

    Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct);
}

/// <summary>Handles one invoke name other than <c>adaptiveCard/action</c> (message extensions, dialogs).</summary>
internal interface IInvokeHandler
{
    string InvokeName { get; }

    Task<InvokeResponse> HandleAsync(TurnContext turn, CancellationToken ct);
}

/// <summary>Reacts when the app is installed into a conversation.</summary>
internal interface IInstallationHandler
{
    Task OnInstalledAsync(TurnContext turn, CancellationToken ct);
}
