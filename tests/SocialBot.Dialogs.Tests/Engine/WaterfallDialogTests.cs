using SocialBot.Dialogs.Engine;
using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Tests.Engine;

public sealed class WaterfallDialogTests
{
    [Fact]
    public Task RunAsync_TextChoiceNumberConfirmAnswered_CompletesWithTypedResult() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Post)
            .ExpectText("What should the post say?")
            .ExpectStatus(DialogTurnStatus.Waiting)
            .Send("Launch day!")
            .ExpectText("Which network?\n1. X\n2. LinkedIn\n3. Mastodon")
            .Send("link")
            .ExpectText("How many times should it repeat?")
            .Send("2")
            .ExpectText("Post \"Launch day!\" to LinkedIn 2 times?")
            .Send("Sure")
            .ExpectText("Great, scheduling it.")
            .ExpectResult<PostRequest>(post => Assert.Equal(new PostRequest("Launch day!", "LinkedIn", 2m), post))
            .Send("hello again")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

    [Fact]
    public Task RunAsync_InvalidAnswers_RepromptWithValidatorMessage() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Post)
            .ExpectText("What should the post say?")
            .Send("This text is far too long for the limit")
            .ExpectText("Keep it to 20 characters or fewer.")
            .ExpectStatus(DialogTurnStatus.Waiting)
            .Send("Short one")
            .ExpectTextContaining("Which network?")
            .Send("Facebook")
            .ExpectText("Please pick one of these by number or name:\n1. X\n2. LinkedIn\n3. Mastodon")
            .Send("3")
            .ExpectText("How many times should it repeat?")
            .Send("1,5")
            .ExpectText("Please type a number from 1 to 5, like 1.")
            .Send("9")
            .ExpectText("Please type a number from 1 to 5.")
            .Send("4")
            .ExpectTextContaining("Post \"Short one\" to Mastodon 4 times?")
            .Send("maybe")
            .ExpectText("Please answer yes or no.")
            .Send("nope")
            .ExpectText("Okay, I won't post it.")
            .ExpectStatus(DialogTurnStatus.Cancelled)
            .RunAsync();

    [Fact]
    public Task RunAsync_TooManyInvalidAnswers_CancelsWithFriendlyMessage() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Post)
            .ExpectText("What should the post say?")
            .Send("ok")
            .ExpectTextContaining("Which network?")
            .Send("Facebook").ExpectTextContaining("Please pick one of these")
            .Send("Threads").ExpectTextContaining("Please pick one of these")
            .Send("7").ExpectTextContaining("Please pick one of these")
            .Send("Bluesky")
            .ExpectText(PromptDialog.TooManyAttemptsMessage)
            .ExpectStatus(DialogTurnStatus.Cancelled)
            .Send("X")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

    [Fact]
    public Task RunAsync_MaxRepromptsConfigured_CancelsAfterThatMany() =>
        DialogTranscript.Create(options: new DialogOptions { MaxReprompts = 1 })
            .Begin(TestDialogs.Post)
            .ExpectText("What should the post say?")
            .Send("").ExpectText(TextPrompt.EmptyMessage)
            .Send("   ").ExpectText(PromptDialog.TooManyAttemptsMessage)
            .ExpectStatus(DialogTurnStatus.Cancelled)
            .RunAsync();

    [Fact]
    public Task RunAsync_ChildDialogCompletes_ResultFlowsToParentNextStep() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Send("Ada")
            .ExpectText("Which city in Norway?")
            .ExpectStatus(DialogTurnStatus.Waiting)
            .Send("Bergen")
            .ExpectResult<string>(result => Assert.Equal("Ada from Bergen, Norway", result))
            .RunAsync();

    [Fact]
    public Task BeginAsync_WithStateAsOptions_UsesItAsInitialState() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Address, new AddressState("Peru"))
            .ExpectText("Which city in Peru?")
            .Send("Cusco")
            .ExpectResult<string>(result => Assert.Equal("Cusco, Peru", result))
            .RunAsync();

    [Fact]
    public Task BeginAsync_WhileAnotherDialogWaits_StartsOver() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Begin(TestDialogs.Address, new AddressState("Chile"))
            .ExpectText("Which city in Chile?")
            .Send("Arica")
            .ExpectResult<string>(result => Assert.Equal("Arica, Chile", result))
            .RunAsync();

    [Fact]
    public void Step_AfterRegistrationInDialogSet_Throws()
    {
        var dialog = new WaterfallDialog<GreetingState>("test.late", TestDialogJsonContext.Default.GreetingState, _ => new GreetingState())
            .Step(ctx => ctx.End());
        _ = new DialogSet([dialog]);

        Assert.Throws<InvalidOperationException>(() => dialog.Step(ctx => ctx.End()));
    }
}
