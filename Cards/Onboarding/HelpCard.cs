using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;

namespace SocialBot.Cards.Onboarding;

/// <summary>One line of the help card: how to type a command and what it does.</summary>
/// <param name="Usage">What to type, e.g. <c>new post [text]</c>.</param>
/// <param name="Summary">One short sentence.</param>
public sealed record HelpEntry(string Usage, string Summary);

/// <summary>A button on the help or welcome card that runs a command as if it had been typed.</summary>
/// <param name="Title">Button text.</param>
/// <param name="Command">The command it runs, e.g. <c>my drafts</c>.</param>
public sealed record HelpButton(string Title, string Command);

/// <summary>What the help card shows.</summary>
/// <param name="Entries">Commands, in the order shown.</param>
/// <param name="Buttons">Main actions (at most 5 are shown; Teams shows 6 buttons at most on a card).</param>
/// <param name="NotUnderstood">The text the user typed, when this card answers an unknown command.</param>
/// <param name="Suggestion">The closest command to <paramref name="NotUnderstood"/>, if any.</param>
public sealed record HelpCardModel(
    IReadOnlyList<HelpEntry> Entries,
    IReadOnlyList<HelpButton> Buttons,
    string? NotUnderstood = null,
    string? Suggestion = null);

/// <summary>Builds the help card and the welcome card.</summary>
public static class HelpCard
{
    /// <summary>The verb of every button that runs a command.</summary>
    public const string RunCommandVerb = "onboarding.run";

    /// <summary>The help card: what the bot can do, with buttons for the main actions.</summary>
    /// <param name="model">What to show.</param>
    public static AdaptiveCard Build(HelpCardModel model)
    {
        var body = new List<CardElement>();
        if (model.NotUnderstood is { } typed)
        {
            body.Add(new TextBlock
            {
                Text = model.Suggestion is { } suggestion
                    ? $"I didn't understand \"{CardText.Plain(Shorten(typed))}\". Did you mean **{CardText.Plain(suggestion)}**?"
                    : $"I didn't understand \"{CardText.Plain(Shorten(typed))}\". Here is what I can do:",
                Wrap = true,
                Color = TextColor.Attention,
            });
        }

        body.Add(new TextBlock { Text = "SocialBot help", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true });
        body.Add(new TextBlock
        {
            Text = "Suggest posts, get them approved in chat, and keep an eye on what people say about the brand.",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.None,
        });
        body.Add(new FactSet { Facts = model.Entries.Select(e => new Fact(e.Usage, e.Summary)).ToList() });

        return new AdaptiveCard
        {
            Body = body,
            Actions = Buttons(model.Buttons),
            FallbackText = "SocialBot help: type a command such as 'new post', 'my drafts', 'pending' or 'trends'.",
        };
    }

    /// <summary>The card posted when the app is installed into a chat or team.</summary>
    /// <param name="buttons">Main actions.</param>
    /// <param name="isPersonal">Whether this is a 1:1 chat (group chats and channels need an @mention).</param>
    public static AdaptiveCard Welcome(IReadOnlyList<HelpButton> buttons, bool isPersonal) => new()
    {
        Body =
        [
            new TextBlock { Text = "👋 Hi, I'm SocialBot", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock
            {
                Text = "Got an idea for a social post? Send it to the social team in two clicks — they approve it right here in Teams. " +
                       "I also watch what people say about the brand and post a daily digest.",
                Wrap = true,
            },
            new TextBlock
            {
                Text = isPersonal
                    ? "Type **help** any time to see everything I can do."
                    : "Mention me (**@SocialBot help**) to see everything I can do here.",
                Wrap = true,
                IsSubtle = true,
            },
        ],
        Actions = Buttons(buttons),
        FallbackText = "Hi, I'm SocialBot. Type 'help' to see what I can do.",
    };

    private static IReadOnlyList<CardAction> Buttons(IReadOnlyList<HelpButton> buttons) =>
        buttons.Take(5)
            .Select(b => (CardAction)new ExecuteAction
            {
                Title = b.Title,
                Verb = RunCommandVerb,
                Data = new JsonObject { ["command"] = b.Command },
            })
            .ToList();

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");
}
