using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Ingestion;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Trends;

/// <summary>A generated day of mentions through the signed webhook, the queue and the worker, then the trends card and the digest section.</summary>
[Collection(RedisCollection.Name)]
public sealed class TrendsFromIngestionTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string Secret = "trends-ingestion-secret-0123456789";
    private BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
    {
        ["State:KeyPrefix"] = redis.NewKeyPrefix(),
        ["Ingestion:Secret"] = Secret,
        ["Ingestion:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DayOfMentions_TopTermsOnTheCardAndInTheDigest()
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(11);
        string[] everyday = ["Support answered quickly", "Question about pricing tiers", "Webinar recording link please", "Dark mode request again"];
        var mentions = new List<JsonObject>();
        for (var i = 0; i < 400; i++)
        {
            var burst = i % 4 == 0;
            var at = burst ? now.AddMinutes(-random.Next(0, 180)) : now.AddMinutes(-random.Next(0, 24 * 60));
            mentions.Add(new JsonObject
            {
                ["id"] = "gen-" + i,
                ["source"] = "x",
                ["author"] = new JsonObject { ["handle"] = "@user" + (i % 50), ["followers"] = 100 + i },
                ["text"] = burst ? "The #GreenRelease keynote was great" : everyday[i % everyday.Length] + " " + i,
                ["createdAt"] = at.ToString("O"),
                ["tenantId"] = BotTestHost.TenantId,
            });
        }

        foreach (var chunk in mentions.Chunk(200))
        {
            var response = await MentionWebhook.PostSignedAsync(host.Client, Secret, new JsonArray([.. chunk]));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitUntilProcessedAsync();
        var user = new TeamsUser(Guid.NewGuid().ToString(), "29:trends-reader", "Trend reader");
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "trends 24h"))).StatusCode);
        var reply = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user), TimeSpan.FromSeconds(20));
        var card = System.Text.RegularExpressions.Regex.Unescape(reply.Body!.ToJsonString());
        Assert.Contains("New: #GreenRelease — 100 mentions in 24 hours", card, StringComparison.Ordinal);
        Assert.Contains("1. **\\#GreenRelease**", card, StringComparison.Ordinal);

        var digest = await host.Services.GetRequiredService<IDigestTrendsSource>()
            .GetAsync(new DigestQuery(BotTestHost.TenantId, "19:any", DateTimeOffset.UtcNow, TimeZoneInfo.Utc), default);
        Assert.Equal("#GreenRelease", digest.Top[0].Term);
        Assert.Equal(100, digest.Top[0].Count);
    }

    private async Task WaitUntilProcessedAsync()
    {
        var queue = host.Services.GetRequiredService<MentionQueue>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await queue.BacklogAsync(default) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The ingestion worker did not drain the queue.");
            await Task.Delay(200);
        }
    }

}
