using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

/// <summary>
/// A test store with the same contract as the Redis one: compare-and-set on a version that is never reused
/// (so a delete followed by a create cannot be mistaken for the old stack) and expiry measured on a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class InMemoryDialogStateStore(TimeProvider time) : IDialogStateStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<DialogScope, Entry> entries = [];
    private long lastVersion;

    public InMemoryDialogStateStore()
        : this(TimeProvider.System)
    {
    }

    public TimeSpan? LastTimeToLive { get; private set; }

    public Task<StoredDialogStack?> LoadAsync(DialogScope scope, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var entry = LiveEntry(scope);
            return Task.FromResult(entry is null ? null : new StoredDialogStack(entry.Json, entry.Version));
        }
    }

    public Task<bool> SaveAsync(DialogScope scope, string json, long? expectedVersion, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (LiveEntry(scope)?.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            LastTimeToLive = timeToLive;
            entries[scope] = new Entry(json, ++lastVersion, time.GetUtcNow() + timeToLive);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(DialogScope scope, long? expectedVersion, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (expectedVersion is not null && LiveEntry(scope)?.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            entries.Remove(scope);
            return Task.FromResult(true);
        }
    }

    private Entry? LiveEntry(DialogScope scope)
    {
        if (!entries.TryGetValue(scope, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > time.GetUtcNow())
        {
            return entry;
        }

        entries.Remove(scope);
        return null;
    }

    private sealed record Entry(string Json, long Version, DateTimeOffset ExpiresAt);
}
