using SocialBot.Bot.Turns;

namespace SocialBot.Bot.State;

/// <summary>
/// Claims (conversation, activity id) once. Teams retries a delivery it thinks failed with the same activity id,
/// within seconds; an hour of memory is plenty and keeps the keyspace small.
/// </summary>
internal sealed class TurnDeduplicator(IStateStore store) : ITurnDeduplicator
{
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private readonly string owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    public Task<bool> TryBeginAsync(string conversationId, string activityId, CancellationToken ct) =>
        store.TryClaimAsync(StoreKey.Global("turn", StoreKey.Digest(conversationId + "\n" + activityId)), owner, Memory, ct);
}
