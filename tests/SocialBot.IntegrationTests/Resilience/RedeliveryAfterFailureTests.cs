using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.IntegrationTests.Hosting;

namespace SocialBot.IntegrationTests.Resilience;

/// <summary>
/// A turn that fails must not burn its activity id: the channel's retry of the same delivery runs the turn again
/// (TurnDeduplicator leases the id while the turn runs and remembers it only after success).
/// </summary>
public sealed class RedeliveryAfterFailureTests
{
    [Fact]
    public async Task PostActivity_TurnFailedThenChannelRetries_RetryIsProcessed()
    {
        var command = new FailsOnceCommand();
        await using var host = await BotTestHost.StartAsync(configureServices: s => s.AddSingleton<ICommand>(command));

        var activity = TeamsActivities.PersonalMessage(host, TeamsUser.Author, "flaky", id: "redelivered-1");
        (await host.PostActivityAsync(activity)).EnsureSuccessStatusCode();
        (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "flaky", id: "redelivered-1")))
            .EnsureSuccessStatusCode();

        Assert.Equal(2, command.Runs);
        await host.Connector.WaitForAsync(r => r.Text == "flaky done", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PostActivity_TurnSucceededThenChannelRetries_RetryIsSkipped()
    {
        var command = new FailsOnceCommand { Failures = 0 };
        await using var host = await BotTestHost.StartAsync(configureServices: s => s.AddSingleton<ICommand>(command));

        (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "flaky", id: "once-1")))
            .EnsureSuccessStatusCode();
        (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, TeamsUser.Author, "flaky", id: "once-1")))
            .EnsureSuccessStatusCode();

        Assert.Equal(1, command.Runs);
    }

    private sealed class FailsOnceCommand : ICommand
    {
        private int _runs;

        public int Failures { get; init; } = 1;

        public int Runs => Volatile.Read(ref _runs);

        public CommandDescriptor Descriptor { get; } = new("flaky", "flaky", "Fails the first time", ShowInHelp: false);

        public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _runs) <= Failures)
            {
                throw new InvalidOperationException("Simulated failure in the middle of a turn.");
            }

            await turn.SendTextAsync("flaky done", ct);
        }
    }
}
