namespace SocialBot.Bot.Features.Drafts.Rules;

/// <summary>What the rules engine checks: the post as the author composed it in the draft form.</summary>
internal sealed record PostContent
{
    public required string Text { get; init; }

    public required IReadOnlyList<SocialNetwork> Networks { get; init; }

    /// <summary>The separate link field. It is not part of <see cref="Text"/> and is not counted: publishers attach it as a link preview.</summary>
    public string? Link { get; init; }

    public IReadOnlyList<PostImage> Images { get; init; } = [];

    public DateTimeOffset? PublishAt { get; init; }

    public bool Sponsored { get; init; }

    public bool Urgent { get; init; }

    public string? Campaign { get; init; }

    public string? NotesToReviewer { get; init; }
}

internal sealed record PostImage(string Url, string? AltText = null)
{
    public bool HasAltText => !string.IsNullOrWhiteSpace(AltText);
}
