using System.Text.Json.Nodes;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Approvals;

namespace SocialBot.Cards.Tests.Approvals;

public sealed class ApprovalCardTests
{
    private static List<string> Verbs(AdaptiveCard card)
    {
        var json = JsonNode.Parse(AdaptiveCardSerializer.ToJsonElement(card).GetRawText())!;
        return (json["actions"]?.AsArray() ?? [])
            .SelectMany(a => a!["type"]!.GetValue<string>() == "Action.ShowCard" ? a["card"]!["actions"]!.AsArray() : new JsonArray(a!.DeepClone()))
            .Select(a => a!["verb"]?.GetValue<string>() ?? "")
            .ToList();
    }

    [Fact]
    public void Build_ApproverView_OffersApproveRequestChangesReject()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic() with { Viewer = ApprovalViewer.Approver });

        Assert.Equal([ApprovalCard.ApproveVerb, ApprovalCard.RequestChangesVerb, ApprovalCard.RejectVerb], Verbs(card));
    }

    [Fact]
    public void Build_AuthorView_OffersEditAndWithdraw()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic() with { Viewer = ApprovalViewer.Author });

        Assert.Equal([ApprovalCard.EditVerb, ApprovalCard.WithdrawVerb], Verbs(card));
    }

    [Fact]
    public void Build_OtherView_HasNoButtonsAndRefreshForListedUsers()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic());

        Assert.Null(card.Actions);
        Assert.Equal(["29:ada", "29:bob", "29:megan"], card.Refresh!.UserIds);
        Assert.Equal(ApprovalCard.RefreshVerb, card.Refresh.Action.Verb);
        Assert.Equal("2", card.Refresh.Action.Data!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Build_TooManyPeople_ManualRefreshButtonAndSaysSo()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic() with { RefreshUserIds = null });

        Assert.Empty(card.Refresh!.UserIds!);
        Assert.Equal([ApprovalCard.RefreshVerb], Verbs(card));
        Assert.Contains(card.Body.OfType<TextBlock>(), t => t.Text.Contains("too many people", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_RequestChangesAndReject_RequireTheirInput()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic() with { Viewer = ApprovalViewer.Approver });

        var inputs = card.Actions!.OfType<ShowCardAction>().Skip(1).Select(a => (TextInput)a.Card.Body[0]).ToList();
        Assert.Equal(["comment", "reason"], inputs.Select(i => i.Id));
        Assert.All(inputs, i => Assert.True(i.IsRequired));
    }

    [Fact]
    public void StatusText_Decided_ShowsWhoAndWhen()
    {
        var model = ApprovalsGallerySamples.Realistic() with
        {
            Status = ApprovalCardStatus.Approved,
            Decision = new("Approved", "Ada", ApprovalsGallerySamples.Now.AddMinutes(-2), null),
        };

        Assert.Equal("✅ Approved by Ada · 2 minutes ago", ApprovalCard.StatusText(model));
    }

    [Fact]
    public void Build_PublishTime_ShownAsGiven()
    {
        var card = ApprovalCard.Build(ApprovalsGallerySamples.Realistic() with { PublishTime = "in 2 days, Thu 10 Dec 10:00 CET" });

        var facts = card.Body.OfType<FactSet>().Single().Facts;
        Assert.Equal("in 2 days, Thu 10 Dec 10:00 CET", facts.Single(f => f.Title == "Publish").Value);
    }
}

public sealed class WordDiffTests
{
    [Fact]
    public void Between_InsertedAndRemovedWords_MarkedInOrder()
    {
        var pieces = WordDiff.Between("Our app is live", "Our new app is ready");

        Assert.Equal(
            [new DiffPiece("Our ", 0), new DiffPiece("new ", 1), new DiffPiece("app is ", 0), new DiffPiece("ready", 1), new DiffPiece("live", -1)],
            pieces);
    }

    [Fact]
    public void Between_SameText_AllUnchanged()
    {
        Assert.All(WordDiff.Between("a b c", "a b c"), p => Assert.Equal(0, p.Kind));
    }

    [Fact]
    public void Between_HugeTexts_WholeTextReplaced()
    {
        var big = string.Concat(Enumerable.Repeat("word ", WordDiff.MaxWords + 1));

        var pieces = WordDiff.Between(big, big + "more");

        Assert.Equal([-1, 1], pieces.Select(p => p.Kind));
    }
}
