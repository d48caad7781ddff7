using System.Text.Json;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

/// <summary>
/// Scripts a conversation with the dialog engine: queue inputs and expectations, then <see cref="RunAsync"/> plays them
/// in order. Every reply a turn produced must be expected before the next input is sent, and at the end.
/// </summary>
internal sealed class DialogTranscript(DialogRunner runner, DialogScope scope)
{
    public static readonly DialogScope DefaultScope = new("tenant-1", "conversation-1", "user-1");

    private readonly List<Func<Task>> script = [];
    private readonly Queue<DialogReply> unexpectedReplies = new();
    private readonly List<string> formTokens = [];
    private DialogTurnResult? lastResult;

    public static DialogTranscript Create(IDialogStateStore? store = null, DialogOptions? options = null) =>
        new(TestDialogs.CreateRunner(store ?? new InMemoryDialogStateStore(), options), DefaultScope);

    public DialogTranscript Begin(string dialogId, object? options = null) =>
        Turn($"begin {dialogId}", ct => runner.BeginAsync(scope, dialogId, options, ct));

    public DialogTranscript Send(string text) =>
        Turn($"send \"{text}\"", ct => runner.RunAsync(scope, new TextInput(text), ct));

    /// <summary>Submits the latest form the bot sent.</summary>
    public DialogTranscript Submit(string verb, string dataJson) =>
        Turn($"submit {verb} to the latest form", ct => runner.RunAsync(scope, Action(verb, dataJson, LatestFormToken()), ct));

    /// <summary>Submits the <paramref name="formNumber"/>-th form (1-based) the bot sent in this transcript.</summary>
    public DialogTranscript SubmitToForm(int formNumber, string verb, string dataJson) =>
        Turn($"submit {verb} to form #{formNumber}", ct => runner.RunAsync(scope, Action(verb, dataJson, FormToken(formNumber)), ct));

    public DialogTranscript SubmitWithoutFormToken(string verb, string dataJson) =>
        Turn($"submit {verb} without a form token", ct => runner.RunAsync(scope, Action(verb, dataJson, null), ct));

    public DialogTranscript Cancel() => Turn("cancel", ct => runner.CancelAllAsync(scope, ct));

    public DialogTranscript Expect(Action<DialogReply> assert) => Then(() => assert(NextReply()));

    public DialogTranscript ExpectText(string text) =>
        Expect(reply => Assert.Equal(text, Assert.IsType<TextReply>(reply).Text));

    public DialogTranscript ExpectTextContaining(string fragment) =>
        Expect(reply => Assert.Contains(fragment, Assert.IsType<TextReply>(reply).Text, StringComparison.Ordinal));

    public DialogTranscript ExpectCard<TCard>(Action<TCard, CardReply>? assert = null) =>
        Expect(reply =>
        {
            var cardReply = Assert.IsType<CardReply>(reply);
            assert?.Invoke(Assert.IsType<TCard>(cardReply.Card), cardReply);
        });

    public DialogTranscript ExpectStatus(DialogTurnStatus status) =>
        Then(() => Assert.Equal(status, LastResult().Status));

    public DialogTranscript ExpectResult<T>(Action<T> assert) =>
        Then(() =>
        {
            Assert.Equal(DialogTurnStatus.Completed, LastResult().Status);
            assert(LastResult().GetResult<T>());
        });

    public DialogTranscript Then(Action check)
    {
        script.Add(() =>
        {
            check();
            return Task.CompletedTask;
        });
        return this;
    }

    public async Task RunAsync()
    {
        foreach (var step in script)
        {
            await step();
        }

        AssertAllRepliesExpected("the end of the transcript");
    }

    private DialogTranscript Turn(string description, Func<CancellationToken, Task<DialogTurnResult>> run)
    {
        script.Add(async () =>
        {
            AssertAllRepliesExpected(description);
            lastResult = await run(CancellationToken.None);
            foreach (var reply in lastResult.Replies)
            {
                if (reply is CardReply { FormToken: { } token })
                {
                    formTokens.Add(token);
                }

                unexpectedReplies.Enqueue(reply);
            }
        });
        return this;
    }

    private void AssertAllRepliesExpected(string before)
    {
        if (unexpectedReplies.Count > 0)
        {
            Assert.Fail($"Unexpected replies before {before}: {string.Join(" | ", unexpectedReplies)}");
        }
    }

    private DialogReply NextReply() =>
        unexpectedReplies.TryDequeue(out var reply) ? reply : throw new Xunit.Sdk.XunitException("Expected another reply, but the turn produced no more.");

    private DialogTurnResult LastResult() =>
        lastResult ?? throw new Xunit.Sdk.XunitException("No turn has run yet.");

    private string LatestFormToken() =>
        formTokens.Count > 0 ? formTokens[^1] : throw new Xunit.Sdk.XunitException("The bot has not sent a form yet.");

    private string FormToken(int formNumber) =>
        formNumber >= 1 && formNumber <= formTokens.Count
            ? formTokens[formNumber - 1]
            : throw new Xunit.Sdk.XunitException($"The bot sent {formTokens.Count} forms, not {formNumber}.");

    private static CardActionInput Action(string verb, string dataJson, string? formToken)
    {
        using var document = JsonDocument.Parse(dataJson);
        return new CardActionInput(verb, document.RootElement.Clone(), formToken);
    }
}
