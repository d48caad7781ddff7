using System.Net;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Digest;

/// <summary>The <c>digest</c> command over the real host and a real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class DigestCommandTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync(
        redis.ConnectionString,
        new Dictionary<string, string?> { ["State:KeyPrefix"] = redis.NewKeyPrefix() });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DigestHereAt_BerlinMorning_ConfirmsAndShowsTheNextSend()
    {
        var user = NewUser();

        var confirmation = await SendAsync(user, "digest here at 09:00 Europe/Berlin");
        var status = await SendAsync(user, "digest");

        Assert.Contains("every day at 09:00 Europe/Berlin", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Next digest in", status.Text, StringComparison.Ordinal);
        Assert.Contains("09:00 Europe/Berlin", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestHereAt_InvalidHour_ExplainsUsageAndStoresNothing()
    {
        var user = NewUser();

        var reply = await SendAsync(user, "digest here at 25:00");
        var status = await SendAsync(user, "digest");

        Assert.Contains("couldn't read that time", reply.Text, StringComparison.Ordinal);
        Assert.Contains("No digest is set up here", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestOff_AfterSubscribing_TurnsItOff()
    {
        var user = NewUser();
        await SendAsync(user, "digest here at 9:00");

        var off = await SendAsync(user, "digest off");
        var status = await SendAsync(user, "digest");

        Assert.Equal("Digest turned off for this chat.", off.Text);
        Assert.Contains("No digest is set up here", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestNow_SendsTheDigestCard()
    {
        var user = NewUser();

        var reply = await SendAsync(user, "digest now");

        var json = reply.Body!.ToJsonString();
        Assert.Contains("application/vnd.microsoft.card.adaptive", json, StringComparison.Ordinal);
        Assert.Contains("Daily digest", json, StringComparison.Ordinal);
    }

    private async Task<RecordedRequest> SendAsync(TeamsUser user, string text)
    {
        var conversation = TeamsActivities.PersonalConversationId(user);
        var before = Replies(host.Connector.Requests, conversation).Count;
        var response = await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForAsync(all => Replies(all, conversation).Count > before, Wait);
        return Replies(host.Connector.Requests, conversation)[before];
    }

    private static List<RecordedRequest> Replies(IReadOnlyList<RecordedRequest> all, string conversation) =>
        [.. all.Where(r => r.ConversationId == conversation && r.Method == "POST" && r.Body is not null)];

    private static TeamsUser NewUser()
    {
        var id = Guid.NewGuid().ToString();
        return new TeamsUser(id, "29:" + id, "Digest reader");
    }
}
