using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.IntegrationTests.Hosting;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>A stop request (SIGTERM in a container) while a turn runs: the turn finishes and its reply is still sent.</summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stop_WhileATurnIsInFlight_TurnFinishesAndReplies()
    {
        var slow = new SlowCommand();
        await using var host = await BotTestHost.StartAsync(configureServices: services => services.AddSingleton<ICommand>(slow));
        var user = TeamsUser.Author;

        var post = host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, "slow"));
        await slow.Started.Task.WaitAsync(Wait);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.StopApplication();
        await WaitForAsync(lifetime.ApplicationStopping);
        slow.Release.SetResult();

        var response = await post.WaitAsync(Wait);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(user) && r.Text == SlowCommand.Reply, Wait);
    }

    private static Task WaitForAsync(CancellationToken token)
    {
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => signalled.TrySetResult());
        return signalled.Task.WaitAsync(Wait);
    }

    private sealed class SlowCommand : ICommand
    {
        public const string Reply = "Finished the slow work.";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CommandDescriptor Descriptor { get; } = new("slow", "slow", "Waits until released (test only).", ShowInHelp: false);

        public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
        {
            Started.SetResult();
            await Release.Task;
            await turn.SendTextAsync(Reply, ct);
        }
    }
}
