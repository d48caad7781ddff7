using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Cards.Tests.Approvals;

public sealed class ApprovalSettingsCardTests
{
    private static JsonNode Json(AdaptiveCard card) => JsonNode.Parse(AdaptiveCardSerializer.ToJsonElement(card).GetRawText())!;

    private static List<JsonNode> All(JsonNode node)
    {
        var found = new List<JsonNode> { node };
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    found.AddRange(All(child));
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    found.AddRange(All(child));
                }
            }
        }

        return found;
    }

    private static List<string> InputIds(AdaptiveCard card) =>
        All(Json(card)).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(o => o["id"]!.GetValue<string>())
            .ToList();

    [Fact]
    public void Build_Editable_InputsPerStageAndSave()
    {
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings());

        var ids = InputIds(card);
        foreach (var i in new[] { 0, 1 })
        {
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.NameField), ids);
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.ApproversField), ids);
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.ModeField), ids);
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.SlaField), ids);
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.UrgentSlaField), ids);
            Assert.Contains(ApprovalSettingsCard.StageInput(i, ApprovalSettingsCard.PositionField), ids);
        }

        Assert.Contains(ApprovalSettingsCard.ChannelId, ids);
        Assert.Contains(ApprovalSettingsCard.SelfApprovalId, ids);
        var save = card.Actions!.OfType<ExecuteAction>().First();
        Assert.Equal(ApprovalSettingsCard.SaveVerb, save.Verb);
        Assert.Equal("3", save.Data!["policyVersion"]!.GetValue<string>());
        Assert.Contains(card.Actions!.OfType<ExecuteAction>(), a => a.Verb == ApprovalSettingsCard.InheritVerb && a.AssociatedInputs == AssociatedInputs.None);
    }

    [Fact]
    public void Build_Editable_ApproversTickedAndSlaAsTyped()
    {
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings());
        var json = Json(card).ToJsonString();

        Assert.Contains("\"value\":\"ada-oid,bob-oid\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"4h\"", json, StringComparison.Ordinal);
        Assert.Contains(card.Body.OfType<TextBlock>(), t => t.Text == "Last changed by Ada Lovelace · 5 minutes ago");
        Assert.Contains("approvers add @name to Legal", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReadOnly_NoInputsNoButtonsSaysWhoMayChange()
    {
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings() with { Editable = false });

        Assert.Empty(InputIds(card));
        Assert.Null(card.Actions);
        var json = Json(card).ToJsonString();
        Assert.Contains("Only admins and approvers can change these settings.", json, StringComparison.Ordinal);
        Assert.Contains("Everyone must approve", json, StringComparison.Ordinal);
        Assert.Contains("Lee Gu", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FieldErrors_ShownUnderTheirField()
    {
        var sla = ApprovalSettingsCard.StageInput(0, ApprovalSettingsCard.SlaField);
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings() with { FieldErrors = new Dictionary<string, string> { [sla] = "Write a time like 4h." } });

        var stage = (Container)card.Body[2];
        var slaRow = stage.Items.ToList().FindIndex(e => e is ColumnSet);
        var error = Assert.IsType<TextBlock>(stage.Items[slaRow + 1]);
        Assert.Equal("Write a time like 4h.", error.Text);
        Assert.Equal(TextColor.Attention, error.Color);
    }

    [Fact]
    public void Build_OneStage_NoOrderOrRemove()
    {
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings() with { Stages = [ApprovalsGallerySamples.Settings().Stages[0]] });

        var ids = InputIds(card);
        Assert.DoesNotContain(ApprovalSettingsCard.StageInput(0, ApprovalSettingsCard.PositionField), ids);
        Assert.DoesNotContain(ApprovalSettingsCard.StageInput(0, ApprovalSettingsCard.RemoveField), ids);
    }

    [Fact]
    public void Build_HostileNames_StayText()
    {
        var card = ApprovalSettingsCard.Build(ApprovalsGallerySamples.Settings() with
        {
            Stages = [ApprovalsGallerySamples.Settings().Stages[0] with { Approvers = [new("**Boss** [x](https://evil.example)", "boss-oid")] }],
            Editable = false,
        });

        var json = Json(card).ToJsonString();
        Assert.DoesNotContain("**Boss**", json, StringComparison.Ordinal);
        Assert.DoesNotContain("[x](", json, StringComparison.Ordinal);
    }
}
