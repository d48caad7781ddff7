using System.Text.Json;
using Moq;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Tests.Turns.Routing;

public sealed class TurnRouterTests
{
    private readonly List<string> calls = [];
    private readonly Mock<IDialogBridge> dialogs = new();
    private readonly Mock<IHelpResponder> help = new();

    private sealed class RecordingCommand(string name, List<string> calls) : ICommand
    {
        public CommandDescriptor Descriptor { get; } = new(name, name, name);

        public Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
        {
            calls.Add($"command:{name}:{match.Arguments}");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingAction(string verb, List<string> calls) : ICardActionHandler
    {
        public string Verb => verb;

        public Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest action, CancellationToken ct)
        {
            calls.Add($"action:{verb}:{action.GetString("draftId")}");
            return Task.FromResult(CardActionResult.WithMessage("done"));
        }
    }

    private TurnRouter CreateRouter(params ICardActionHandler[] actions) => new(
        [new RecordingCommand("trends", calls)],
        actions,
        [],
        [],
        dialogs.Object,
        help.Object);

    private static TurnContext Turn(Activity activity) =>
        new(activity, ConversationReference.FromActivity(activity, DateTimeOffset.UnixEpoch), Mock.Of<IProactiveSender>(), TimeProvider.System);

    private static TurnContext Message(string text) => Turn(new Activity
    {
        Type = "message", Text = text, ServiceUrl = "https://example.test/", Conversation = new ConversationAccount { Id = "c1" },
    });

    private static TurnContext CardInvoke(string verb) => Turn(new Activity
    {
        Type = "invoke", Name = "adaptiveCard/action", ServiceUrl = "https://example.test/", Conversation = new ConversationAccount { Id = "c1" },
        Value = JsonDocument.Parse("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"" + verb + "\",\"data\":{\"draftId\":\"P-7\"}}}").RootElement,
    });

    [Fact]
    public async Task RouteMessage_InterruptionWhileDialogActive_RunsInterruptionNotDialog()
    {
        dialogs.Setup(d => d.TryContinueAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await CreateRouter().RouteMessageAsync(Message("cancel"), CancellationToken.None);

        dialogs.Verify(d => d.CancelAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()), Times.Once);
        dialogs.Verify(d => d.TryContinueAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RouteMessage_HelpWhileDialogActive_ShowsHelpWithEveryCommand()
    {
        dialogs.Setup(d => d.TryContinueAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await CreateRouter().RouteMessageAsync(Message("help"), CancellationToken.None);

        help.Verify(
            h => h.ShowHelpAsync(It.IsAny<TurnContext>(), It.Is<IReadOnlyList<CommandDescriptor>>(d => d.Any(c => c.Name == "trends") && d.Any(c => c.Name == "cancel")), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task RouteMessage_ActiveDialog_TakesTextBeforeCommands()
    {
        dialogs.Setup(d => d.TryContinueAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await CreateRouter().RouteMessageAsync(Message("trends 24h"), CancellationToken.None);

        Assert.Empty(calls);
    }

    [Fact]
    public async Task RouteMessage_NoDialog_RunsCommandWithArguments()
    {
        await CreateRouter().RouteMessageAsync(Message("trends 24h"), CancellationToken.None);

        Assert.Equal(["command:trends:24h"], calls);
    }

    [Fact]
    public async Task RouteMessage_Unknown_FallsBackWithSuggestion()
    {
        await CreateRouter().RouteMessageAsync(Message("trnds"), CancellationToken.None);

        help.Verify(f => f.UnknownCommandAsync(It.IsAny<TurnContext>(), "trnds", "trends", It.IsAny<IReadOnlyList<CommandDescriptor>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RouteInvoke_CardActionNotOwnedByDialog_GoesToVerbHandler()
    {
        var router = CreateRouter(new RecordingAction("approvals.approve", calls));

        var response = await router.RouteInvokeAsync(CardInvoke("approvals.approve"), CancellationToken.None);

        Assert.Equal(["action:approvals.approve:P-7"], calls);
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task RouteInvoke_CardActionOwnedByDialog_SkipsVerbHandler()
    {
        dialogs.Setup(d => d.TryContinueAsync(It.IsAny<TurnContext>(), It.IsAny<CardActionRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CardActionResult.WithMessage("dialog"));

        await CreateRouter(new RecordingAction("drafts.save", calls)).RouteInvokeAsync(CardInvoke("drafts.save"), CancellationToken.None);

        Assert.Empty(calls);
    }

    [Fact]
    public async Task RouteInvoke_UnknownVerb_AnswersWithMessageNotError()
    {
        var response = await CreateRouter().RouteInvokeAsync(CardInvoke("nope.unknown"), CancellationToken.None);

        Assert.Equal(200, response.Status);
        var body = response.Body!.Value;
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.GetProperty("type").GetString());
        Assert.Contains("older version", body.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteInvoke_UnknownInvokeName_Is400WithAReason()
    {
        var turn = Turn(new Activity { Type = "invoke", Name = "tab/fetch", ServiceUrl = "https://example.test/", Conversation = new ConversationAccount { Id = "c1" } });

        var response = await CreateRouter().RouteInvokeAsync(turn, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("does not handle the invoke 'tab/fetch'", response.Body!.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\"}}")]
    [InlineData("{\"action\":{\"verb\":42}}")]
    [InlineData("[1]")]
    public void ReadAction_MalformedValue_ReturnsNull(string value)
    {
        Assert.Null(TurnRouter.ReadAction(new Activity { Value = JsonDocument.Parse(value).RootElement }));
    }

    [Fact]
    public void Constructor_DuplicateVerb_FailsAtStartUp()
    {
        Assert.Throws<InvalidOperationException>(() => CreateRouter(new RecordingAction("a.b", calls), new RecordingAction("A.B", calls)));
    }
}
