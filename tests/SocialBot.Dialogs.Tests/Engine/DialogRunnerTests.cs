using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

public sealed class DialogRunnerTests
{
    private static readonly DialogScope Scope = DialogTranscript.DefaultScope;

    [Fact]
    public Task CancelAllAsync_MidFlow_EndsWholeStack() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Send("Ada")
            .ExpectText("Which city in Norway?")
            .Cancel()
            .ExpectText("Okay, cancelled.")
            .ExpectStatus(DialogTurnStatus.Cancelled)
            .Send("Bergen")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

    [Fact]
    public Task CancelAllAsync_NoActiveDialog_RepliesNothing() =>
        DialogTranscript.Create()
            .Cancel()
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

    [Fact]
    public async Task RunAsync_DefaultTimeToLivePassed_DialogExpired()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryDialogStateStore(time);

        await DialogTranscript.Create(store)
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Then(() => time.Advance(TimeSpan.FromHours(23)))
            .Send("Ada")
            .ExpectText("Which city in Norway?")
            .Then(() => time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)))
            .Send("Bergen")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

        Assert.Equal(TimeSpan.FromHours(24), store.LastTimeToLive);
    }

    [Fact]
    public async Task RunAsync_ConfiguredTimeToLive_PassedToStoreAndHonoured()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryDialogStateStore(time);

        await DialogTranscript.Create(store, new DialogOptions { StateTimeToLive = TimeSpan.FromMinutes(30) })
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Then(() => time.Advance(TimeSpan.FromMinutes(31)))
            .Send("Ada")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();

        Assert.Equal(TimeSpan.FromMinutes(30), store.LastTimeToLive);
    }

    [Fact]
    public async Task RunAsync_FreshRunnerOnSharedStore_ContinuesDialogFromJson()
    {
        var store = new InMemoryDialogStateStore();
        var firstInstance = TestDialogs.CreateRunner(store);
        var secondInstance = TestDialogs.CreateRunner(store);

        await firstInstance.BeginAsync(Scope, TestDialogs.Greeting, null, CancellationToken.None);
        await firstInstance.RunAsync(Scope, new TextInput("Ada"), CancellationToken.None);

        var stored = await store.LoadAsync(Scope, CancellationToken.None);
        using (var json = JsonDocument.Parse(stored!.Json))
        {
            var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
            Assert.Equal(
                [TestDialogs.Greeting, TestDialogs.Address, "prompt.text"],
                frames.Select(frame => frame.GetProperty("dialog").GetString()));
            Assert.Equal(1, frames[0].GetProperty("step").GetInt32());
            Assert.Equal("Ada", frames[0].GetProperty("state").GetProperty("Name").GetString());
            Assert.Equal("Norway", frames[1].GetProperty("state").GetProperty("Country").GetString());
        }

        var result = await secondInstance.RunAsync(Scope, new TextInput("Tromsø"), CancellationToken.None);

        Assert.Equal(DialogTurnStatus.Completed, result.Status);
        Assert.Equal(TestDialogs.Greeting, result.CompletedDialogId);
        Assert.Equal("Ada from Tromsø, Norway", result.GetResult<string>());
        Assert.Null(await store.LoadAsync(Scope, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_AnotherTurnSavesFirst_LosingTurnRerunsOnFreshStateAndRepliesOnce()
    {
        var store = new InterleavingDialogStateStore(new InMemoryDialogStateStore());
        var runner = TestDialogs.CreateRunner(store);
        await runner.BeginAsync(Scope, TestDialogs.Post, null, CancellationToken.None);
        await runner.RunAsync(Scope, new TextInput("Hi"), CancellationToken.None);

        // "X" loads the state, then "LinkedIn" runs and saves before "X" saves.
        DialogTurnResult? second = null;
        store.InterleaveBeforeNextWrite(async () =>
            second = await runner.RunAsync(Scope, new TextInput("LinkedIn"), CancellationToken.None));
        var first = await runner.RunAsync(Scope, new TextInput("X"), CancellationToken.None);

        Assert.Equal(1, store.RejectedWrites);
        Assert.Equal("How many times should it repeat?", Assert.IsType<TextReply>(Assert.Single(second!.Replies)).Text);
        // The re-run of "X" met the number prompt and says so once; its discarded attempt's reply is gone.
        Assert.Equal("Please type a number from 1 to 5, like 1.", Assert.IsType<TextReply>(Assert.Single(first.Replies)).Text);

        await runner.RunAsync(Scope, new TextInput("3"), CancellationToken.None);
        var done = await runner.RunAsync(Scope, new TextInput("yes"), CancellationToken.None);
        Assert.Equal(new PostRequest("Hi", "LinkedIn", 3m), done.GetResult<PostRequest>());
    }

    [Fact]
    public async Task RunAsync_TwoAnswersRaceOnTextPrompts_BothInputsKept()
    {
        var store = new InterleavingDialogStateStore(new InMemoryDialogStateStore());
        var runner = TestDialogs.CreateRunner(store);
        await runner.BeginAsync(Scope, TestDialogs.Greeting, null, CancellationToken.None);

        DialogTurnResult? second = null;
        store.InterleaveBeforeNextWrite(async () =>
            second = await runner.RunAsync(Scope, new TextInput("Ada"), CancellationToken.None));
        var first = await runner.RunAsync(Scope, new TextInput("Bergen"), CancellationToken.None);

        Assert.Equal(1, store.RejectedWrites);
        Assert.Equal("Which city in Norway?", Assert.IsType<TextReply>(Assert.Single(second!.Replies)).Text);
        Assert.Equal(DialogTurnStatus.Completed, first.Status);
        Assert.Empty(first.Replies);
        Assert.Equal("Ada from Bergen, Norway", first.GetResult<string>());
    }

    [Fact]
    public async Task RunAsync_ConflictOnEveryAttempt_ThrowsAndEmitsNothing()
    {
        var store = new Mock<IDialogStateStore>();
        store.Setup(s => s.LoadAsync(Scope, It.IsAny<CancellationToken>())).ReturnsAsync((StoredDialogStack?)null);
        store.Setup(s => s.SaveAsync(Scope, It.IsAny<string>(), null, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        var runner = TestDialogs.CreateRunner(store.Object, new DialogOptions { MaxConcurrencyRetries = 2 });

        await Assert.ThrowsAsync<DialogConcurrencyException>(
            () => runner.BeginAsync(Scope, TestDialogs.Greeting, null, CancellationToken.None));

        store.Verify(
            s => s.SaveAsync(Scope, It.IsAny<string>(), null, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()),
            Times.Exactly(3));
    }

    [Fact]
    public async Task RunAsync_CompletionRacesWithAnotherTurn_DeleteIsVersionChecked()
    {
        var store = new InterleavingDialogStateStore(new InMemoryDialogStateStore());
        var runner = TestDialogs.CreateRunner(store);
        await runner.BeginAsync(Scope, TestDialogs.Address, new AddressState("Peru"), CancellationToken.None);

        // "Lima" would complete the dialog, but a new dialog is begun before its delete lands.
        store.InterleaveBeforeNextWrite(() => runner.BeginAsync(Scope, TestDialogs.Greeting, null, CancellationToken.None));
        var first = await runner.RunAsync(Scope, new TextInput("Lima"), CancellationToken.None);

        Assert.Equal(1, store.RejectedWrites);
        Assert.Equal("Which city in Norway?", Assert.IsType<TextReply>(Assert.Single(first.Replies)).Text);
        Assert.True(await runner.HasActiveDialogAsync(Scope, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_StoredStackNamesUnknownDialog_DiscardsItAndReportsNoActiveDialog()
    {
        var store = new InMemoryDialogStateStore();
        await store.SaveAsync(
            Scope,
            """{"v":1,"frames":[{"dialog":"retired.dialog","step":0,"state":{}}]}""",
            null,
            TimeSpan.FromHours(1),
            CancellationToken.None);
        var runner = TestDialogs.CreateRunner(store);

        var result = await runner.RunAsync(Scope, new TextInput("hello"), CancellationToken.None);

        Assert.Equal(DialogTurnStatus.NoActiveDialog, result.Status);
        Assert.Empty(result.Replies);
        Assert.Null(await store.LoadAsync(Scope, CancellationToken.None));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"v":2,"frames":[]}""")]
    [InlineData("""{"v":1,"frames":[{"dialog":"test.greeting","step":0,"state":"oops"}]}""")]
    public async Task HasActiveDialogAsync_UnreadableStack_False(string json)
    {
        var store = new InMemoryDialogStateStore();
        await store.SaveAsync(Scope, json, null, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.False(await TestDialogs.CreateRunner(store).HasActiveDialogAsync(Scope, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_OtherScope_IsIndependent()
    {
        var store = new InMemoryDialogStateStore();
        var runner = TestDialogs.CreateRunner(store);
        await runner.BeginAsync(Scope, TestDialogs.Greeting, null, CancellationToken.None);

        var otherUser = Scope with { UserId = "user-2" };
        var result = await runner.RunAsync(otherUser, new TextInput("Ada"), CancellationToken.None);

        Assert.Equal(DialogTurnStatus.NoActiveDialog, result.Status);
        Assert.True(await runner.HasActiveDialogAsync(Scope, CancellationToken.None));
    }

    [Fact]
    public async Task BeginAsync_UnknownDialog_ThrowsArgumentException()
    {
        var runner = new DialogRunner(
            new DialogSet([]), new InMemoryDialogStateStore(), Options.Create(new DialogOptions()), NullLogger<DialogRunner>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => runner.BeginAsync(Scope, "nope", null, CancellationToken.None));
    }
}
