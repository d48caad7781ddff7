using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Proactive;
using SocialBot.Bot.Protocol.Schema;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Protocol.Connector;

public sealed class ProactiveFanOutTests
{
    [Fact]
    public async Task SendAsync_200MessagesTo5ConversationsAgainstTeamsLimits_AllDeliveredExactlyOnce()
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.EnforceTeamsLimits = true;
        await using var services = ConnectorHost.Build();
        var sender = services.GetRequiredService<IProactiveSender>();
        var references = Enumerable.Range(0, 5).Select(i => new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = connector.ServiceUrl,
            Conversation = new ConversationAccount { Id = $"19:chat{i}@thread.v2" },
            TenantId = "tenant-1",
        }).ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var sends = Enumerable.Range(0, 200).Select(i => sender.SendAsync(
            references[i % 5],
            new Activity { Type = ActivityTypes.Message, Text = $"message {i}" },
            deadline.Token));
        await Task.WhenAll(sends);

        var delivered = connector.Delivered;
        Assert.Equal(200, delivered.Count);
        Assert.Equal(
            Enumerable.Range(0, 200).Select(i => $"message {i}").Order(),
            delivered.Select(r => r.Text!).Order());
        Assert.All(delivered.GroupBy(r => r.ConversationId), g => Assert.Equal(40, g.Count()));
        // Without the limiter 165 of the 200 would be refused at once. Slots count until the call has finished,
        // which is after the connector counted it, so the connector never has to throttle.
        Assert.DoesNotContain(connector.Requests, r => r.Status == 429);
    }
}
