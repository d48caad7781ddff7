using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// A dialog made of ordered steps over a typed state record. A step either runs code (<see cref="Step(Func{WaterfallStepContext{TState}, DialogStepOutcome})"/>)
/// or sends a card form and waits for its submit (<see cref="Form"/>).
/// </summary>
/// <remarks>
/// Steps may run more than once for the same input: when two turns of a scope race, the losing turn is re-run on fresh
/// state and the replies of the discarded attempt are dropped. Steps must therefore be free of side effects other than
/// their replies; a dialog ends with a result and the feature performs the side effect.
/// </remarks>
/// <typeparam name="TState">The state record. Persisted with <c>stateTypeInfo</c>, so it must stay compatible across deployments.</typeparam>
public sealed class WaterfallDialog<TState> : Dialog
    where TState : class
{
    private const string FormReminder = "Here's the form again. Fill it in and submit it, or say \"cancel\" to stop.";

    private readonly JsonTypeInfo<TState> stateTypeInfo;
    private readonly Func<object?, TState> createState;
    private readonly List<WaterfallStepDefinition> steps = [];
    private bool sealedForUse;

    /// <summary>Creates a waterfall dialog; add steps with <see cref="Step(Func{WaterfallStepContext{TState}, DialogStepOutcome})"/> and <see cref="Form"/>.</summary>
    /// <param name="id">The stable dialog id, feature-prefixed (for example <c>drafts.new</c>).</param>
    /// <param name="stateTypeInfo">The source-generated JSON type info of <typeparamref name="TState"/>.</param>
    /// <param name="createState">Creates the initial state from the begin options.</param>
    public WaterfallDialog(string id, JsonTypeInfo<TState> stateTypeInfo, Func<object?, TState> createState)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(stateTypeInfo);
        ArgumentNullException.ThrowIfNull(createState);
        this.stateTypeInfo = stateTypeInfo;
        this.createState = createState;
    }

    /// <summary>Adds a step that runs code.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This dialog, to chain calls.</returns>
    public WaterfallDialog<TState> Step(Func<WaterfallStepContext<TState>, DialogStepOutcome> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Step((context, _) => ValueTask.FromResult(step(context)));
    }

    /// <summary>Adds an asynchronous step (for reads through a port handed to the dialog).</summary>
    /// <param name="step">The step.</param>
    /// <returns>This dialog, to chain calls.</returns>
    public WaterfallDialog<TState> Step(Func<WaterfallStepContext<TState>, CancellationToken, ValueTask<DialogStepOutcome>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(new CodeStep(step));
    }

    /// <summary>
    /// Adds a card-form step: it sends the card built by <paramref name="buildCard"/> with a fresh form token and waits for a
    /// <see cref="CardActionInput"/> carrying that token. The next step gets the <see cref="CardActionInput"/> as its result.
    /// </summary>
    /// <remarks>
    /// A text message while the form waits re-sends the form with a new token (the old card becomes stale), so there is only
    /// ever one live form. A submit that <paramref name="validate"/> rejects replaces the acted-on card with the form and the error.
    /// </remarks>
    /// <param name="buildCard">Builds the card; it must embed <see cref="FormRequest{TState}.FormToken"/> as <c>data.formToken</c>.</param>
    /// <param name="validate">Returns an error message for an unacceptable submit, or <see langword="null"/> to accept it.</param>
    /// <returns>This dialog, to chain calls.</returns>
    public WaterfallDialog<TState> Form(Func<FormRequest<TState>, object> buildCard, Func<TState, CardActionInput, string?>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(buildCard);
        return Add(new FormStep(buildCard, validate));
    }

    internal override void Seal()
    {
        if (steps.Count == 0)
        {
            throw new InvalidOperationException($"Waterfall dialog '{Id}' has no steps.");
        }

        sealedForUse = true;
    }

    internal override object CreateState(object? options) =>
        options as TState ?? createState(options) ?? throw new InvalidOperationException($"Dialog '{Id}' created a null state.");

    internal override void WriteState(Utf8JsonWriter writer, object state) =>
        JsonSerializer.Serialize(writer, (TState)state, stateTypeInfo);

    internal override object ReadState(JsonElement json) =>
        json.Deserialize(stateTypeInfo) ?? throw new JsonException($"Dialog '{Id}' has a null state.");

    internal override ValueTask<DialogOutcome> BeginAsync(DialogTurn turn, DialogFrame frame, CancellationToken cancellationToken)
    {
        frame.Step = 0;
        return RunFromAsync(turn, frame, null, cancellationToken);
    }

    internal override ValueTask<DialogOutcome> ResumeAsync(DialogTurn turn, DialogFrame frame, object? childResult, CancellationToken cancellationToken)
    {
        frame.Step++;
        return RunFromAsync(turn, frame, childResult, cancellationToken);
    }

    internal override ValueTask<DialogOutcome> ContinueAsync(DialogTurn turn, DialogFrame frame, DialogInput input, CancellationToken cancellationToken)
    {
        if (frame.Step >= steps.Count || steps[frame.Step] is not FormStep form)
        {
            // Only a form step waits on the waterfall itself; anything else waits on a child. Keep waiting.
            return ValueTask.FromResult(DialogOutcome.Waiting);
        }

        switch (input)
        {
            case CardActionInput action:
                var error = form.Validate?.Invoke((TState)frame.State, action);
                if (error is not null)
                {
                    SendForm(turn, frame, form, error, replacesActedOnCard: true);
                    return ValueTask.FromResult(DialogOutcome.Waiting);
                }

                frame.FormToken = null;
                frame.Step++;
                return RunFromAsync(turn, frame, action, cancellationToken);

            default:
                turn.Reply(new TextReply(FormReminder));
                SendForm(turn, frame, form, null, replacesActedOnCard: false);
                return ValueTask.FromResult(DialogOutcome.Waiting);
        }
    }

    private WaterfallDialog<TState> Add(WaterfallStepDefinition step)
    {
        if (sealedForUse)
        {
            throw new InvalidOperationException($"Waterfall dialog '{Id}' is already registered; add steps before registering it.");
        }

        steps.Add(step);
        return this;
    }

    private async ValueTask<DialogOutcome> RunFromAsync(DialogTurn turn, DialogFrame frame, object? result, CancellationToken cancellationToken)
    {
        while (frame.Step < steps.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (steps[frame.Step])
            {
                case FormStep form:
                    SendForm(turn, frame, form, null, replacesActedOnCard: false);
                    return DialogOutcome.Waiting;

                case CodeStep code:
                    var context = new WaterfallStepContext<TState>(turn, (TState)frame.State, frame.Step, result);
                    var outcome = await code.Run(context, cancellationToken).ConfigureAwait(false);
                    frame.State = context.State ?? throw new InvalidOperationException($"Step {frame.Step} of '{Id}' set a null state.");
                    if (outcome.StackOutcome is { } stackOutcome)
                    {
                        return stackOutcome;
                    }

                    result = outcome.NextResult;
                    frame.Step++;
                    break;
            }
        }

        // Running past the last step ends the dialog with the last value handed on.
        return new DialogOutcome.CompletedOutcome(result);
    }

    private static void SendForm(DialogTurn turn, DialogFrame frame, FormStep form, string? error, bool replacesActedOnCard)
    {
        var token = DialogTurn.MintFormToken();
        frame.FormToken = token;
        var card = form.BuildCard(new FormRequest<TState>((TState)frame.State, token, error));
        turn.Reply(new CardReply(card, replacesActedOnCard, token));
    }

    private abstract record WaterfallStepDefinition;

    private sealed record CodeStep(Func<WaterfallStepContext<TState>, CancellationToken, ValueTask<DialogStepOutcome>> Run) : WaterfallStepDefinition;

    private sealed record FormStep(Func<FormRequest<TState>, object> BuildCard, Func<TState, CardActionInput, string?>? Validate) : WaterfallStepDefinition;
}
