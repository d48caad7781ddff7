using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Dialogs.Engine;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.Ingestion;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>
/// Two bot hosts on different ports sharing one real Redis, as behind a load balancer without sticky sessions:
/// a multi-step flow continues whichever host gets the next turn, a redelivered activity is handled once, one welcome
/// per install, and mentions posted to both hosts are processed exactly once by the two workers together.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ScaleOutTests(RedisServerFixture redis)
{
    private const string IngestionSecret = "scale-out-test-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Dialog_ConsecutiveTurnsOnAlternatingHosts_StateContinues()
    {
        var (a, b) = await StartPairAsync();
        await using var first = a;
        await using var second = b;
        var user = TeamsUser.Author;
        var conversation = TeamsActivities.PersonalConversationId(user);

        await SayAsync(a, user, "survey");
        await a.Connector.WaitForAsync(r => r.ConversationId == conversation && r.Text == SurveyDialog.AskName, Wait);

        await SayAsync(b, user, "Ada");
        await b.Connector.WaitForAsync(r => r.ConversationId == conversation && r.Text == SurveyDialog.AskTeam, Wait);

        await SayAsync(a, user, "Social");
        await a.Connector.WaitForAsync(r => r.ConversationId == conversation && r.Text == "Thanks Ada from Social.", Wait);
        Assert.DoesNotContain(b.Connector.Requests, r => r.Text == SurveyDialog.AskName);
    }

    [Fact]
    public async Task CardAction_HandledByOneHost_StateSeenByTheOther()
    {
        var (a, b) = await StartPairAsync();
        await using var first = a;
        await using var second = b;
        var user = TeamsUser.Author;
        var conversation = TeamsActivities.PersonalConversationId(user);

        var saved = await a.PostActivityAsync(TeamsActivities.CardAction(a, user, "drafts.save", new System.Text.Json.Nodes.JsonObject { ["text"] = "Saved on host A", ["networks"] = "linkedin" }));
        Assert.Contains("P-1 saved", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await SayAsync(b, user, "my drafts");
        var list = await b.Connector.WaitForAsync(r => r.ConversationId == conversation && (r.Body?.ToJsonString().Contains("P-1", StringComparison.Ordinal) ?? false), Wait);
        Assert.Contains("Saved on host A", list.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivery_SameActivityToBothHostsAtOnce_HandledOnce()
    {
        var (a, b) = await StartPairAsync();
        await using var first = a;
        await using var second = b;
        var user = TeamsUser.Approver;
        var conversation = TeamsActivities.PersonalConversationId(user);
        var id = "redelivered-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(
            a.PostActivityAsync(TeamsActivities.PersonalMessage(a, user, "help", id)),
            b.PostActivityAsync(TeamsActivities.PersonalMessage(b, user, "help", id)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = a.Connector.Requests.Concat(b.Connector.Requests).Count(r => r.ConversationId == conversation);
        Assert.Equal(1, replies);
    }

    [Fact]
    public async Task Welcome_InstallEventReachesBothHosts_OneWelcomeCard()
    {
        var (a, b) = await StartPairAsync();
        await using var first = a;
        await using var second = b;

        var responses = await Task.WhenAll(
            a.PostActivityAsync(TeamsActivities.BotInstalledInChannel(a, TeamsUser.Author)),
            b.PostActivityAsync(TeamsActivities.BotInstalledInChannel(b, TeamsUser.Author)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var welcomes = a.Connector.Requests.Concat(b.Connector.Requests).Count(r => r.ConversationId == TeamsActivities.ChannelConversationId);
        Assert.Equal(1, welcomes);
    }

    [Fact]
    public async Task Mentions_PostedToBothHostsWithOverlap_EachProcessedExactlyOnce()
    {
        var processed = new RecordingMentionProcessor();
        var (a, b) = await StartPairAsync(services => services.AddSingleton<IMentionProcessor>(processed));
        await using var first = a;
        await using var second = b;
        var ids = Enumerable.Range(0, 40).Select(i => "m" + i.ToString(CultureInfo.InvariantCulture)).ToList();

        // Both hosts get the overlapping middle part, as a sender retrying against a different instance would.
        var responses = await Task.WhenAll(
            PostMentionsAsync(a, ids[..25]),
            PostMentionsAsync(b, ids[15..]));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(processed.Deliveries.Count == ids.Count), Wait), $"Processed {processed.Deliveries.Count} of {ids.Count}.");
        Assert.All(ids, id => Assert.Equal(1, processed.Deliveries[id]));
    }

    private async Task<(BotTestHost A, BotTestHost B)> StartPairAsync(Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["State:KeyPrefix"] = redis.NewKeyPrefix(),
            ["BotFramework:AllowedTenants"] = BotTestHost.TenantId,
            ["Ingestion:Secret"] = IngestionSecret,
            ["Ingestion:PollInterval"] = "00:00:00.050",
        };
        void Configure(IServiceCollection services)
        {
            SurveyDialog.Register(services);
            configureServices?.Invoke(services);
        }

        var a = await BotTestHost.StartAsync(redis.ConnectionString, settings, Configure);
        try
        {
            var b = await BotTestHost.StartAsync(redis.ConnectionString, settings, Configure);
            Assert.NotEqual(a.Client.BaseAddress, b.Client.BaseAddress);
            return (a, b);
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    private static async Task SayAsync(BotTestHost host, TeamsUser user, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, user, text))).StatusCode);

    private static Task<HttpResponseMessage> PostMentionsAsync(BotTestHost host, IEnumerable<string> ids)
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", ids.Select(id => MentionJson.One(id, tenantId: BotTestHost.TenantId))) + "]");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, MentionsEndpoint.Pattern) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-SocialBot-Timestamp", timestamp);
        request.Headers.Add("X-SocialBot-Signature", MentionSignature.Sign(IngestionSecret, timestamp, body));
        return host.Client.SendAsync(request);
    }
}

/// <summary>A two-question flow registered only in this test: its state must survive a change of host between turns.</summary>
internal static class SurveyDialog
{
    public const string Id = "ops.survey";
    public const string AskName = "What's your name?";
    public const string AskTeam = "Which team are you in?";

    public static void Register(IServiceCollection services)
    {
        services.AddDialog(_ => new WaterfallDialog<SurveyState>(Id, SurveyJsonContext.Default.SurveyState, _ => new SurveyState())
            .Step(step => step.PromptText(AskName))
            .Step(step =>
            {
                step.State.Name = step.ResultAs<string>();
                return step.PromptText(AskTeam);
            })
            .Step(step =>
            {
                step.Send($"Thanks {step.State.Name} from {step.ResultAs<string>()}.");
                return step.End();
            }));
        services.AddSingleton<ICommand>(sp => new SurveyCommand(sp.GetRequiredService<DialogBridge>()));
    }

    private sealed class SurveyCommand(DialogBridge dialogs) : ICommand
    {
        public CommandDescriptor Descriptor { get; } = new("survey", "survey", "Two questions (test only).", ShowInHelp: false);

        public Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
            dialogs.BeginAsync(turn, Id, options: null, fromCardAction: false, ct);
    }
}

internal sealed class SurveyState
{
    public string? Name { get; set; }
}

[JsonSerializable(typeof(SurveyState))]
internal sealed partial class SurveyJsonContext : JsonSerializerContext;
