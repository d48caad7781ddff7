using System.Text;
using System.Text.Json.Nodes;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Tests.Ingestion;

public sealed class MentionBatchParserTests
{
    private const string Tenant = "6f1c1b8e-0000-4000-8000-000000000001";
    private static readonly DateTimeOffset ReceivedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_SingleCompleteObject_MapsEveryField()
    {
        var batch = Parse(Mention().ToJsonString(), [Tenant]);

        Assert.Null(batch.Error);
        Assert.Empty(batch.Rejected);
        var (index, mention) = Assert.Single(batch.Valid);
        Assert.Equal(0, index);
        Assert.Equal(Tenant, mention.TenantId);
        Assert.Equal("1234567890", mention.Id);
        Assert.Equal(MentionSource.Bluesky, mention.Source);
        Assert.Equal("https://bsky.app/profile/ada/post/1", mention.Url);
        Assert.Equal(new MentionAuthor("@ada", "Ada Lovelace", 12_300), mention.Author);
        Assert.Equal("Loving the new release", mention.Text);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero), mention.CreatedAt);
        Assert.Equal("en", mention.Lang);
        Assert.Equal(new MentionMetrics(5, 2, 1), mention.Metrics);
        Assert.Equal(ReceivedAt, mention.ReceivedAt);
    }

    [Fact]
    public void Parse_ArrayWithGoodAndBadItems_ReportsEachBadItemByIndex()
    {
        var body = new JsonArray(Mention(), Mention(without: "id"), Mention(), Mention(set: ("source", "tiktok"))).ToJsonString();

        var batch = Parse(body, [Tenant]);

        Assert.Equal([0, 2], batch.Valid.Select(item => item.Index));
        Assert.Equal([1, 3], batch.Rejected.Select(item => item.Index));
    }

    [Theory]
    [InlineData("id", "id is required")]
    [InlineData("source", "source is required")]
    [InlineData("text", "text is required")]
    [InlineData("author", "author is required")]
    [InlineData("createdAt", "createdAt is required")]
    public void Parse_RequiredFieldMissing_NamesTheField(string field, string expected)
    {
        Assert.Equal(expected, SingleError(Mention(without: field)));
    }

    [Theory]
    [InlineData("url")]
    [InlineData("lang")]
    [InlineData("metrics")]
    public void Parse_OptionalFieldMissing_IsAccepted(string field)
    {
        var batch = Parse(Mention(without: field).ToJsonString(), [Tenant]);

        Assert.Single(batch.Valid);
    }

    [Fact]
    public void Parse_UnknownSource_ListsTheKnownOnes()
    {
        var error = SingleError(Mention(set: ("source", "tiktok")));

        Assert.Equal("source 'tiktok' is not one of x, linkedin, instagram, facebook, threads, bluesky, mastodon, reddit, news, blog, review, other", error);
    }

    [Theory]
    [InlineData("x", "X")]
    [InlineData("LinkedIn", "LinkedIn")]
    [InlineData("REVIEW", "Review")]
    public void Parse_SourceInAnyCase_IsRecognized(string name, string expected)
    {
        Assert.Equal(Enum.Parse<MentionSource>(expected), Single(Mention(set: ("source", name))).Source);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/01/2025 09:30")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("2025-03-01 09:30:00")]
    [InlineData("")]
    public void Parse_CreatedAtNotIso8601_SaysSo(string value)
    {
        Assert.StartsWith("createdAt must be an ISO-8601 date", SingleError(Mention(set: ("createdAt", value))), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CreatedAtAsNumber_SaysItMustBeIso8601()
    {
        Assert.StartsWith("createdAt must be an ISO-8601 date", SingleError(Mention(set: ("createdAt", 1_740_000_000))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-03-01T09:30:00Z", "2025-03-01T09:30:00+00:00")]
    [InlineData("2025-03-01T10:30:00+01:00", "2025-03-01T09:30:00+00:00")]
    [InlineData("2025-03-01T09:30:00.123Z", "2025-03-01T09:30:00.123+00:00")]
    [InlineData("2025-03-01T09:30:00", "2025-03-01T09:30:00+00:00")]
    [InlineData("2025-03-01", "2025-03-01T00:00:00+00:00")]
    public void Parse_Iso8601Variants_AreReadWithoutOffsetAsUtc(string value, string expectedInstant)
    {
        Assert.Equal(DateTimeOffset.Parse(expectedInstant, System.Globalization.CultureInfo.InvariantCulture), Single(Mention(set: ("createdAt", value))).CreatedAt);
    }

    [Fact]
    public void Parse_FollowersNegative_SaysSo()
    {
        Assert.Equal("author.followers must not be negative", SingleError(Mention(author: new JsonObject { ["handle"] = "@ada", ["followers"] = -1 })));
    }

    [Theory]
    [InlineData("\"many\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("99999999999999999999")]
    public void Parse_FollowersNotAWholeNumber_SaysSo(string followers)
    {
        var author = JsonNode.Parse($$"""{"handle":"@ada","followers":{{followers}}}""")!.AsObject();

        Assert.Equal("author.followers must be a whole number", SingleError(Mention(author: author)));
    }

    [Fact]
    public void Parse_AuthorWithoutHandleOrName_SaysWhatItNeeds()
    {
        Assert.Equal("author needs a handle or a name", SingleError(Mention(author: new JsonObject { ["followers"] = 10 })));
    }

    [Fact]
    public void Parse_AuthorNotAnObject_SaysSo()
    {
        Assert.StartsWith("author must be an object", SingleError(Mention(set: ("author", "@ada"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MetricsNegativeOrMissingParts_ReportsOrDefaultsToZero()
    {
        Assert.Equal("metrics.likes must not be negative", SingleError(Mention(set: ("metrics", new JsonObject { ["likes"] = -3 }))));
        Assert.Equal(new MentionMetrics(0, 4, 0), Single(Mention(set: ("metrics", new JsonObject { ["shares"] = 4 }))).Metrics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_TextBlank_SaysItMustNotBeEmpty(string text)
    {
        Assert.Equal("text must not be empty", SingleError(Mention(set: ("text", text))));
    }

    [Fact]
    public void Parse_TextNotAString_SaysSo()
    {
        Assert.Equal("text must be a string", SingleError(Mention(set: ("text", 42))));
    }

    [Fact]
    public void Parse_NumericId_KeepsItsDigits()
    {
        Assert.Equal("1893456789012345678", Single(Mention(set: ("id", JsonNode.Parse("1893456789012345678")))).Id);
    }

    [Fact]
    public void Parse_IdBlankOrWrongType_SaysSo()
    {
        Assert.StartsWith("id must be 1 to", SingleError(Mention(set: ("id", " "))), StringComparison.Ordinal);
        Assert.Equal("id must be a string", SingleError(Mention(set: ("id", new JsonArray()))));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/file")]
    [InlineData("/relative/path")]
    public void Parse_UrlNotHttp_SaysSo(string url)
    {
        Assert.Equal("url must be an absolute http or https URL", SingleError(Mention(set: ("url", url))));
    }

    [Fact]
    public void Parse_SeveralProblemsInOneItem_ReportsThemAll()
    {
        var error = SingleError(Mention(without: "id", set: ("source", "myspace")));

        Assert.Contains("id is required", error, StringComparison.Ordinal);
        Assert.Contains("source 'myspace'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFields_AreIgnored()
    {
        Assert.Equal("1234567890", Single(Mention(set: ("sentiment", "positive"))).Id);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("[1]")]
    public void Parse_ArrayItemNotAnObject_RejectsThatItemOnly(string item)
    {
        var body = $"[{Mention().ToJsonString()},{item}]";

        var batch = Parse(body, [Tenant]);

        Assert.Single(batch.Valid);
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(1, rejected.Index);
        Assert.StartsWith("each mention must be a JSON object", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreThanMaxItems_IsATopLevelError()
    {
        var items = new JsonArray(Enumerable.Range(0, 501).Select(i => (JsonNode?)Mention(set: ("id", $"m{i}"))).ToArray());

        var batch = Parse(items.ToJsonString(), [Tenant]);

        Assert.Equal("At most 500 mentions per request; this one has 501. Split it into several requests.", batch.Error);
    }

    [Fact]
    public void Parse_ExactlyMaxItems_IsAccepted()
    {
        var items = new JsonArray(Enumerable.Range(0, 500).Select(i => (JsonNode?)Mention(set: ("id", $"m{i}"))).ToArray());

        Assert.Equal(500, Parse(items.ToJsonString(), [Tenant]).Valid.Count);
    }

    [Fact]
    public void Parse_EmptyArray_HasNothingAndNoError()
    {
        var batch = Parse("[]", [Tenant]);

        Assert.Null(batch.Error);
        Assert.Empty(batch.Valid);
        Assert.Empty(batch.Rejected);
    }

    [Theory]
    [InlineData("not json", "The body is not valid JSON")]
    [InlineData("{\"id\":", "The body is not valid JSON")]
    [InlineData("", "The body is not valid JSON")]
    [InlineData("\"a string\"", "The body must be a mention object or an array of mentions, not a string.")]
    [InlineData("12", "The body must be a mention object or an array of mentions, not a number.")]
    [InlineData("null", "The body must be a mention object or an array of mentions, not null.")]
    public void Parse_NotJsonOrWrongTopLevel_IsATopLevelErrorWithReason(string body, string expected)
    {
        Assert.StartsWith(expected, Parse(body, [Tenant]).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsATopLevelError()
    {
        var batch = MentionBatchParser.Parse(new byte[] { 0x22, 0xC3, 0x28, 0x22 }, [Tenant], 500, ReceivedAt);

        Assert.NotNull(batch.Error);
    }

    [Fact]
    public void Parse_NoTenantIdAndOneKnownTenant_UsesIt()
    {
        Assert.Equal(Tenant, Single(Mention(), [Tenant]).TenantId);
    }

    [Fact]
    public void Parse_NoTenantIdAndNoKnownTenant_RejectsWithReason()
    {
        Assert.StartsWith("tenantId is required", SingleError(Mention(), []), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoTenantIdAndSeveralKnownTenants_RejectsWithReason()
    {
        Assert.Equal("tenantId is required: this bot serves several tenants", SingleError(Mention(), [Tenant, "other-tenant"]));
    }

    [Fact]
    public void Parse_TenantIdKnownInOtherCase_UsesTheConfiguredSpelling()
    {
        Assert.Equal(Tenant, Single(Mention(set: ("tenantId", Tenant.ToUpperInvariant())), [Tenant, "other-tenant"]).TenantId);
    }

    [Fact]
    public void Parse_TenantIdNotServed_Rejects()
    {
        Assert.Equal("tenantId 'intruder' is not a tenant this bot serves", SingleError(Mention(set: ("tenantId", "intruder")), [Tenant]));
    }

    [Fact]
    public void Parse_AnyTenantAllowed_TakesTheGivenTenant()
    {
        Assert.Equal("contoso", Single(Mention(set: ("tenantId", "contoso")), []).TenantId);
    }

    [Theory]
    [InlineData("{evil}")]
    [InlineData("global")]
    public void Parse_TenantIdThatWouldBreakKeys_Rejects(string tenantId)
    {
        Assert.EndsWith("is not a valid tenant id", SingleError(Mention(set: ("tenantId", tenantId)), []), StringComparison.Ordinal);
    }

    internal static JsonObject Mention(string? without = null, (string Name, JsonNode? Value)? set = null, JsonObject? author = null)
    {
        var mention = new JsonObject
        {
            ["id"] = "1234567890",
            ["source"] = "bluesky",
            ["url"] = "https://bsky.app/profile/ada/post/1",
            ["author"] = author ?? new JsonObject { ["handle"] = "@ada", ["name"] = "Ada Lovelace", ["followers"] = 12_300 },
            ["text"] = "Loving the new release",
            ["createdAt"] = "2025-03-01T09:30:00Z",
            ["lang"] = "en",
            ["metrics"] = new JsonObject { ["likes"] = 5, ["shares"] = 2, ["replies"] = 1 },
        };
        if (without is not null)
        {
            mention.Remove(without);
        }

        if (set is { } field)
        {
            mention[field.Name] = field.Value;
        }

        return mention;
    }

    private static MentionBatch Parse(string body, IReadOnlyList<string> tenants) =>
        MentionBatchParser.Parse(Encoding.UTF8.GetBytes(body), tenants, 500, ReceivedAt);

    private static IncomingMention Single(JsonObject mention, IReadOnlyList<string>? tenants = null)
    {
        var batch = Parse(mention.ToJsonString(), tenants ?? [Tenant]);
        Assert.Empty(batch.Rejected);
        return Assert.Single(batch.Valid).Mention;
    }

    private static string SingleError(JsonObject mention, IReadOnlyList<string>? tenants = null)
    {
        var batch = Parse(mention.ToJsonString(), tenants ?? [Tenant]);
        Assert.Null(batch.Error);
        Assert.Empty(batch.Valid);
        return Assert.Single(batch.Rejected).Error;
    }
}
