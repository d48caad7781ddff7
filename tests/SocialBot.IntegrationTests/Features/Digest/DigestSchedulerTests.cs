using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Digest;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Digest;

/// <summary>Scheduled digests over two real hosts sharing one Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class DigestSchedulerTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Due_TwoInstancesSharingRedis_DigestSentOnce()
    {
        var prefix = redis.NewKeyPrefix();
        var (first, clock1) = await StartAsync(prefix);
        await using var a = first;
        var (second, clock2) = await StartAsync(prefix);
        await using var b = second;
        var user = new TeamsUser(Guid.NewGuid().ToString(), "29:" + Guid.NewGuid(), "Digest reader");
        var at = clock1.GetUtcNow().AddMinutes(2).ToString("HH:mm", CultureInfo.InvariantCulture);
        var response = await first.PostActivityAsync(TeamsActivities.PersonalMessage(first, user, $"digest here at {at} UTC"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await first.Connector.WaitForAsync(r => r.Text?.Contains("Done: the digest", StringComparison.Ordinal) == true, Wait);

        clock1.Advance(TimeSpan.FromMinutes(3));
        clock2.Advance(TimeSpan.FromMinutes(3));
        await Task.WhenAll(
            first.Services.GetRequiredService<DigestDispatcher>().RunDueAsync(clock1.GetUtcNow(), CancellationToken.None),
            second.Services.GetRequiredService<DigestDispatcher>().RunDueAsync(clock2.GetUtcNow(), CancellationToken.None));

        bool Sent(IReadOnlyList<RecordedRequest> _) => Count(first) + Count(second) >= 1;
        await await Task.WhenAny(first.Connector.WaitForAsync(Sent, Wait), second.Connector.WaitForAsync(Sent, Wait));
        await Task.WhenAll(
            first.Services.GetRequiredService<DigestDispatcher>().RunDueAsync(clock1.GetUtcNow(), CancellationToken.None),
            second.Services.GetRequiredService<DigestDispatcher>().RunDueAsync(clock2.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, Count(first) + Count(second));
    }

    private static int Count(BotTestHost host) =>
        host.Connector.Requests.Count(r => r.Body?.ToJsonString().Contains("Daily digest", StringComparison.Ordinal) == true);

    private async Task<(BotTestHost Host, TimerAwareFakeTimeProvider Clock)> StartAsync(string prefix)
    {
        var clock = new TimerAwareFakeTimeProvider();
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        return (await BotTestHost.StartAsync(
            redis.ConnectionString,
            new Dictionary<string, string?> { ["State:KeyPrefix"] = prefix },
            services => services.AddSingleton<TimeProvider>(clock)), clock);
    }
}
