namespace SocialBot.Dialogs.Engine;

/// <summary>
/// Thrown when a turn kept losing the compare-and-set race for its scope after all retries. Nothing of the turn was
/// saved or emitted; the caller may ask the user to try again.
/// </summary>
public sealed class DialogConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DialogConcurrencyException()
        : base("The dialog state kept changing while this turn ran.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DialogConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DialogConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
