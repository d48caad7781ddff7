using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>
/// The "Suggest as social post" message action: <c>composeExtension/fetchTask</c> opens the draft form in a Teams
/// dialog, prefilled with the message; <c>composeExtension/submitAction</c> checks, saves or submits it. Errors keep
/// the dialog open with the reason; success closes it with a confirmation.
/// </summary>
internal sealed class SuggestAsPostFetch(DraftPresenter presenter, DraftTurns turns) : IInvokeHandler
{
    public string InvokeName => "composeExtension/fetchTask";

    public Task<InvokeResponse> HandleAsync(TurnContext turn, CancellationToken ct)
    {
        var payload = SuggestAsPost.Payload(turn);
        var html = payload?["body"]?["content"]?.GetValue<string>() ?? string.Empty;
        var origin = new DraftOrigin(turn.ConversationId, payload?["linkToMessage"]?.GetValue<string>());
        var fields = new DraftFormFields { Text = MessageHtml.ToPlainText(html) };
        var card = DraftFormCard.Build(presenter.Form("Suggest as social post", fields, turns.ZoneOf(turn), null, null, inDialog: true, origin: origin));
        return Task.FromResult(SuggestAsPost.Dialog(card));
    }
}

internal sealed class SuggestAsPostSubmit(DraftWorkflow workflow, DraftTurns turns) : IInvokeHandler
{
    public string InvokeName => "composeExtension/submitAction";

    public async Task<InvokeResponse> HandleAsync(TurnContext turn, CancellationToken ct)
    {
        var data = turn.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("data", out var d) ? d : default;
        var action = (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(DraftFormCard.DialogActionField, out var a) ? a.GetString() : null) switch
        {
            "check" => DraftFormAction.Check,
            "save" => DraftFormAction.Save,
            _ => DraftFormAction.Submit,
        };
        var zone = turns.ZoneOf(turn);
        string? Get(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var origin = new DraftOrigin(turn.ConversationId, Get(DraftForm.SourceUrlField), Get(DraftForm.ReplyToUrlField), turn.Activity.ChannelData?.Team?.Id);
        var result = await workflow.HandleAsync(action, turn.TenantId, DraftTurns.Actor(turn), DraftForm.Read(data, zone), zone, origin, inDialog: true, ct).ConfigureAwait(false);
        return result.Completed ? SuggestAsPost.Close(result.Message) : SuggestAsPost.Dialog(result.Card);
    }
}

internal static class SuggestAsPost
{
    public static JsonNode? Payload(TurnContext turn) =>
        turn.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("messagePayload", out var payload) && payload.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(payload.GetRawText())
            : null;

    public static InvokeResponse Dialog(AdaptiveCard card) => Respond(new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = "Suggest as social post",
                ["height"] = "large",
                ["width"] = "medium",
                ["card"] = new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["content"] = JsonNode.Parse(AdaptiveCardSerializer.Serialize(card)),
                },
            },
        },
    });

    public static InvokeResponse Close(string message) => Respond(new JsonObject
    {
        ["task"] = new JsonObject { ["type"] = "message", ["value"] = message },
    });

    private static InvokeResponse Respond(JsonObject body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return InvokeResponse.Ok(document.RootElement.Clone());
    }
}

/// <summary>Teams message HTML as plain text: mentions become names, links keep their address, tags go.</summary>
internal static partial class MessageHtml
{
    public static string ToPlainText(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var text = LineBreaks().Replace(html, "\n");
        text = Mentions().Replace(text, "$1");
        text = Links().Replace(text, match =>
        {
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value);
            var label = Tags().Replace(match.Groups["label"].Value, string.Empty);
            return string.Equals(WebUtility.HtmlDecode(label).Trim(), href, StringComparison.OrdinalIgnoreCase) || label.Trim().Length == 0 ? href : $"{label} ({href})";
        });
        text = WebUtility.HtmlDecode(Tags().Replace(text, string.Empty));
        text = BlankLines().Replace(text.Replace("\r", string.Empty, StringComparison.Ordinal), "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"<br\s*/?>|</p>|</div>|</li>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mentions();

    [GeneratedRegex(@"<a\s[^>]*href\s*=\s*[""'](?<href>[^""']*)[""'][^>]*>(?<label>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Links();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n\s*\n(\s*\n)+")]
    private static partial Regex BlankLines();
}
