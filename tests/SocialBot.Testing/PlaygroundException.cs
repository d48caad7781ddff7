namespace SocialBot.Testing;

/// <summary>A step in the Playground UI failed; the message names the screenshot and the logs to look at.</summary>
public sealed class PlaygroundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlaygroundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlaygroundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlaygroundException()
    {
    }
}
