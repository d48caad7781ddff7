using SocialBot.Cards.AdaptiveCards;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.AdaptiveCards;

public sealed class CardSchemaTests
{
    [Fact]
    public void EveryGalleryCard_ValidatesAgainstOfficialSchema()
    {
        var cards = CardGallery.All.Select(c => new SchemaDocument(c.Name, AdaptiveCardSerializer.Serialize(c.Card))).ToArray();

        var result = CardSchemaValidator.Validate(cards);

        result.AssertValid();
        Assert.Equal(cards.Length, result.Passed.Count);
    }

    [Fact]
    public void GalleryNames_AreUnique()
    {
        var duplicates = CardGallery.All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Validate_TextBlockWithoutText_ReportsMissingText()
    {
        const string Invalid = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","wrap":true}]}""";
        const string Valid = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"ok"}]}""";

        var result = CardSchemaValidator.Validate([new SchemaDocument("broken", Invalid), new SchemaDocument("fine", Valid)]);

        Assert.False(result.IsValid);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("broken", failure.Name);
        Assert.Contains("/body/0: missing required property \"text\"", failure.Errors);
        Assert.Equal(["fine"], result.Passed);
        Assert.Contains("missing required property \"text\"", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPropertyAndBadEnum_AreRejected()
    {
        const string Invalid = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","colour":"red"},{"type":"Container","items":[],"style":"loud"}]}""";

        var result = CardSchemaValidator.Validate("invalid", Invalid);

        var failure = Assert.Single(result.Failures);
        Assert.Contains(failure.Errors, e => e.Contains("unknown property \"colour\"", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.StartsWith("/body/1/style", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnparsableJson_IsAFailureNotACrash()
    {
        var result = CardSchemaValidator.Validate("truncated", """{"type":"AdaptiveCard","body":[""");

        var failure = Assert.Single(result.Failures);
        Assert.Contains(failure.Errors, e => e.StartsWith("cannot read/parse", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MsTeamsCard_IsValidatedWithAllowMsTeamsButBodyStillChecked()
    {
        const string TeamsCard = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock"}],"msteams":{"width":"Full"}}""";

        var result = CardSchemaValidator.Validate("teams", TeamsCard);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(["/body/0: missing required property \"text\""], failure.Errors);
    }
}
