using System.Text.Json;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Bot.Turns.Routing;

/// <summary>
/// What the person who pressed a button sees next: a replacement card (Universal Actions update the card in place)
/// or a short message.
/// </summary>
internal sealed record CardActionResult(JsonElement? Card, string? Message)
{
    public static CardActionResult WithCard(AdaptiveCard card) => new(AdaptiveCardSerializer.ToJsonElement(card), null);

    public static CardActionResult WithMessage(string message) => new(null, message);

    public InvokeResponse ToInvokeResponse()
    {
        var body = Card is { } card
            ? new AdaptiveCardInvokeResponse(200, AdaptiveCardInvokeResponse.CardType, card)
            : new AdaptiveCardInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, JsonSerializer.SerializeToElement(Message ?? string.Empty, ProtocolJsonContext.Default.String));
        return InvokeResponse.Ok(JsonSerializer.SerializeToElement(body, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse));
    }
}
