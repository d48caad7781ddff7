using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Features.Mentions.Scoring;
using SocialBot.Bot.Features.Trends;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class MentionScorerTests
{
    [Theory]
    [InlineData("This is great", nameof(MentionTone.Positive))]
    [InlineData("This is not good", nameof(MentionTone.Negative))]
    [InlineData("not bad at all", nameof(MentionTone.Neutral))]
    [InlineData("Never again, what a waste", nameof(MentionTone.Negative))]
    [InlineData("I don't love it", nameof(MentionTone.Negative))]
    [InlineData("The update shipped today", nameof(MentionTone.Neutral))]
    [InlineData("TERRIBLE support", nameof(MentionTone.Negative))]
    [InlineData("great product, terrible support, awful billing", nameof(MentionTone.Negative))]
    public void ToneAnalyzer_Table(string text, string expected) => Assert.Equal(Enum.Parse<MentionTone>(expected), ToneAnalyzer.Read(text).Tone);

    [Fact]
    public void ToneAnalyzer_UrgencyWords_Listed() =>
        Assert.Equal(["refund", "lawsuit"], ToneAnalyzer.Read("I want a refund or it's a lawsuit").UrgencyWords);

    [Theory]
    [InlineData(nameof(MentionTone.Negative), true, 50, nameof(RulePriority.Normal), nameof(MentionPriority.High))]
    [InlineData(nameof(MentionTone.Negative), false, 150_000, nameof(RulePriority.Normal), nameof(MentionPriority.High))]
    [InlineData(nameof(MentionTone.Negative), false, 50, nameof(RulePriority.Normal), nameof(MentionPriority.Normal))]
    [InlineData(nameof(MentionTone.Neutral), true, 10_000, nameof(RulePriority.Normal), nameof(MentionPriority.Normal))]
    [InlineData(nameof(MentionTone.Neutral), true, 10_000, nameof(RulePriority.High), nameof(MentionPriority.High))]
    [InlineData(nameof(MentionTone.Positive), false, 50, nameof(RulePriority.Low), nameof(MentionPriority.Low))]
    [InlineData(nameof(MentionTone.Positive), false, 150_000, nameof(RulePriority.Low), nameof(MentionPriority.Normal))]
    [InlineData(nameof(MentionTone.Negative), true, 50, nameof(RulePriority.Low), nameof(MentionPriority.High))]
    public void Score_Points(string tone, bool urgent, long followers, string rule, string expected) =>
        Assert.Equal(Enum.Parse<MentionPriority>(expected), MentionScorer.Score(Enum.Parse<MentionTone>(tone), urgent ? ["refund"] : [], followers, Enum.Parse<RulePriority>(rule)).Priority);

    [Fact]
    public void Score_Reasons_AreReadable() =>
        Assert.Equal(["negative tone", "urgent: refund", "12.3K followers"], MentionScorer.Score(MentionTone.Negative, ["refund"], 12_345, RulePriority.Normal).Reasons);

    [Theory]
    [InlineData("negative", nameof(MentionTone.Negative))]
    [InlineData("Positive.", nameof(MentionTone.Positive))]
    [InlineData("I think it is mixed", nameof(MentionTone.Neutral))]
    public async Task AssessAsync_ModelAnswer_RefinesOrFallsBack(string answer, string expected)
    {
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));

        var assessment = await Scorer(chat.Object).AssessAsync(CompiledRuleSetTests.Mention("The update shipped today"), RulePriority.Normal, default);

        Assert.Equal(Enum.Parse<MentionTone>(expected), assessment.Tone);
    }

    [Fact]
    public async Task AssessAsync_ModelThrows_WordListToneKept()
    {
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("model down"));

        var assessment = await Scorer(chat.Object).AssessAsync(CompiledRuleSetTests.Mention("This is not good, refund me"), RulePriority.Normal, default);

        Assert.Equal(MentionTone.Negative, assessment.Tone);
        Assert.Equal(MentionPriority.High, assessment.Priority);
    }

    private static MentionScorer Scorer(IChatClient chat) =>
        new([chat], NullLogger<MentionScorer>.Instance);
}
