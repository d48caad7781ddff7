using SocialBot.Bot.Turns;

namespace SocialBot.Bot.State;

/// <summary>
/// Runs a (conversation, activity id) once. The id is first claimed with a short lease while the turn runs; only a
/// turn that finished is remembered for an hour. A failed turn releases its lease, and a process that dies mid-turn
/// leaves a lease that lapses by itself, so the channel's retry of that delivery is processed instead of dropped.
/// Teams retries a delivery it thinks failed with the same activity id, within seconds to minutes.
/// </summary>
internal sealed class TurnDeduplicator(IStateStore store) : ITurnDeduplicator
{
    /// <summary>How long a running turn holds its id: Teams' 15-second request budget, so a lost lease lapses soon after.</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    /// <summary>How long a finished turn's id is remembered.</summary>
    internal static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private readonly string owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    public Task<bool> TryBeginAsync(string conversationId, string activityId, CancellationToken ct) =>
        store.TryClaimAsync(Key(conversationId, activityId), owner, Lease, ct);

    public Task CompleteAsync(string conversationId, string activityId, CancellationToken ct) =>
        store.ExtendClaimAsync(Key(conversationId, activityId), owner, Memory, ct);

    public Task AbandonAsync(string conversationId, string activityId, CancellationToken ct) =>
        store.ReleaseClaimAsync(Key(conversationId, activityId), owner, ct);

    private static StoreKey Key(string conversationId, string activityId) =>
        StoreKey.Global("turn", StoreKey.Digest(conversationId + "\n" + activityId));
}
