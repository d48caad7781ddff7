namespace SocialBot.Bot.State;

internal sealed class StateStoreOptions
{
    public const string Section = "State";

    /// <summary>Prefix of every key (<c>State:KeyPrefix</c>), so several bots can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "socialbot";

    /// <summary>Copied from <c>ConnectionStrings:Redis</c>; empty means the in-memory store.</summary>
    public string? RedisConnectionString { get; set; }
}
