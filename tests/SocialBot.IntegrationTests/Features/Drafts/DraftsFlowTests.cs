using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialBot.Bot.Features.Drafts;
using SocialBot.IntegrationTests.Hosting;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;

namespace SocialBot.IntegrationTests.Features.Drafts;

/// <summary>Drafts over the real host: JWTs, HTTP, Redis and the recording connector.</summary>
[Collection(RedisCollection.Name)]
public sealed class DraftsFlowTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly RecordingListener listener = new();
    private BotTestHost host = null!;
    private TeamsUser author = null!;

    public async Task InitializeAsync()
    {
        host = await BotTestHost.StartAsync(
            redis.ConnectionString,
            new Dictionary<string, string?> { ["State:KeyPrefix"] = redis.NewKeyPrefix() },
            services => services.AddSingleton<IDraftSubmissionListener>(listener));
        var id = Guid.NewGuid().ToString();
        author = new TeamsUser(id, "29:" + id, "Megan Bowen");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task NewPost_WithText_SendsThePrefilledForm()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, author, "new post Launch day is here"))).StatusCode);

        var reply = await host.Connector.WaitForAsync(r => r.ConversationId == TeamsActivities.PersonalConversationId(author), Wait);
        var card = reply.Body!.ToJsonString();
        Assert.Contains("Launch day is here", card, StringComparison.Ordinal);
        Assert.Contains("drafts.submit", card, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MissingNetworks_SameFormWithTheErrorAndTheTypedText()
    {
        var card = await PressAsync("drafts.submit", new JsonObject { ["text"] = "Typed {text} \"quoted\"", ["networks"] = string.Empty });

        Assert.Contains("Pick at least one network.", card, StringComparison.Ordinal);
        Assert.Contains("Typed {text} \\u0022quoted\\u0022", card, StringComparison.Ordinal);
        Assert.Empty(listener.Submitted);
        Assert.Equal(0, await host.Services.GetRequiredService<IDraftStore>().CountByAuthorAsync(BotTestHost.TenantId, author.ObjectId, default));
    }

    [Fact]
    public async Task Submit_OverTheXLimit_BlockedWithTheCounter()
    {
        var card = await PressAsync("drafts.submit", new JsonObject { ["text"] = new string('a', 300), ["networks"] = "x" });

        Assert.Contains("X 300/280", card, StringComparison.Ordinal);
        Assert.Empty(listener.Submitted);
    }

    [Fact]
    public async Task Submit_ValidDraft_StoredSubmittedListenersToldConfirmationShown()
    {
        var card = await PressAsync("drafts.submit", new JsonObject { ["text"] = "Launch day! #acme", ["networks"] = "x,linkedin" });

        Assert.Contains("sent for approval", card, StringComparison.Ordinal);
        var submitted = Assert.Single(listener.Submitted);
        var stored = await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, submitted.Id, default);
        Assert.Equal(DraftStatus.Submitted, stored!.Status);
        Assert.Equal(author.ObjectId, stored.Author.Id);
        Assert.Equal("29:" + author.ObjectId, stored.Author.ChannelAccountId);
    }

    [Fact]
    public async Task Submit_SameInvokeDeliveredTwice_OneDraft()
    {
        var invoke = TeamsActivities.CardAction(host, author, "drafts.submit", new JsonObject { ["text"] = "Once only", ["networks"] = "x" });

        var first = await host.PostActivityAsync(invoke);
        var second = await host.PostActivityAsync(invoke);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(listener.Submitted);
        Assert.Equal(1, await host.Services.GetRequiredService<IDraftStore>().CountByAuthorAsync(BotTestHost.TenantId, author.ObjectId, default));
    }

    [Fact]
    public async Task Save_ThenEditWithStaleVersion_ConflictExplainedAndTextKept()
    {
        await PressAsync("drafts.save", new JsonObject { ["text"] = "Version one", ["networks"] = "x" });
        var id = (await host.Services.GetRequiredService<IDraftStore>().ListByAuthorAsync(BotTestHost.TenantId, author.ObjectId, 0, 1, default)).Single().Id;
        await PressAsync("drafts.save", new JsonObject { ["draftId"] = id, ["version"] = "1", ["text"] = "Version two", ["networks"] = "x" });

        var card = await PressAsync("drafts.save", new JsonObject { ["draftId"] = id, ["version"] = "1", ["text"] = "Stale edit", ["networks"] = "x" });

        Assert.Contains("changed since you opened this form", card, StringComparison.Ordinal);
        Assert.Contains("Stale edit", card, StringComparison.Ordinal);
        Assert.Equal("Version two", (await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, id, default))!.Content.Text);
    }

    [Fact]
    public async Task CreateEditSubmitWithdraw_EachStepKeptWithItsVersion()
    {
        var drafts = host.Services.GetRequiredService<IDraftStore>();
        await PressAsync("drafts.save", new JsonObject { ["text"] = "First idea", ["networks"] = "x" });
        var id = (await drafts.ListByAuthorAsync(BotTestHost.TenantId, author.ObjectId, 0, 1, default)).Single().Id;

        Assert.Contains(id + " saved", await PressAsync("drafts.save", new JsonObject { ["draftId"] = id, ["version"] = "1", ["text"] = "Better idea", ["networks"] = "x,linkedin" }), StringComparison.Ordinal);
        Assert.Contains(id + " sent for approval", await PressAsync("drafts.submit", new JsonObject { ["draftId"] = id, ["version"] = "2", ["text"] = "Best idea", ["networks"] = "x,linkedin" }), StringComparison.Ordinal);
        await PressAsync("approvals.withdraw", new JsonObject { ["draftId"] = id, ["version"] = "3" });

        var draft = await drafts.GetAsync(BotTestHost.TenantId, id, default);
        Assert.Equal(DraftStatus.Withdrawn, draft!.Status);
        Assert.Equal(3, draft.ContentVersion);
        Assert.Equal("First idea", (await drafts.GetContentVersionAsync(BotTestHost.TenantId, id, 1, default))!.Text);
        Assert.Equal(["created", "edited", "edited", "submitted", "withdrawn"], (await drafts.GetHistoryAsync(BotTestHost.TenantId, id, default)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Edit_SomeoneElsesDraft_Refused()
    {
        await PressAsync("drafts.save", new JsonObject { ["text"] = "Mine", ["networks"] = "x" });
        var id = (await host.Services.GetRequiredService<IDraftStore>().ListByAuthorAsync(BotTestHost.TenantId, author.ObjectId, 0, 1, default)).Single().Id;

        var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Bystander, "drafts.save", new JsonObject { ["draftId"] = id, ["version"] = "1", ["text"] = "Hijacked", ["networks"] = "x" }));

        Assert.Contains("Only Megan Bowen can edit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Mine", (await host.Services.GetRequiredService<IDraftStore>().GetAsync(BotTestHost.TenantId, id, default))!.Content.Text);
    }

    [Fact]
    public async Task MyDraftsAndHistory_ShowTheDraftAndItsTimeline()
    {
        await PressAsync("drafts.submit", new JsonObject { ["text"] = "Timeline post", ["networks"] = "x" });
        var id = listener.Submitted.Single().Id;

        var myDrafts = await SayAsync("my drafts");
        var history = await SayAsync("history " + id.ToLowerInvariant());
        var stranger = await SayAsync("history " + id, TeamsUser.Bystander);
        var nonsense = await SayAsync("history banana");

        Assert.Contains(id, myDrafts, StringComparison.Ordinal);
        Assert.Contains("Waiting for approval", myDrafts, StringComparison.Ordinal);
        Assert.Contains("Submitted for approval by Megan Bowen", history, StringComparison.Ordinal);
        Assert.Contains("I can't find " + id, stranger, StringComparison.Ordinal);
        Assert.Contains("is not a draft id", nonsense, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDrafts_OlderAndNewer_TurnThePagesOfTheViewersOwnDrafts()
    {
        for (var i = 1; i <= 12; i++)
        {
            await PressAsync("drafts.save", new JsonObject { ["text"] = $"Idea {i:00}", ["networks"] = "x" });
        }

        var first = await SayAsync("my drafts");
        var older = await PressAsync("drafts.page", new JsonObject { ["page"] = "1" });
        var beyond = await PressAsync("drafts.page", new JsonObject { ["page"] = "7" });
        var hostile = await PressAsync("drafts.page", new JsonObject { ["page"] = "-3" });
        var stranger = await host.PostActivityAsync(TeamsActivities.CardAction(host, TeamsUser.Bystander, "drafts.page", new JsonObject { ["page"] = "1" }));

        Assert.Contains("Idea 12", first, StringComparison.Ordinal);
        Assert.Contains("2 older drafts", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Idea 02", first, StringComparison.Ordinal);
        Assert.Contains("page 2", older, StringComparison.Ordinal);
        Assert.Contains("Idea 01", older, StringComparison.Ordinal);
        Assert.Contains("Idea 02", older, StringComparison.Ordinal);
        Assert.DoesNotContain("Idea 03", older, StringComparison.Ordinal);
        Assert.Contains("Newer", older, StringComparison.Ordinal);
        Assert.Contains("No drafts on this page any more", beyond, StringComparison.Ordinal);
        Assert.Contains("Idea 12", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("Idea ", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageAction_FetchThenSubmit_DialogPrefilledThenClosedWithConfirmation()
    {
        var fetch = TeamsActivities.Invoke(host, author, "composeExtension/fetchTask", new JsonObject
        {
            ["commandId"] = "suggestSocialPost",
            ["commandContext"] = "message",
            ["messagePayload"] = new JsonObject
            {
                ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:abc@thread.skype/1611060744833",
                ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<div><at id=\"0\">Lee Gu</at> - we ship <b>Tuesday</b></div>" },
            },
        }, inChannel: true);

        using var dialog = JsonDocument.Parse(await (await host.PostActivityAsync(fetch)).Content.ReadAsStringAsync());
        var task = dialog.RootElement.GetProperty("task");
        Assert.Equal("continue", task.GetProperty("type").GetString());
        var form = task.GetProperty("value").GetProperty("card").GetProperty("content").GetRawText();
        Assert.Contains("Lee Gu - we ship Tuesday", form, StringComparison.Ordinal);
        Assert.Contains("Action.Submit", form, StringComparison.Ordinal);

        var invalid = await SubmitDialogAsync(new JsonObject { ["formAction"] = "submit", ["text"] = "x", ["networks"] = string.Empty });
        Assert.Equal("continue", invalid.GetProperty("task").GetProperty("type").GetString());

        var done = await SubmitDialogAsync(new JsonObject
        {
            ["formAction"] = "submit",
            ["text"] = "Lee Gu - we ship Tuesday",
            ["networks"] = "linkedin",
            ["sourceUrl"] = "https://teams.microsoft.com/l/message/19:abc@thread.skype/1611060744833",
        });
        Assert.Equal("message", done.GetProperty("task").GetProperty("type").GetString());
        Assert.Contains("sent for approval", done.GetProperty("task").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://teams.microsoft.com/l/message/19:abc@thread.skype/1611060744833", listener.Submitted.Single().Origin.SourceMessageUrl);
    }

    private async Task<JsonElement> SubmitDialogAsync(JsonObject data)
    {
        var submit = TeamsActivities.Invoke(host, author, "composeExtension/submitAction", new JsonObject { ["commandId"] = "suggestSocialPost", ["commandContext"] = "message", ["data"] = data }, inChannel: true);
        var body = await (await host.PostActivityAsync(submit)).Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> PressAsync(string verb, JsonObject data)
    {
        var response = await host.PostActivityAsync(TeamsActivities.CardAction(host, author, verb, data));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> SayAsync(string text, TeamsUser? user = null)
    {
        var who = user ?? author;
        var before = host.Connector.Requests.Count(r => r.ConversationId == TeamsActivities.PersonalConversationId(who));
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(TeamsActivities.PersonalMessage(host, who, text))).StatusCode);
        await host.Connector.WaitForAsync(all => all.Count(r => r.ConversationId == TeamsActivities.PersonalConversationId(who)) > before, Wait);
        return System.Text.RegularExpressions.Regex.Unescape(host.Connector.Requests.Last(r => r.ConversationId == TeamsActivities.PersonalConversationId(who)).Body!.ToJsonString());
    }

    private sealed class RecordingListener : IDraftSubmissionListener
    {
        private readonly List<Draft> submitted = [];

        public IReadOnlyList<Draft> Submitted
        {
            get
            {
                lock (submitted)
                {
                    return [.. submitted];
                }
            }
        }

        public Task OnSubmittedAsync(Draft draft, DraftPerson submittedBy, CancellationToken ct)
        {
            lock (submitted)
            {
                submitted.Add(draft);
            }

            return Task.CompletedTask;
        }
    }
}
