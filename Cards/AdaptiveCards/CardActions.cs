using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SocialBot.Cards.AdaptiveCards;

/// <summary>
/// A button (in <see cref="AdaptiveCard.Actions"/> or an <see cref="ActionSet"/>). Serialized with its
/// Adaptive Card <c>"type"</c>, for example <c>"Action.Execute"</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract record CardAction
{
    /// <summary>Button text.</summary>
    public string? Title { get; init; }

    /// <summary>Action id (echoed in the invoke for <see cref="ExecuteAction"/>).</summary>
    public string? Id { get; init; }

    /// <summary>Visual emphasis.</summary>
    public ActionStyle? Style { get; init; }

    /// <summary>Tooltip and accessible description.</summary>
    public string? Tooltip { get; init; }
}

/// <summary>
/// An action that may also be a click target (<c>selectAction</c> of containers, columns and text runs).
/// <see cref="ShowCardAction"/> is not allowed there, so it does not derive from this type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract record SelectAction : CardAction;

/// <summary>
/// Sends the inputs without a verb. Only for cards inside a Teams dialog (message extension task module), where
/// Universal Actions are not delivered; Teams answers with <c>composeExtension/submitAction</c>.
/// </summary>
public sealed record SubmitAction : SelectAction
{
    /// <summary>JSON object sent back with the input values merged in.</summary>
    public JsonObject? Data { get; init; }
}

/// <summary>
/// A Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke with <see cref="Verb"/>, <see cref="Data"/>
/// and the values of the card's inputs, and the bot may answer with a replacement card.
/// </summary>
public sealed record ExecuteAction : SelectAction
{
    /// <summary>The verb the bot routes on, feature-prefixed (for example <c>approvals.approve</c>).</summary>
    public required string Verb { get; init; }

    /// <summary>Arbitrary JSON object sent back with the invoke (ids, versions). Input values are merged into it by the client.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>Whether input values are validated and sent.</summary>
    public AssociatedInputs? AssociatedInputs { get; init; }
}

/// <summary>Opens a URL in the browser.</summary>
public sealed record OpenUrlAction : SelectAction
{
    private readonly Uri url = null!;

    /// <summary>Absolute http(s) URL to open.</summary>
    /// <exception cref="ArgumentException">The URL is relative or not http(s).</exception>
    [JsonConverter(typeof(EscapedUriConverter))]
    public required Uri Url
    {
        get => url;
        init => url = AbsoluteUrl.Require(value, nameof(Url));
    }
}

/// <summary>Reveals a nested card below the actions (for example a comment box for "Request changes").</summary>
public sealed record ShowCardAction : CardAction
{
    /// <summary>The nested card. Its <see cref="AdaptiveCard.Refresh"/> and <see cref="AdaptiveCard.MsTeams"/> are ignored by hosts; leave them unset.</summary>
    public required AdaptiveCard Card { get; init; }
}

/// <summary>Shows or hides elements by id, without a round trip to the bot.</summary>
public sealed record ToggleVisibilityAction : SelectAction
{
    /// <summary>The elements to toggle.</summary>
    public required IReadOnlyList<TargetElement> TargetElements { get; init; }
}

/// <summary>An element targeted by <see cref="ToggleVisibilityAction"/>.</summary>
/// <param name="ElementId">Id of the element.</param>
/// <param name="IsVisible"><c>true</c>/<c>false</c> forces a state; <c>null</c> toggles.</param>
public sealed record TargetElement(string ElementId, bool? IsVisible = null);
