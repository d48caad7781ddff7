using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Trends;

/// <summary>The <c>trends</c> command over the real host, with counts in a real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class TrendsCommandTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync(
        redis.ConnectionString,
        new Dictionary<string, string?> { ["State:KeyPrefix"] = redis.NewKeyPrefix() });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Trends_RisingHashtag_CardListsItFirstWithItsButtons()
    {
        var now = DateTimeOffset.UtcNow;
        for (var day = 1; day <= 7; day++)
        {
            await RecordAsync("Quiet day for the #weekly update", now.AddDays(-day), followers: 10);
        }

        for (var i = 0; i < 12; i++)
        {
            await RecordAsync("Ready for #LaunchDay", now, followers: i == 5 ? 52_000 : 10, url: i == 5 ? "https://x.example/status/5" : null);
        }

        var card = await SendAndWaitForCardAsync("trends 24h");

        Assert.Contains("#LaunchDay", card, StringComparison.Ordinal);
        Assert.Contains("mentions.track", card, StringComparison.Ordinal);
        Assert.Contains("drafts.new", card, StringComparison.Ordinal);
        Assert.Contains("https://x.example/status/5", card, StringComparison.Ordinal);
        Assert.Contains("52K followers", card, StringComparison.Ordinal);
        Assert.DoesNotContain("#weekly", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_NoData_FriendlyHowToFeedMentions()
    {
        var card = await SendAndWaitForCardAsync("trends 6h");

        Assert.Contains("Nothing is trending yet", card, StringComparison.Ordinal);
        Assert.Contains("track feed", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_WindowWeDoNotOffer_ExplainsTheChoices()
    {
        var user = NewUser();

        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "trends 5y"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), Wait);
        Assert.Equal(TrendsCommand.Usage, reply.Text);
    }

    private async Task<string> SendAndWaitForCardAsync(string text)
    {
        var user = NewUser();
        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), Wait);
        var json = reply.Body!.ToJsonString();
        Assert.Contains("application/vnd.microsoft.card.adaptive", json, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Unescape(json);
    }

    private int ids;

    private Task<bool> RecordAsync(string text, DateTimeOffset at, long followers, string? url = null) =>
        host.Services.GetRequiredService<TrendCounter>().RecordAsync(
            new IncomingMention
            {
                TenantId = BotTestHost.TenantId,
                Id = "m-" + Interlocked.Increment(ref ids),
                Source = MentionSource.X,
                Url = url,
                Author = new MentionAuthor("@fan" + ids, "Fan", followers),
                Text = text,
                CreatedAt = at,
            },
            MentionTone.Positive);

    private static TeamsUser NewUser()
    {
        var id = Guid.NewGuid().ToString();
        return new TeamsUser(id, "29:" + id, "Trend watcher");
    }
}
