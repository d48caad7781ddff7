using System.Text;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Bot.State;

/// <summary>
/// Dialog stacks in the state store, one document per (tenant, conversation, user). A finished dialog leaves a
/// <c>null</c> tombstone instead of deleting the key, so versions keep rising and a turn that read an old version
/// can never pass the compare-and-set after the stack was ended and re-created (no ABA).
/// </summary>
internal sealed class StoreDialogStateStore(IStateStore store) : IDialogStateStore
{
    private static readonly byte[] Tombstone = "null"u8.ToArray();

    public async Task<StoredDialogStack?> LoadAsync(DialogScope scope, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(Key(scope), cancellationToken);
        return document is null || IsTombstone(document) ? null : new StoredDialogStack(document.Json, document.Version);
    }

    public async Task<bool> SaveAsync(DialogScope scope, string json, long? expectedVersion, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var key = Key(scope);
        var condition = expectedVersion is { } version ? PutCondition.IfVersion(version) : await CreateConditionAsync(key, cancellationToken);
        if (condition is not { } put)
        {
            return false;
        }

        var result = await store.PutAsync(key, Encoding.UTF8.GetBytes(json), put, timeToLive, cancellationToken);
        return result.Succeeded;
    }

    public async Task<bool> DeleteAsync(DialogScope scope, long? expectedVersion, CancellationToken cancellationToken)
    {
        var key = Key(scope);
        var condition = expectedVersion is { } version ? PutCondition.IfVersion(version) : PutCondition.Always;
        var result = await store.PutAsync(key, Tombstone, condition, DialogOptionsDefaults.TombstoneLifetime, cancellationToken);
        return result.Succeeded || expectedVersion is null;
    }

    // "Create" means: nothing stored, or only a tombstone — and still that same tombstone when we write.
    private async Task<PutCondition?> CreateConditionAsync(StoreKey key, CancellationToken ct)
    {
        var existing = await store.GetAsync(key, ct);
        if (existing is null)
        {
            return PutCondition.IfAbsent;
        }

        return IsTombstone(existing) ? PutCondition.IfVersion(existing.Version) : null;
    }

    private static bool IsTombstone(StoredDocument document) => document.Utf8Json.Span.SequenceEqual(Tombstone);

    private static StoreKey Key(DialogScope scope) =>
        StoreKey.For(StoreKey.TenantOrDefault(scope.TenantId), "dialog", StoreKey.Digest(scope.ConversationId + "\n" + scope.UserId));

    private static class DialogOptionsDefaults
    {
        public static readonly TimeSpan TombstoneLifetime = TimeSpan.FromHours(24);
    }
}
