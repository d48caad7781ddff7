namespace SocialBot.Bot.Features.Drafts;

/// <summary><c>Drafts:*</c>: team-wide rules for drafts.</summary>
internal sealed class DraftsOptions
{
    public const string Section = "Drafts";

    /// <summary>Words that get a warning (a team setting).</summary>
    public List<string> BannedWords { get; set; } = [];

    public int InstagramHashtagCap { get; set; } = 5;

    public int MastodonCharacterLimit { get; set; } = 500;

    /// <summary>Entra object ids from <c>SocialBot:Admins</c>.</summary>
    public List<string> Admins { get; set; } = [];
}
