using System.Net;
using SocialBot.Bot.Turns;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.State;

/// <summary>
/// The whole bot with a real redis-server that is stopped and started again mid-run: users get the storage message,
/// readiness reports it, nothing crashes, and everything recovers without a restart of the bot.
/// </summary>
public sealed class BotStorageOutageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Turns_RedisStoppedThenStarted_StorageMessageThenNormalReplies()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await BotTestHost.StartAsync(redis.ConnectionString);
        var user = TeamsUser.Author;
        var conversation = TeamsActivities.PersonalConversationId(user);

        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "help"))).StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == conversation && r.Text is null, Wait);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/readyz")).StatusCode);

        await redis.StopAsync();

        var during = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "help"));
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == conversation && r.Text == TurnFailureResponder.StorageDown, Wait);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);

        await redis.StartAsync();

        var repliesBefore = host.Connector.Requests.Count(r => r.ConversationId == conversation && r.Text is null);
        await WaitUntilAsync(async () =>
        {
            var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "help"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(200);
            return host.Connector.Requests.Count(r => r.ConversationId == conversation && r.Text is null) > repliesBefore;
        });
        await WaitUntilAsync(async () => (await host.Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The bot did not recover after Redis came back.");
            await Task.Delay(250);
        }
    }
}
