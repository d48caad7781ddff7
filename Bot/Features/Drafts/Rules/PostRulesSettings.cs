namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>Team settings the post rules depend on.</summary>
internal sealed record PostRulesSettings
{
    /// <summary>Instagram itself rejects captions with more than this many hashtags.</summary>
    public const int InstagramHashtagHardLimit = 30;

    public static PostRulesSettings Default { get; } = new();

    /// <summary>Team cap on hashtags in an Instagram caption; more is an error. Values above 30 behave as 30.</summary>
    public int InstagramHashtagCap { get; init; } = 5;

    /// <summary>Character limit of the team's Mastodon instance (500 on mastodon.social; many instances raise it).</summary>
    public int MastodonCharacterLimit { get; init; } = 500;

    /// <summary>Words or phrases that trigger a warning; matched as whole words, ignoring case and accents.</summary>
    public IReadOnlyList<string> BannedWords { get; init; } = [];

    /// <summary>X and LinkedIn posts with more hashtags than this get a warning.</summary>
    public int HashtagWarningThreshold { get; init; } = 3;
}
