using System.Text.Json;
using System.Text.Json.Serialization;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Digest;

/// <summary>One conversation's digest subscription.</summary>
internal sealed record DigestSubscription(
    string TenantId,
    string ConversationId,
    DigestSchedule Schedule,
    ConversationReference Reference,
    bool Paused = false)
{
    /// <summary>The member of the due set: tenant and conversation.</summary>
    public string Member => string.Concat(TenantId, "|", ConversationId);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DigestSubscription))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;

/// <summary>
/// Subscriptions, one document per conversation (<c>{tenant}:digest:sub:&lt;conversation&gt;</c>), and the global due set
/// (<c>{global}:digest:due</c>, member <c>tenant|conversation</c>, score = next send in Unix seconds).
/// </summary>
internal sealed class DigestSubscriptionStore(IStateStore store)
{
    public static readonly StoreKey DueKey = StoreKey.Global("digest", "due");

    public async Task SaveAsync(DigestSubscription subscription, DateTimeOffset nextDue, CancellationToken ct)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(subscription, DigestJsonContext.Default.DigestSubscription);
        await store.PutAsync(Key(subscription.TenantId, subscription.ConversationId), json, PutCondition.Always, cancellationToken: ct).ConfigureAwait(false);
        if (subscription.Paused)
        {
            await store.SortedSetRemoveAsync(DueKey, subscription.Member, ct).ConfigureAwait(false);
        }
        else
        {
            await ScheduleAsync(subscription.Member, nextDue, ct).ConfigureAwait(false);
        }
    }

    public Task ScheduleAsync(string member, DateTimeOffset due, CancellationToken ct) =>
        store.SortedSetAddAsync(DueKey, member, due.ToUnixTimeSeconds(), ct);

    public async Task<DigestSubscription?> FindAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        var document = await store.GetAsync(Key(tenantId, conversationId), ct).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(document.Utf8Json.Span, DigestJsonContext.Default.DigestSubscription);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        await store.SortedSetRemoveAsync(DueKey, string.Concat(tenantId, "|", conversationId), ct).ConfigureAwait(false);
        return await store.DeleteAsync(Key(tenantId, conversationId), cancellationToken: ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ScoredMember>> DueAsync(DateTimeOffset now, int take, CancellationToken ct) =>
        store.SortedSetRangeByScoreAsync(DueKey, max: now.ToUnixTimeSeconds(), take: take, cancellationToken: ct);

    public async Task<DateTimeOffset?> EarliestAsync(CancellationToken ct)
    {
        var first = await store.SortedSetRangeByRankAsync(DueKey, 0, 0, cancellationToken: ct).ConfigureAwait(false);
        return first.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)first[0].Score);
    }

    public Task RemoveDueAsync(string member, CancellationToken ct) => store.SortedSetRemoveAsync(DueKey, member, ct);

    private static StoreKey Key(string tenantId, string conversationId) =>
        StoreKey.For(StoreKey.TenantOrDefault(tenantId), "digest", "sub", StoreKey.Digest(conversationId));
}
