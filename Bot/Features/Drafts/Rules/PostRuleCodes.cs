namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>Stable finding codes; cards, tests and telemetry rely on these strings.</summary>
internal static class PostRuleCodes
{
    public const string TextEmpty = "text.empty";
    public const string NetworksNone = "networks.none";
    public const string ImageNoAltText = "image.no-alt-text";
    public const string BannedWord = "text.banned-word";
    public const string AllCaps = "text.all-caps";
    public const string SponsoredNoDisclosure = "sponsored.no-disclosure";
    public const string PublishInPast = "publish.in-past";

    public const string XManyHashtags = "x.many-hashtags";
    public const string LinkedInManyHashtags = "linkedin.many-hashtags";
    public const string LinkedInReservedCharacters = "linkedin.reserved-characters";
    public const string InstagramNeedsImage = "instagram.needs-image";
    public const string InstagramTooManyHashtags = "instagram.too-many-hashtags";
    public const string InstagramLinksNotClickable = "instagram.links-not-clickable";
    public const string ThreadsTooManyTags = "threads.too-many-tags";
    public const string BlueskyTooManyImages = "bluesky.too-many-images";
    public const string BlueskyTooManyBytes = "bluesky.too-many-bytes";

    /// <summary><c>x.too-long</c>, <c>linkedin.too-long</c>, … one per network.</summary>
    public static string TooLong(SocialNetwork network) => network switch
    {
        SocialNetwork.X => "x.too-long",
        SocialNetwork.LinkedIn => "linkedin.too-long",
        SocialNetwork.Instagram => "instagram.too-long",
        SocialNetwork.Facebook => "facebook.too-long",
        SocialNetwork.Threads => "threads.too-long",
        SocialNetwork.Bluesky => "bluesky.too-long",
        SocialNetwork.Mastodon => "mastodon.too-long",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown social network."),
    };
}
