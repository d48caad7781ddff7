namespace SocialBot.Bot.State;

/// <summary>
/// A key relative to the configured prefix. Tenant keys render as <c>{tenant}:part:part</c>: the braces are a
/// Redis Cluster hash tag, so every key of one tenant lands in one slot and a transaction may span them.
/// </summary>
internal readonly record struct StoreKey
{
    internal const string GlobalScope = "global";

    private StoreKey(string relative) => Relative = relative;

    /// <summary>The key without the prefix, e.g. <c>{tenant-id}:drafts:42</c>.</summary>
    public string Relative { get; }

    public static StoreKey For(string tenant, params string[] parts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        if (tenant.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A tenant id must not contain '{' or '}'.", nameof(tenant));
        }

        if (string.Equals(tenant, GlobalScope, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{GlobalScope}' is reserved for StoreKey.Global.", nameof(tenant));
        }

        return new StoreKey(Compose(tenant, parts));
    }

    /// <summary>A key that belongs to no tenant (ingestion queue, global schedules).</summary>
    public static StoreKey Global(params string[] parts) => new(Compose(GlobalScope, parts));

    public string Render(string prefix) => string.Concat(prefix, ":", Relative);

    public override string ToString() => Relative;

    private static string Compose(string scope, string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0)
        {
            throw new ArgumentException("A key needs at least one part after the tenant.", nameof(parts));
        }

        foreach (var part in parts)
        {
            ArgumentException.ThrowIfNullOrEmpty(part, nameof(parts));
        }

        return string.Concat("{", scope, "}:", string.Join(':', parts));
    }
}
