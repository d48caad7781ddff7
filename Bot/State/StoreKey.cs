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

    /// <summary>
    /// A fixed-length key part for an id that may contain ':' or be very long (Teams conversation ids do both),
    /// so keys stay unambiguous and short.
    /// </summary>
    public static string Digest(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id), hash);
        return Convert.ToHexStringLower(hash[..12]);
    }

    /// <summary>The tenant scope of an activity; the Agents Playground and some events send none.</summary>
    public static string TenantOrDefault(string? tenantId) => string.IsNullOrWhiteSpace(tenantId) ? "default" : tenantId;

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
