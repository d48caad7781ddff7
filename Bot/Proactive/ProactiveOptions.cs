namespace SocialBot.Bot.Proactive;

/// <summary>
/// Teams' limits for a bot (MSTD rate-limit.md): per conversation 7 requests/s, 60/30 s and 1800/h;
/// about 30 requests/s per tenant. Bound from the <c>Proactive</c> section.
/// </summary>
internal sealed class ProactiveOptions
{
    public const string SectionName = "Proactive";

    public int PerConversationPerSecond { get; set; } = 7;
    public int PerConversationPer30Seconds { get; set; } = 60;
    public int PerConversationPerHour { get; set; } = 1800;
    public int PerTenantPerSecond { get; set; } = 30;

    /// <summary>Added to every window before a slot counts as free again, in case Teams' clock runs a little behind ours.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    public IEnumerable<string> Problems()
    {
        if (PerConversationPerSecond < 1 || PerConversationPer30Seconds < 1 || PerConversationPerHour < 1 || PerTenantPerSecond < 1)
        {
            yield return "Proactive limits must be at least 1.";
        }

        if (SafetyMargin < TimeSpan.Zero || SafetyMargin > TimeSpan.FromSeconds(5))
        {
            yield return "Proactive:SafetyMargin must be between 0 and 5 seconds.";
        }
    }
}
