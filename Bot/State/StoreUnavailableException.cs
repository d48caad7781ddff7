namespace SocialBot.Bot.State;

/// <summary>
/// The state store cannot be reached right now (connection lost, timeout, server loading its data).
/// Callers tell the user to retry shortly, or answer 503 to webhooks; it is never a logic error.
/// </summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : base("The state store is unavailable.")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
