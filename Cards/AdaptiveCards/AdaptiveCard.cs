using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>
/// An Adaptive Card, version 1.5 (the version Teams needs for Universal Actions). Build it with object
/// initializers and turn it into wire JSON with <see cref="AdaptiveCardSerializer"/>.
/// </summary>
public sealed record AdaptiveCard
{
    /// <summary>Attachment content type of an Adaptive Card.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The card schema version this model produces.</summary>
    public const string SchemaVersion = "1.5";

    /// <summary>Always <c>"AdaptiveCard"</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";

    /// <summary>Always <see cref="SchemaVersion"/>.</summary>
    [JsonPropertyOrder(-1)]
    public string Version => SchemaVersion;

    /// <summary>The body elements, top to bottom.</summary>
    public IReadOnlyList<CardElement> Body { get; init; } = [];

    /// <summary>Buttons at the bottom of the card.</summary>
    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>User-specific views: Teams calls <see cref="Refresh.Action"/> for the listed users to fetch their own version.</summary>
    public Refresh? Refresh { get; init; }

    /// <summary>
    /// Teams extensions (full width, mentions). Emitted only when set. The official 1.5 schema does not know
    /// <c>msteams</c>, so validate such cards with <c>validate-card.mjs --allow-msteams</c>.
    /// </summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }

    /// <summary>Text shown by hosts that cannot render the card (and in notifications).</summary>
    public string? FallbackText { get; init; }

    /// <summary>What a speech host reads aloud.</summary>
    public string? Speak { get; init; }
}

/// <summary>
/// The card's <c>refresh</c> block: Teams runs <see cref="Action"/> (an <c>adaptiveCard/action</c> invoke with
/// trigger <c>automatic</c>) for each listed user, so each of them can get a user-specific view.
/// </summary>
public sealed record Refresh
{
    /// <summary>Teams shows user-specific views to at most 60 users per card.</summary>
    public const int MaxUserIds = 60;

    private readonly IReadOnlyList<string>? userIds;

    /// <summary>The action invoked to fetch a user's view.</summary>
    [JsonConverter(typeof(ExecuteActionWithTypeConverter))]
    public required ExecuteAction Action { get; init; }

    /// <summary>
    /// Teams user ids (<c>29:…</c>) that get an automatic refresh. Duplicates are removed. <c>null</c> lets Teams refresh
    /// for everyone in chats of up to 60 members; an empty list means manual refresh only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// More than <see cref="MaxUserIds"/> distinct ids. The model throws rather than truncates, because silently dropping
    /// a user would hide that user's buttons (an approver would lose Approve); the caller must choose who gets the views.
    /// </exception>
    public IReadOnlyList<string>? UserIds
    {
        get => userIds;
        init
        {
            if (value is null)
            {
                userIds = null;
                return;
            }

            var distinct = value.Distinct(StringComparer.Ordinal).ToArray();
            if (distinct.Length > MaxUserIds)
            {
                throw new ArgumentOutOfRangeException(nameof(UserIds), distinct.Length, $"Teams allows at most {MaxUserIds} user ids in refresh.userIds.");
            }

            userIds = distinct;
        }
    }
}

/// <summary>The Teams-only <c>msteams</c> object of a card.</summary>
public sealed record TeamsCardProperties
{
    /// <summary>Card width; <see cref="TeamsCardWidth.Full"/> uses the whole message pane.</summary>
    public TeamsCardWidth? Width { get; init; }

    /// <summary>User mentions used in the card's text. Each <see cref="Mention.Text"/> must appear verbatim in a TextBlock or Fact.</summary>
    public IReadOnlyList<Mention>? Entities { get; init; }
}

/// <summary>A user mention inside a card: put <see cref="Text"/> into a TextBlock and the mention into <see cref="TeamsCardProperties.Entities"/>.</summary>
public sealed record Mention
{
    /// <summary>Always <c>"mention"</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "mention";

    /// <summary>The <c>&lt;at&gt;Name&lt;/at&gt;</c> text that Teams replaces with the mention pill.</summary>
    public required string Text { get; init; }

    /// <summary>The mentioned user.</summary>
    public required MentionedUser Mentioned { get; init; }

    /// <summary>
    /// A mention of <paramref name="name"/>. Angle brackets are removed from the display name so it cannot close the
    /// <c>&lt;at&gt;</c> tag early; the id, not the name, decides who is mentioned.
    /// </summary>
    /// <param name="id">Teams user id (<c>29:…</c>), Entra object id or UPN.</param>
    /// <param name="name">Display name.</param>
    public static Mention Of(string id, string name)
    {
        var safeName = name.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal);
        return new Mention { Text = $"<at>{safeName}</at>", Mentioned = new MentionedUser(id, safeName) };
    }
}

/// <summary>The user a <see cref="Mention"/> points at.</summary>
/// <param name="Id">Teams user id (<c>29:…</c>), Entra object id or UPN.</param>
/// <param name="Name">Display name.</param>
public sealed record MentionedUser(string Id, string Name);
