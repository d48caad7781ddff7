using System.Text.Json;
using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Testing;

namespace SocialBot.Cards.Tests.AdaptiveCards;

public sealed class AdaptiveCardSerializerTests
{
    [Fact]
    public void Serialize_MinimalCard_WritesExactWireJson()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock { Text = "Hi", Wrap = true }],
            Actions = [new ExecuteAction { Title = "Approve", Verb = "approvals.approve", Data = new JsonObject { ["draftId"] = "P-1" } }],
        };

        var json = AdaptiveCardSerializer.Serialize(card);

        Assert.Equal(
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Hi","wrap":true}],"actions":[{"type":"Action.Execute","verb":"approvals.approve","data":{"draftId":"P-1"},"title":"Approve"}]}""",
            json);
    }

    public static TheoryData<CardElement, string> Elements => new()
    {
        { new TextBlock { Text = "t" }, "TextBlock" },
        { new RichTextBlock { Inlines = [new TextRun { Text = "r" }] }, "RichTextBlock" },
        { new FactSet { Facts = [new Fact("a", "b")] }, "FactSet" },
        { new Container { Items = [] }, "Container" },
        { new ColumnSet { Columns = [new Column()] }, "ColumnSet" },
        { new Image { Url = new Uri("https://example.com/a.png") }, "Image" },
        { new ActionSet { Actions = [] }, "ActionSet" },
        { new TextInput { Id = "i" }, "Input.Text" },
        { new ChoiceSetInput { Id = "i", Choices = [] }, "Input.ChoiceSet" },
        { new DateInput { Id = "i" }, "Input.Date" },
        { new TimeInput { Id = "i" }, "Input.Time" },
        { new ToggleInput { Id = "i", Title = "t" }, "Input.Toggle" },
        { new NumberInput { Id = "i" }, "Input.Number" },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Serialize_Element_WritesTypeDiscriminatorFirst(CardElement element, string expectedType)
    {
        var body = BodyOf(new AdaptiveCard { Body = [element] });

        var first = body[0]!.AsObject().First();
        Assert.Equal("type", first.Key);
        Assert.Equal(expectedType, first.Value!.GetValue<string>());
    }

    public static TheoryData<CardAction, string> Actions => new()
    {
        { new ExecuteAction { Verb = "v" }, "Action.Execute" },
        { new OpenUrlAction { Url = new Uri("https://example.com") }, "Action.OpenUrl" },
        { new ShowCardAction { Card = new AdaptiveCard() }, "Action.ShowCard" },
        { new ToggleVisibilityAction { TargetElements = [new TargetElement("x")] }, "Action.ToggleVisibility" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Serialize_Action_WritesTypeDiscriminator(CardAction action, string expectedType)
    {
        var node = AdaptiveCardSerializer.ToJsonNode(new AdaptiveCard { Actions = [action] });

        Assert.Equal(expectedType, (string?)node["actions"]![0]!["type"]);
    }

    [Fact]
    public void Serialize_SelectActionsAndInlines_CarryTheirTypes()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new Container { Items = [], SelectAction = new ExecuteAction { Verb = "v" } },
                new ColumnSet { Columns = [new Column { SelectAction = new ToggleVisibilityAction { TargetElements = [new TargetElement("a", true)] } }] },
                new RichTextBlock { Inlines = [new TextRun { Text = "x", SelectAction = new OpenUrlAction { Url = new Uri("https://example.com") } }] },
            ],
        };

        var body = BodyOf(card);

        Assert.Equal("Action.Execute", (string?)body[0]!["selectAction"]!["type"]);
        Assert.Equal("Column", (string?)body[1]!["columns"]![0]!["type"]);
        Assert.Equal("Action.ToggleVisibility", (string?)body[1]!["columns"]![0]!["selectAction"]!["type"]);
        Assert.Equal("""{"elementId":"a","isVisible":true}""", body[1]!["columns"]![0]!["selectAction"]!["targetElements"]![0]!.ToJsonString());
        Assert.Equal("TextRun", (string?)body[2]!["inlines"]![0]!["type"]);
        Assert.Equal("Action.OpenUrl", (string?)body[2]!["inlines"]![0]!["selectAction"]!["type"]);
    }

    [Fact]
    public void Serialize_EveryGalleryCard_EmitsNoNulls()
    {
        foreach (var sample in CardGallery.All)
        {
            var node = AdaptiveCardSerializer.ToJsonNode(sample.Card);

            Assert.DoesNotContain(Descendants(node), n => n is null);
        }
    }

    [Fact]
    public void Serialize_UnsetOptionalProperties_AreOmitted()
    {
        var json = AdaptiveCardSerializer.Serialize(new AdaptiveCard { Body = [new TextInput { Id = "text" }] });

        Assert.Equal("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"text"}]}""", json);
    }

    [Fact]
    public void Serialize_EnumsAndSpecialValues_UseWireSpelling()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "t", Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = TextColor.Attention, Spacing = Spacing.ExtraLarge, HorizontalAlignment = HorizontalAlignment.Center },
                new ColumnSet { Columns = [new Column { Width = ColumnWidth.Auto }, new Column { Width = ColumnWidth.Stretch }, new Column { Width = ColumnWidth.Weighted(3) }, new Column { Width = ColumnWidth.Fixed(48) }] },
                new DateInput { Id = "d", Value = new DateOnly(2025, 3, 30) },
                new TimeInput { Id = "t", Value = new TimeOnly(9, 5, 59) },
                new ChoiceSetInput { Id = "c", Style = ChoiceSetStyle.Expanded, Choices = [new Choice("X", "x")] },
            ],
            Actions = [new ExecuteAction { Verb = "v", AssociatedInputs = AssociatedInputs.None, Style = ActionStyle.Destructive }],
            MsTeams = new TeamsCardProperties { Width = TeamsCardWidth.Full },
        };

        var node = AdaptiveCardSerializer.ToJsonNode(card);

        Assert.Equal("""{"type":"TextBlock","text":"t","size":"extraLarge","weight":"bolder","color":"attention","horizontalAlignment":"center","spacing":"extraLarge"}""", node["body"]![0]!.ToJsonString());
        Assert.Equal("""["auto","stretch",3,"48px"]""", new JsonArray([.. node["body"]![1]!["columns"]!.AsArray().Select(c => c!["width"]!.DeepClone())]).ToJsonString());
        Assert.Equal("2025-03-30", (string?)node["body"]![2]!["value"]);
        Assert.Equal("09:05", (string?)node["body"]![3]!["value"]);
        Assert.Equal("expanded", (string?)node["body"]![4]!["style"]);
        Assert.Equal("none", (string?)node["actions"]![0]!["associatedInputs"]);
        Assert.Equal("destructive", (string?)node["actions"]![0]!["style"]);
        Assert.Equal("""{"width":"Full"}""", node["msteams"]!.ToJsonString());
    }

    [Fact]
    public void Serialize_WithoutTeamsProperties_OmitsMsTeams()
    {
        var node = AdaptiveCardSerializer.ToJsonNode(new AdaptiveCard { Body = [new TextBlock { Text = "x" }] });

        Assert.False(node.ContainsKey("msteams"));
    }

    [Fact]
    public void Serialize_Mention_WritesTeamsMentionEntity()
    {
        var mention = Mention.Of("29:abc", "Megan <b>Bowen</b>");
        var card = new AdaptiveCard
        {
            Body = [new TextBlock { Text = $"Hi {mention.Text}" }],
            MsTeams = new TeamsCardProperties { Entities = [mention] },
        };

        var node = AdaptiveCardSerializer.ToJsonNode(card);

        Assert.Equal("""{"entities":[{"type":"mention","text":"\u003Cat\u003EMegan bBowen/b\u003C/at\u003E","mentioned":{"id":"29:abc","name":"Megan bBowen/b"}}]}""", node["msteams"]!.ToJsonString());
        Assert.Equal("Hi <at>Megan bBowen/b</at>", (string?)node["body"]![0]!["text"]);
    }

    [Fact]
    public void Serialize_RefreshAction_CarriesActionExecuteType()
    {
        var card = new AdaptiveCard { Refresh = new Refresh { Action = new ExecuteAction { Verb = "approvals.view" }, UserIds = ["29:a", "29:b"] } };

        var node = AdaptiveCardSerializer.ToJsonNode(card);

        Assert.Equal("""{"action":{"type":"Action.Execute","verb":"approvals.view"},"userIds":["29:a","29:b"]}""", node["refresh"]!.ToJsonString());
    }

    [Fact]
    public void RefreshUserIds_SixtyUsers_AreAccepted()
    {
        var refresh = new Refresh { Action = new ExecuteAction { Verb = "v" }, UserIds = [.. Enumerable.Range(0, 60).Select(i => $"29:{i}")] };

        Assert.Equal(60, refresh.UserIds!.Count);
    }

    [Fact]
    public void RefreshUserIds_SixtyOneUsers_Throw()
    {
        var ids = Enumerable.Range(0, 61).Select(i => $"29:{i}").ToArray();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Refresh { Action = new ExecuteAction { Verb = "v" }, UserIds = ids });

        Assert.Equal("UserIds", error.ParamName);
    }

    [Fact]
    public void RefreshUserIds_Duplicates_AreRemovedBeforeTheCap()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"29:{i}").Append("29:0").ToArray();

        var refresh = new Refresh { Action = new ExecuteAction { Verb = "v" }, UserIds = ids };

        Assert.Equal(60, refresh.UserIds!.Count);
    }

    [Fact]
    public void Serialize_DataPayload_RoundTripsExactly()
    {
        var data = new JsonObject
        {
            ["draftId"] = "P-42",
            ["version"] = 7,
            ["ratio"] = 0.25,
            ["flags"] = new JsonArray(true, false, null),
            ["nested"] = new JsonObject { ["text"] = HostileText.Everything, ["empty"] = new JsonObject() },
        };
        var expected = data.DeepClone();

        var json = AdaptiveCardSerializer.Serialize(new AdaptiveCard { Actions = [new ExecuteAction { Verb = "v", Data = data }] });

        var parsed = JsonNode.Parse(json)!;
        Assert.True(JsonNode.DeepEquals(expected, parsed["actions"]![0]!["data"]), parsed["actions"]![0]!["data"]!.ToJsonString());
    }

    [Fact]
    public void Deserialize_SerializedGalleryCards_RoundTrip()
    {
        foreach (var sample in CardGallery.All)
        {
            var json = AdaptiveCardSerializer.Serialize(sample.Card);

            var again = AdaptiveCardSerializer.Serialize(AdaptiveCardSerializer.Deserialize(json));

            Assert.Equal(json, again);
        }
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Serialize_HostileText_StaysOneLiteralString(string text)
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock { Text = text }, new FactSet { Facts = [new Fact(text, text)] }],
            Actions = [new ExecuteAction { Title = text, Verb = "v", Data = new JsonObject { [text] = text } }],
        };

        using var document = JsonDocument.Parse(AdaptiveCardSerializer.Serialize(card));

        var root = document.RootElement;
        Assert.Equal(["type", "version", "body", "actions"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("body").GetArrayLength());
        Assert.Equal(text, root.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(text, root.GetProperty("body")[1].GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal(text, root.GetProperty("actions")[0].GetProperty("data").GetProperty(text).GetString());
    }

    public static TheoryData<string> HostileTexts => [.. HostileText.All];

    [Fact]
    public void Serialize_NonAsciiLetters_AreNotEscapedButHtmlIs()
    {
        var json = AdaptiveCardSerializer.Serialize(new AdaptiveCard { Body = [new TextBlock { Text = "مرحبا שלום <script>" }] });

        Assert.Contains("مرحبا שלום", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UrlsWithSpacesAndUnicode_AreEscaped()
    {
        var card = new AdaptiveCard
        {
            Body = [new Image { Url = new Uri("https://例え.jp/a b/ü.png?q=\"x\"") }],
        };

        var node = AdaptiveCardSerializer.ToJsonNode(card);

        Assert.Equal("https://xn--r8jz45g.jp/a%20b/%C3%BC.png?q=%22x%22", (string?)node["body"]![0]!["url"]);
    }

    [Theory]
    [InlineData("/relative/path.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void ImageUrl_NotAbsoluteHttp_Throws(string url)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);

        Assert.Throws<ArgumentException>(() => new Image { Url = uri });
        Assert.Throws<ArgumentException>(() => new OpenUrlAction { Url = uri });
    }

    [Fact]
    public void ToJsonElement_MatchesSerialize()
    {
        var card = ModelGallerySamples.Cards[0].Card;

        var element = AdaptiveCardSerializer.ToJsonElement(card);

        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AdaptiveCardSerializer.Serialize(card)), JsonNode.Parse(element.GetRawText())));
    }

    [Fact]
    public void ContentType_IsTheAdaptiveCardAttachmentType()
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", AdaptiveCard.ContentType);
    }

    private static JsonArray BodyOf(AdaptiveCard card) => AdaptiveCardSerializer.ToJsonNode(card)["body"]!.AsArray();

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.SelectMany(Descendants))
        {
            yield return child;
        }
    }
}
