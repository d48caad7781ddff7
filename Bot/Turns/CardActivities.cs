using SocialBot.Bot.Protocol.Schema;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Bot.Turns;

/// <summary>The one place an Adaptive Card becomes an activity attachment, so features never touch wire JSON.</summary>
internal static class CardActivities
{
    public static Activity Message(ConversationReference to, AdaptiveCard card) => to.CreateMessage() with
    {
        Summary = card.FallbackText,
        Attachments = [Attachment(card)],
    };

    public static Attachment Attachment(AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = AdaptiveCardSerializer.ToJsonElement(card),
    };
}
