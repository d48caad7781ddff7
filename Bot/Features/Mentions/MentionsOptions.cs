namespace SocialBot.Bot.Features.Mentions;

/// <summary><c>Mentions:*</c> delivery settings.</summary>
internal sealed class MentionsOptions
{
    public const string Section = "Mentions";

    /// <summary>Normal mentions are collected and sent as one card this often.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Alerts per conversation per hour; beyond it, mentions go into the next batch ("N more").</summary>
    public int MaxAlertsPerHour { get; set; } = 20;

    /// <summary>How often the batch worker looks for due batches.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
