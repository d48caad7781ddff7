namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>The networks a draft can target. The numeric values are not stable; persist <see cref="SocialNetworkNames.WireName"/>.</summary>
internal enum SocialNetwork
{
    X,
    LinkedIn,
    Instagram,
    Facebook,
    Threads,
    Bluesky,
    Mastodon,
}

internal static class SocialNetworkNames
{
    /// <summary>Every network in display order (the order of the draft form).</summary>
    public static IReadOnlyList<SocialNetwork> All { get; } =
    [
        SocialNetwork.X,
        SocialNetwork.LinkedIn,
        SocialNetwork.Instagram,
        SocialNetwork.Facebook,
        SocialNetwork.Threads,
        SocialNetwork.Bluesky,
        SocialNetwork.Mastodon,
    ];

    /// <summary>Stable lower-case name used in storage, card data and the mentions API (<c>source</c>).</summary>
    public static string WireName(this SocialNetwork network) => network switch
    {
        SocialNetwork.X => "x",
        SocialNetwork.LinkedIn => "linkedin",
        SocialNetwork.Instagram => "instagram",
        SocialNetwork.Facebook => "facebook",
        SocialNetwork.Threads => "threads",
        SocialNetwork.Bluesky => "bluesky",
        SocialNetwork.Mastodon => "mastodon",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown social network."),
    };

    public static string DisplayName(this SocialNetwork network) => network switch
    {
        SocialNetwork.X => "X",
        SocialNetwork.LinkedIn => "LinkedIn",
        SocialNetwork.Instagram => "Instagram",
        SocialNetwork.Facebook => "Facebook",
        SocialNetwork.Threads => "Threads",
        SocialNetwork.Bluesky => "Bluesky",
        SocialNetwork.Mastodon => "Mastodon",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown social network."),
    };

    /// <summary>Parses a wire name, case-insensitively and ignoring surrounding spaces; "twitter" is accepted as X.</summary>
    public static bool TryParseWireName(ReadOnlySpan<char> value, out SocialNetwork network)
    {
        var trimmed = value.Trim();
        foreach (var candidate in All)
        {
            if (trimmed.Equals(candidate.WireName(), StringComparison.OrdinalIgnoreCase))
            {
                network = candidate;
                return true;
            }
        }

        if (trimmed.Equals("twitter", StringComparison.OrdinalIgnoreCase))
        {
            network = SocialNetwork.X;
            return true;
        }

        network = default;
        return false;
    }
}
