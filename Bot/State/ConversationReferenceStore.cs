using System.Collections.Concurrent;
using System.Text.Json;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.Turns;

namespace SocialBot.Bot.State;

/// <summary>
/// Conversation references by conversation, plus each user's 1:1 chat by object id and by channel id, so that
/// proactive messages (approval requests, author notifications, digests) can reach them later.
/// Stored references come only from authenticated activities, so their service URLs are trusted again after a restart.
/// </summary>
internal sealed class ConversationReferenceStore(IStateStore store, IServiceUrlLearner serviceUrls) : IConversationReferenceStore
{
    /// <summary>
    /// Every turn saves its reference, and nearly every turn carries the one the turn before saved. A reference this
    /// instance wrote (all but <see cref="ConversationReference.UpdatedAt"/>, which nothing reads) is written again
    /// only after this long, so a busy conversation costs a transaction every few minutes instead of one per message.
    /// </summary>
    internal static readonly TimeSpan RewriteUnchangedAfter = TimeSpan.FromMinutes(5);

    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, (byte[] Fingerprint, DateTimeOffset WrittenAt)> written = new(StringComparer.Ordinal);

    public async Task SaveAsync(ConversationReference reference, CancellationToken ct)
    {
        var tenant = StoreKey.TenantOrDefault(reference.TenantId);
        var remembered = tenant + "\n" + reference.Conversation.Id;
        var fingerprint = JsonSerializer.SerializeToUtf8Bytes(reference with { UpdatedAt = null }, ProtocolJsonContext.Default.ConversationReference);
        if (reference.UpdatedAt is { } now &&
            written.TryGetValue(remembered, out var last) &&
            now - last.WrittenAt < RewriteUnchangedAfter && now >= last.WrittenAt &&
            last.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            return;
        }

        var transaction = new StoreTransaction()
            .PutDocument(ConversationKey(tenant, reference.Conversation.Id ?? string.Empty), reference, ProtocolJsonContext.Default.ConversationReference);
        if (IsPersonal(reference) && reference.User is { } user)
        {
            foreach (var id in new[] { user.AadObjectId, user.Id }.Where(id => !string.IsNullOrEmpty(id)).Distinct())
            {
                transaction.PutDocument(PersonalKey(tenant, id!), reference, ProtocolJsonContext.Default.ConversationReference);
            }
        }

        await store.CommitAsync(transaction, ct);
        if (reference.UpdatedAt is { } at)
        {
            if (written.Count >= MaxRemembered)
            {
                written.Clear();
            }

            written[remembered] = (fingerprint, at);
        }
    }

    public Task<ConversationReference?> FindAsync(string tenantId, string conversationId, CancellationToken ct) =>
        ReadAsync(ConversationKey(StoreKey.TenantOrDefault(tenantId), conversationId), ct);

    public Task<ConversationReference?> FindPersonalAsync(string tenantId, string userId, CancellationToken ct) =>
        ReadAsync(PersonalKey(StoreKey.TenantOrDefault(tenantId), userId), ct);

    private async Task<ConversationReference?> ReadAsync(StoreKey key, CancellationToken ct)
    {
        var reference = (await store.GetAsync(key, ProtocolJsonContext.Default.ConversationReference, ct))?.Value;
        if (reference is { ServiceUrl.Length: > 0 })
        {
            serviceUrls.Learn(reference.ServiceUrl);
        }

        return reference;
    }

    private static bool IsPersonal(ConversationReference reference) =>
        reference.Conversation.ConversationType is { } type
            ? string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase)
            : reference.Conversation.IsGroup != true;

    private static StoreKey ConversationKey(string tenant, string conversationId) => StoreKey.For(tenant, "conv", StoreKey.Digest(conversationId));

    private static StoreKey PersonalKey(string tenant, string userId) => StoreKey.For(tenant, "personal", StoreKey.Digest(userId));
}
