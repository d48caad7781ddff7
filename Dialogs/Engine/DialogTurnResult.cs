namespace SocialBot.Dialogs.Engine;

/// <summary>How a dialog turn ended.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog is active in the scope; the input was not consumed and the caller should route it elsewhere.</summary>
    NoActiveDialog,

    /// <summary>A dialog is active and waits for the user's next input.</summary>
    Waiting,

    /// <summary>The root dialog completed; <see cref="DialogTurnResult.Result"/> holds its result.</summary>
    Completed,

    /// <summary>The whole stack was cancelled (by the user or after too many re-prompts).</summary>
    Cancelled,

    /// <summary>
    /// A card action carried a form token that no waiting form step owns (an old card, or a second submit of the same form).
    /// Nothing advanced; the replies explain it to the user.
    /// </summary>
    Stale,

    /// <summary>
    /// A dialog is active but the input is not for it (a card action without a form token). The dialog keeps waiting and
    /// the caller should route the input as if no dialog were active.
    /// </summary>
    PassedThrough,
}

/// <summary>The outcome of one turn of the dialog engine.</summary>
/// <param name="Status">How the turn ended.</param>
/// <param name="Replies">The replies to send, in order. Replies of a discarded (conflicting) attempt are never included.</param>
/// <param name="CompletedDialogId">The id of the root dialog that completed, when <paramref name="Status"/> is <see cref="DialogTurnStatus.Completed"/>.</param>
/// <param name="Result">The completed dialog's result, for the feature to perform its side effect.</param>
public sealed record DialogTurnResult(
    DialogTurnStatus Status,
    IReadOnlyList<DialogReply> Replies,
    string? CompletedDialogId = null,
    object? Result = null)
{
    /// <summary>Gets the completed dialog's result as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The result type the dialog ends with.</typeparam>
    /// <exception cref="InvalidOperationException">The turn did not complete a dialog with a result of that type.</exception>
    public T GetResult<T>() =>
        Result is T typed
            ? typed
            : throw new InvalidOperationException(
                $"The turn ended with status {Status} and a result of type {Result?.GetType().Name ?? "null"}, not {typeof(T).Name}.");
}
