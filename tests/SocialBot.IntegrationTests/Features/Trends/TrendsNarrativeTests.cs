using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Trends;

/// <summary>The trends card with a configured language model (a fake OpenAI-compatible server on loopback).</summary>
public sealed class TrendsNarrativeTests : IAsyncLifetime
{
    private FakeChatModel model = null!;
    private BotTestHost host = null!;
    private int ids;

    public async Task InitializeAsync()
    {
        model = await FakeChatModel.StartAsync();
        host = await BotTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = model.Endpoint,
            ["AI:Model"] = "test-model",
            ["AI:ApiKey"] = "test-key",
        });
        for (var i = 0; i < 9; i++)
        {
            await host.Services.GetRequiredService<TrendCounter>().RecordAsync(
                new IncomingMention
                {
                    TenantId = BotTestHost.TenantId,
                    Id = "m" + Interlocked.Increment(ref ids),
                    Source = MentionSource.X,
                    Author = new MentionAuthor("@fan", "Fan", 100),
                    Text = "#LaunchDay",
                    CreatedAt = DateTimeOffset.UtcNow,
                },
                MentionTone.Positive);
        }
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await model.DisposeAsync();
    }

    [Fact]
    public async Task Trends_ModelAnswers_NarrativeOnTheCardAndOnlyNumbersSent()
    {
        var card = await TrendsCardAsync();

        Assert.Contains(model.Answer, card, StringComparison.Ordinal);
        Assert.Contains("#LaunchDay", model.LastRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("@fan", model.LastRequest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeChatBehaviour.ServerError)]
    [InlineData(FakeChatBehaviour.Hang)]
    public async Task Trends_ModelFailsOrHangs_CardStillSentWithoutNarrative(FakeChatBehaviour behaviour)
    {
        model.Behaviour = behaviour;

        var card = await TrendsCardAsync();

        Assert.Contains("#LaunchDay", card, StringComparison.Ordinal);
        Assert.DoesNotContain(model.Answer, card, StringComparison.Ordinal);
        Assert.True(model.Requests > 0);
    }

    private async Task<string> TrendsCardAsync()
    {
        var id = Guid.NewGuid().ToString();
        var user = new TeamsUser(id, "29:" + id, "Trend watcher");
        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "trends"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), TimeSpan.FromSeconds(30));
        return System.Text.RegularExpressions.Regex.Unescape(reply.Body!.ToJsonString());
    }
}
