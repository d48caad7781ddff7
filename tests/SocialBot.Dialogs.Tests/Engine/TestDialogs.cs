using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialBot.Dialogs.Engine;
using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Tests.Engine;

internal sealed record PostState(string? Text = null, string? Network = null, decimal? Repeats = null);

internal sealed record PostRequest(string Text, string Network, decimal Repeats);

internal sealed record GreetingState(string? Name = null);

internal sealed record AddressState(string Country, string? City = null);

internal sealed record TitleFormState(string? Title = null);

/// <summary>Stands in for the typed Adaptive Card the card factories will build.</summary>
internal sealed record TestFormCard(string FormToken, string? ErrorMessage);

[JsonSerializable(typeof(PostState))]
[JsonSerializable(typeof(GreetingState))]
[JsonSerializable(typeof(AddressState))]
[JsonSerializable(typeof(TitleFormState))]
internal sealed partial class TestDialogJsonContext : JsonSerializerContext;

/// <summary>The dialogs the transcript tests drive.</summary>
internal static class TestDialogs
{
    public const string Post = "test.post";
    public const string PostText = "test.postText";
    public const string Greeting = "test.greeting";
    public const string Address = "test.address";
    public const string TitleForm = "test.titleForm";
    public const string Networks = "X, LinkedIn, Mastodon";

    public static Dialog[] All() =>
    [
        CreatePost(),
        new TextPrompt(PostText, text => text.Length > 20 ? "Keep it to 20 characters or fewer." : null),
        CreateGreeting(),
        CreateAddress(),
        CreateTitleForm(),
    ];

    public static DialogRunner CreateRunner(IDialogStateStore store, DialogOptions? options = null) =>
        new(new DialogSet(All()), store, Options.Create(options ?? new DialogOptions()), NullLogger<DialogRunner>.Instance);

    private static WaterfallDialog<PostState> CreatePost() =>
        new WaterfallDialog<PostState>(Post, TestDialogJsonContext.Default.PostState, _ => new PostState())
            .Step(ctx => ctx.Prompt(PostText, new PromptOptions("What should the post say?")))
            .Step(ctx =>
            {
                ctx.State = ctx.State with { Text = ctx.ResultAs<string>() };
                return ctx.PromptChoice("Which network?", Networks.Split(", "));
            })
            .Step(ctx =>
            {
                ctx.State = ctx.State with { Network = ctx.ResultAs<FoundChoice>().Value };
                return ctx.PromptNumber("How many times should it repeat?", 1, 5);
            })
            .Step(ctx =>
            {
                ctx.State = ctx.State with { Repeats = ctx.ResultAs<decimal>() };
                return ctx.PromptConfirm($"Post \"{ctx.State.Text}\" to {ctx.State.Network} {ctx.State.Repeats} times?");
            })
            .Step(ctx =>
            {
                if (!ctx.ResultAs<bool>())
                {
                    return ctx.CancelAll("Okay, I won't post it.");
                }

                ctx.Send("Great, scheduling it.");
                return ctx.End(new PostRequest(ctx.State.Text!, ctx.State.Network!, ctx.State.Repeats!.Value));
            });

    private static WaterfallDialog<GreetingState> CreateGreeting() =>
        new WaterfallDialog<GreetingState>(Greeting, TestDialogJsonContext.Default.GreetingState, _ => new GreetingState())
            .Step(ctx => ctx.PromptText("What's your name?"))
            .Step(ctx =>
            {
                ctx.State = ctx.State with { Name = ctx.ResultAs<string>() };
                return ctx.BeginChild(Address, new AddressState("Norway"));
            })
            .Step(ctx => ctx.End($"{ctx.State.Name} from {ctx.ResultAs<string>()}"));

    private static WaterfallDialog<AddressState> CreateAddress() =>
        new WaterfallDialog<AddressState>(Address, TestDialogJsonContext.Default.AddressState, _ => new AddressState("Nowhere"))
            .Step(ctx => ctx.PromptText($"Which city in {ctx.State.Country}?"))
            .Step(ctx => ctx.End($"{ctx.ResultAs<string>()}, {ctx.State.Country}"));

    private static WaterfallDialog<TitleFormState> CreateTitleForm() =>
        new WaterfallDialog<TitleFormState>(TitleForm, TestDialogJsonContext.Default.TitleFormState, _ => new TitleFormState())
            .Form(
                request => new TestFormCard(request.FormToken, request.ErrorMessage),
                validate: (_, action) => ReadTitle(action.Data) is null ? "Please add a title." : null)
            .Step(ctx =>
            {
                var title = ReadTitle(ctx.ResultAs<CardActionInput>().Data)!;
                ctx.SendCard($"Saved \"{title}\"", replacesActedOnCard: true);
                return ctx.End(title);
            });

    private static string? ReadTitle(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } text
            ? text
            : null;
}
