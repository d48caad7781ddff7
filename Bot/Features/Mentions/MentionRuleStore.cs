using System.Collections.Concurrent;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Mentions;

/// <summary>
/// The tenant's <c>track</c> rules: one versioned document changed by compare-and-set, and its compiled matcher cached
/// per document version, so every instance picks up a new rule on the next mention without recompiling each time.
/// </summary>
internal sealed class MentionRuleStore(IStateStore store, TimeProvider clock)
{
    public const int MaxRulesPerConversation = 50;
    private const int MaxAttempts = 10;
    private readonly ConcurrentDictionary<string, (long Version, CompiledRuleSet Rules, RuleBook Book)> compiled = new(StringComparer.Ordinal);

    public async Task<(RuleBook Book, CompiledRuleSet Rules)> ReadCompiledAsync(string tenantId, CancellationToken ct)
    {
        var stored = await store.GetAsync(Key(tenantId), MentionsJsonContext.Default.RuleBook, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return (RuleBook.Empty, CompiledRuleSet.Empty);
        }

        if (compiled.TryGetValue(tenantId, out var cached) && cached.Version == stored.Version)
        {
            return (cached.Book, cached.Rules);
        }

        var rules = CompiledRuleSet.Compile(stored.Value.Rules
            .Select(r => MentionQueryParser.Parse(r.Query).Query is { } query ? new MentionRule(r.RuleId, query) : null)
            .OfType<MentionRule>());
        compiled[tenantId] = (stored.Version, rules, stored.Value);
        return (stored.Value, rules);
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

            var condition = stored is null ? PutCondition.IfAbsent : PutCondition.IfVersion(stored.Version);
            if ((await store.PutAsync(Key(tenantId), book, MentionsJsonContext.Default.RuleBook, condition, cancellationToken: ct).ConfigureAwait(false)).Succeeded)
            {
                return changed;
            }
        }

        throw new InvalidOperationException("The rule list kept changing; try again.");
    }

    private static StoreKey Key(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "mentions", "rules");
}
