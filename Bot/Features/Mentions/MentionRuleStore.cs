using System.Collections.Concurrent;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// The tenant's <c>track</c> rules: one versioned document changed by compare-and-set, and its compiled matcher cached
/// per version counter (bumped in the same transaction), so every instance picks up a new rule on the next mention
/// without reading or recompiling the rules each time.
/// </summary>
internal sealed class MentionRuleStore(IStateStore store, TimeProvider clock)
{
    public const int MaxRulesPerConversation = 50;
    private const int MaxAttempts = 10;
    private readonly ConcurrentDictionary<string, (long Version, CompiledRuleSet Rules, RuleBook Book)> compiled = new(StringComparer.Ordinal);

    public async Task<(RuleBook Book, CompiledRuleSet Rules)> ReadCompiledAsync(string tenantId, CancellationToken ct)
    {
        // Every mention asks; a counter read is cheap, while the rule document of a big tenant is hundreds of KB of JSON.
        var version = await store.GetCounterAsync(VersionKey(tenantId), ct).ConfigureAwait(false);
        if (version == 0)
        {
            return (RuleBook.Empty, CompiledRuleSet.Empty);
        }

        if (compiled.TryGetValue(tenantId, out var cached) && cached.Version == version)
        {
            return (cached.Book, cached.Rules);
        }

        // The document may already be newer than the counter read above; then the next read recompiles once more.
        var book = (await store.GetAsync(Key(tenantId), MentionsJsonContext.Default.RuleBook, ct).ConfigureAwait(false))?.Value ?? RuleBook.Empty;
        var rules = CompiledRuleSet.Compile(book.Rules
            .Select(r => MentionQueryParser.Parse(r.Query).Query is { } query ? new MentionRule(r.RuleId, query) : null)
            .OfType<MentionRule>());
        compiled[tenantId] = (version, rules, book);
        return (book, rules);
    }

    public async Task<IReadOnlyList<TrackedRule>> ListAsync(string tenantId, string conversationId, CancellationToken ct) =>
        [.. (await ReadCompiledAsync(tenantId, ct).ConfigureAwait(false)).Book.Rules.Where(r => r.ConversationId == conversationId).OrderBy(r => r.Number)];

    /// <returns>The new rule, or null when the conversation already has the maximum or the same query.</returns>
    public Task<TrackedRule?> AddAsync(string tenantId, string conversationId, MentionQuery query, string createdBy, CancellationToken ct) =>
        ChangeAsync(tenantId, ct, book =>
        {
            var mine = book.Rules.Where(r => r.ConversationId == conversationId).ToList();
            if (mine.Count >= MaxRulesPerConversation || mine.Any(r => string.Equals(r.Query, query.Text, StringComparison.OrdinalIgnoreCase)))
            {
                return (book, null);
            }

            var rule = new TrackedRule(Guid.NewGuid().ToString("N")[..12], book.NextNumber, conversationId, query.Text, query.Priority, createdBy, clock.GetUtcNow());
            return (book with { Rules = [.. book.Rules, rule], NextNumber = book.NextNumber + 1 }, rule);
        });

    /// <returns>The removed rule, or null when this conversation has no rule with that number.</returns>
    public Task<TrackedRule?> RemoveAsync(string tenantId, string conversationId, int number, CancellationToken ct) =>
        ChangeAsync(tenantId, ct, book =>
        {
            var rule = book.Rules.FirstOrDefault(r => r.ConversationId == conversationId && r.Number == number);
            return rule is null ? (book, null) : (book with { Rules = [.. book.Rules.Where(r => r != rule)] }, rule);
        });

    private async Task<TrackedRule?> ChangeAsync(string tenantId, CancellationToken ct, Func<RuleBook, (RuleBook Book, TrackedRule? Changed)> change)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(Key(tenantId), MentionsJsonContext.Default.RuleBook, ct).ConfigureAwait(false);
            var (book, changed) = change(stored?.Value ?? RuleBook.Empty);
            if (changed is null)
            {
                return null;
            }

            var transaction = stored is null ? new StoreTransaction().RequireAbsent(Key(tenantId)) : new StoreTransaction().RequireVersion(Key(tenantId), stored.Version);
            transaction.PutDocument(Key(tenantId), book, MentionsJsonContext.Default.RuleBook).Increment(VersionKey(tenantId));
            if (await store.CommitAsync(transaction, ct).ConfigureAwait(false))
            {
                return changed;
            }
        }

        throw new InvalidOperationException("The rule list kept changing; try again.");
    }

    private static StoreKey Key(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "rules");

    private static StoreKey VersionKey(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "rules-version");
}
