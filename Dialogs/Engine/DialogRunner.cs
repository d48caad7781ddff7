using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// Runs dialog turns for a scope: loads the stack with its version, runs the turn, and saves with compare-and-set.
/// When another turn of the same scope saved first, the turn is re-run on the fresh state (up to
/// <see cref="DialogOptions.MaxConcurrencyRetries"/> times) and only the replies of the attempt that was saved are returned.
/// </summary>
/// <remarks>
/// Global interruptions are the caller's: the router handles <c>help</c> itself and calls <see cref="CancelAllAsync"/> for
/// <c>cancel</c> before it offers the input to <see cref="RunAsync"/>.
/// </remarks>
public sealed class DialogRunner
{
    internal const string CancelledMessage = "Okay, cancelled.";
    internal const string StaleFormMessage = "That form is out of date. Please use the latest one.";
    internal const string UsedFormMessage = "That form was already submitted or has expired.";

    // A dialog that keeps handing control around in one turn (Next/Replace loops) is a bug; stop it instead of spinning.
    private const int MaxStackOperationsPerTurn = 64;

    private readonly DialogSet dialogs;
    private readonly IDialogStateStore store;
    private readonly DialogOptions options;
    private readonly ILogger<DialogRunner> logger;
    private readonly DialogStackSerializer serializer;

    /// <summary>Creates a runner.</summary>
    /// <param name="dialogs">The registered dialogs.</param>
    /// <param name="store">Where stacks are persisted.</param>
    /// <param name="options">Engine settings.</param>
    /// <param name="logger">The logger.</param>
    public DialogRunner(DialogSet dialogs, IDialogStateStore store, IOptions<DialogOptions> options, ILogger<DialogRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.dialogs = dialogs;
        this.store = store;
        this.options = options.Value;
        this.logger = logger;
        serializer = new DialogStackSerializer(dialogs);
    }

    /// <summary>
    /// Begins <paramref name="dialogId"/> as the root of a new stack for <paramref name="scope"/>, discarding any dialog
    /// that was active there, and runs it until it waits or ends.
    /// </summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="dialogId">A registered dialog id.</param>
    /// <param name="dialogOptions">What the dialog's state is created from (for a waterfall, a <c>TState</c> is used as is).</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    /// <exception cref="ArgumentException"><paramref name="dialogId"/> is not registered.</exception>
    /// <exception cref="DialogConcurrencyException">The scope kept changing during every retry.</exception>
    public Task<DialogTurnResult> BeginAsync(DialogScope scope, string dialogId, object? dialogOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!dialogs.Contains(dialogId))
        {
            throw new ArgumentException($"No dialog with id '{dialogId}' is registered.", nameof(dialogId));
        }

        return RunTurnAsync(
            scope,
            input: null,
            async (turn, stack, ct) =>
            {
                stack.Clear();
                return await DriveAsync(turn, stack, new DialogOutcome.BeginChildOutcome(dialogId, dialogOptions), ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// Offers <paramref name="input"/> to the active dialog of <paramref name="scope"/>.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>No active dialog: <see cref="DialogTurnStatus.NoActiveDialog"/>, unless the input is a card action with a form
    /// token (a form of a dialog that already ended): then <see cref="DialogTurnStatus.Stale"/>.</item>
    /// <item>A card action without a form token: <see cref="DialogTurnStatus.PassedThrough"/>; the dialog keeps waiting.</item>
    /// <item>A card action whose token is not the one the top dialog's form waits for: <see cref="DialogTurnStatus.Stale"/>; nothing advances.</item>
    /// <item>Text while a form waits: the form is re-sent with a new token (<see cref="WaterfallDialog{TState}.Form"/>).</item>
    /// </list>
    /// </remarks>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="input">The user's input.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    /// <exception cref="DialogConcurrencyException">The scope kept changing during every retry.</exception>
    public Task<DialogTurnResult> RunAsync(DialogScope scope, DialogInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(input);
        return RunTurnAsync(scope, input, (turn, stack, ct) => ContinueStackAsync(scope, turn, stack, input, ct), cancellationToken);
    }

    /// <summary>
    /// Ends every dialog of <paramref name="scope"/>. Replies "Okay, cancelled." with <see cref="DialogTurnStatus.Cancelled"/>
    /// when a dialog was active; otherwise returns <see cref="DialogTurnStatus.NoActiveDialog"/> with no replies, so the
    /// caller can say there was nothing to cancel.
    /// </summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<DialogTurnResult> CancelAllAsync(DialogScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return RunTurnAsync(
            scope,
            input: null,
            (turn, stack, _) =>
            {
                if (stack.Count == 0)
                {
                    return ValueTask.FromResult(TurnDecision.Unchanged(DialogTurnStatus.NoActiveDialog));
                }

                stack.Clear();
                turn.Reply(new TextReply(CancelledMessage));
                return ValueTask.FromResult(new TurnDecision(DialogTurnStatus.Cancelled, StackChanged: true));
            },
            cancellationToken);
    }

    /// <summary>Whether <paramref name="scope"/> has an active (readable, unexpired) dialog.</summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<bool> HasActiveDialogAsync(DialogScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var stored = await store.LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        try
        {
            return serializer.Read(stored.Json).Count > 0;
        }
        catch (UnreadableDialogStackException)
        {
            return false;
        }
    }

    private async ValueTask<TurnDecision> ContinueStackAsync(
        DialogScope scope, DialogTurn turn, List<DialogFrame> stack, DialogInput input, CancellationToken cancellationToken)
    {
        if (stack.Count == 0)
        {
            if (input is CardActionInput { FormToken: not null } late)
            {
                DialogRunnerLog.StaleFormAction(logger, late.Verb, scope.ConversationId);
                turn.Reply(new TextReply(UsedFormMessage));
                return TurnDecision.Unchanged(DialogTurnStatus.Stale);
            }

            return TurnDecision.Unchanged(DialogTurnStatus.NoActiveDialog);
        }

        var top = stack[^1];
        if (input is CardActionInput action)
        {
            if (action.FormToken is null)
            {
                return TurnDecision.Unchanged(DialogTurnStatus.PassedThrough);
            }

            if (!string.Equals(action.FormToken, top.FormToken, StringComparison.Ordinal))
            {
                DialogRunnerLog.StaleFormAction(logger, action.Verb, scope.ConversationId);
                turn.Reply(new TextReply(StaleFormMessage));
                return TurnDecision.Unchanged(DialogTurnStatus.Stale);
            }
        }

        var outcome = await dialogs.Get(top.DialogId).ContinueAsync(turn, top, input, cancellationToken).ConfigureAwait(false);
        return await DriveAsync(turn, stack, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TurnDecision> DriveAsync(DialogTurn turn, List<DialogFrame> stack, DialogOutcome outcome, CancellationToken cancellationToken)
    {
        for (var operations = 0; operations < MaxStackOperationsPerTurn; operations++)
        {
            switch (outcome)
            {
                case DialogOutcome.WaitingOutcome:
                    return new TurnDecision(DialogTurnStatus.Waiting, StackChanged: true);

                case DialogOutcome.CompletedOutcome completed:
                    var finished = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (stack.Count == 0)
                    {
                        return new TurnDecision(DialogTurnStatus.Completed, StackChanged: true, finished.DialogId, completed.Result);
                    }

                    var parent = stack[^1];
                    outcome = await dialogs.Get(parent.DialogId).ResumeAsync(turn, parent, completed.Result, cancellationToken).ConfigureAwait(false);
                    break;

                case DialogOutcome.BeginChildOutcome child:
                    outcome = await PushAndBeginAsync(turn, stack, child.DialogId, child.Options, cancellationToken).ConfigureAwait(false);
                    break;

                case DialogOutcome.ReplaceOutcome replace:
                    stack.RemoveAt(stack.Count - 1);
                    outcome = await PushAndBeginAsync(turn, stack, replace.DialogId, replace.Options, cancellationToken).ConfigureAwait(false);
                    break;

                case DialogOutcome.CancelAllOutcome cancel:
                    stack.Clear();
                    if (cancel.Message is not null)
                    {
                        turn.Reply(new TextReply(cancel.Message));
                    }

                    return new TurnDecision(DialogTurnStatus.Cancelled, StackChanged: true);

                default:
                    throw new InvalidOperationException($"Unknown dialog outcome {outcome.GetType().Name}.");
            }
        }

        throw new InvalidOperationException(
            $"The dialog stack did more than {MaxStackOperationsPerTurn} operations in one turn; a dialog is probably looping.");
    }

    private ValueTask<DialogOutcome> PushAndBeginAsync(DialogTurn turn, List<DialogFrame> stack, string dialogId, object? dialogOptions, CancellationToken cancellationToken)
    {
        var dialog = dialogs.Get(dialogId);
        var frame = new DialogFrame(dialogId, dialog.CreateState(dialogOptions));
        stack.Add(frame);
        return dialog.BeginAsync(turn, frame, cancellationToken);
    }

    private async Task<DialogTurnResult> RunTurnAsync(
        DialogScope scope,
        DialogInput? input,
        Func<DialogTurn, List<DialogFrame>, CancellationToken, ValueTask<TurnDecision>> runTurn,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.LoadAsync(scope, cancellationToken).ConfigureAwait(false);
            var stack = ReadStack(scope, stored, out var unreadable);
            var turn = new DialogTurn(input, options);
            var decision = await runTurn(turn, stack, cancellationToken).ConfigureAwait(false);

            if (!decision.StackChanged && !unreadable)
            {
                return decision.ToResult(turn.Replies);
            }

            var written = stack.Count == 0
                ? stored is null || await store.DeleteAsync(scope, stored.Version, cancellationToken).ConfigureAwait(false)
                : await store.SaveAsync(scope, serializer.Write(stack), stored?.Version, options.StateTimeToLive, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                if (decision.Status == DialogTurnStatus.Completed)
                {
                    DialogRunnerLog.DialogCompleted(logger, decision.CompletedDialogId!, scope.ConversationId);
                }

                return decision.ToResult(turn.Replies);
            }

            if (attempt >= options.MaxConcurrencyRetries)
            {
                throw new DialogConcurrencyException(
                    $"The dialog state changed during each of {attempt + 1} attempts at this turn.");
            }

            DialogRunnerLog.VersionConflict(logger, scope.ConversationId, attempt + 1);
        }
    }

    private List<DialogFrame> ReadStack(DialogScope scope, StoredDialogStack? stored, out bool unreadable)
    {
        unreadable = false;
        if (stored is null)
        {
            return [];
        }

        try
        {
            return serializer.Read(stored.Json);
        }
        catch (UnreadableDialogStackException exception)
        {
            // A deployment renamed a dialog or changed a state shape: start over rather than fail every turn.
            DialogRunnerLog.UnreadableState(logger, scope.ConversationId, exception);
            unreadable = true;
            return [];
        }
    }

    private sealed record TurnDecision(DialogTurnStatus Status, bool StackChanged, string? CompletedDialogId = null, object? Result = null)
    {
        public static TurnDecision Unchanged(DialogTurnStatus status) => new(status, StackChanged: false);

        public DialogTurnResult ToResult(IReadOnlyList<DialogReply> replies) =>
            new(Status, replies, CompletedDialogId, Result);
    }
}
