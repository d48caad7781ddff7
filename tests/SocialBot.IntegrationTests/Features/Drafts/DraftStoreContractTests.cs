using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Bot.State;
using SocialBot.IntegrationTests.State;
using SocialBot.Testing;
using StackExchange.Redis;

namespace SocialBot.IntegrationTests.Features.Drafts;

/// <summary>The draft store's guarantees against every state store adapter.</summary>
public abstract class DraftStoreContractTests : IAsyncLifetime
{
    private const string Tenant = "contoso";
    private static readonly DraftPerson Author = new("author-oid", "29:author", "Megan");
    private static readonly DraftPerson Approver = new("approver-oid", "29:approver", "Adele");
    private static readonly HashSet<DraftStatus> Submittable = [DraftStatus.Draft, DraftStatus.ChangesRequested];
    private static readonly HashSet<DraftStatus> Pending = [DraftStatus.Submitted];

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private DraftStore Drafts { get; set; } = null!;

    internal abstract Task<IStateStore> CreateStoreAsync();

    public async Task InitializeAsync() => Drafts = new DraftStore(await CreateStoreAsync(), Time);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateAsync_TwoDrafts_SequentialIdsVersionOneAndCreatedEntry()
    {
        var first = await Drafts.CreateAsync(Tenant, Author, Content("Hello"), new DraftOrigin(), default);
        var second = await Drafts.CreateAsync(Tenant, Author, Content("World"), new DraftOrigin(SourceMessageUrl: "https://teams.microsoft.com/l/message/1"), default);

        Assert.Equal(("P-1", "P-2"), (first.Id, second.Id));
        var stored = await Drafts.GetAsync(Tenant, "p-2", default);
        Assert.NotNull(stored);
        Assert.Equal(DraftStatus.Draft, stored.Status);
        Assert.Equal(1, stored.ContentVersion);
        Assert.Equal("World", stored.Content.Text);
        Assert.Equal([SocialNetwork.X, SocialNetwork.Bluesky], stored.Content.Networks);
        Assert.Equal("https://teams.microsoft.com/l/message/1", stored.Origin.SourceMessageUrl);
        Assert.Equal("created", Assert.Single(await Drafts.GetHistoryAsync(Tenant, "P-2", default)).Kind);
    }

    [Fact]
    public async Task CreateAsync_OtherTenant_HasItsOwnSequence()
    {
        await Drafts.CreateAsync(Tenant, Author, Content("a"), new DraftOrigin(), default);

        var other = await Drafts.CreateAsync("fabrikam", Author, Content("b"), new DraftOrigin(), default);

        Assert.Equal("P-1", other.Id);
        Assert.Null(await Drafts.GetAsync("fabrikam", "P-2", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P-abc")]
    [InlineData("42")]
    [InlineData("P-0")]
    [InlineData("P-99")]
    [InlineData("{tenant}:x")]
    public async Task GetAsync_UnknownOrMalformedId_IsNull(string id) =>
        Assert.Null(await Drafts.GetAsync(Tenant, id, default));

    [Fact]
    public async Task GetManyAsync_MixedIds_ExistingDraftsInTheOrderAsked()
    {
        foreach (var text in new[] { "one", "two", "three" })
        {
            await Drafts.CreateAsync(Tenant, Author, Content(text), new DraftOrigin(), default);
        }

        var drafts = await Drafts.GetManyAsync(Tenant, ["P-3", "nonsense", "p-1", "P-99"], default);

        Assert.Equal(["three", "one"], drafts.Select(d => d.Content.Text));
        Assert.Empty(await Drafts.GetManyAsync("fabrikam", ["P-1"], default));
    }

    [Fact]
    public async Task CreateAsync_HundredInParallel_HundredDistinctIds()
    {
        var drafts = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Drafts.CreateAsync(Tenant, Author, Content("n" + i), new DraftOrigin(), default)));

        Assert.Equal(100, drafts.Select(d => d.Id).Distinct().Count());
        Assert.Equal(100, await Drafts.CountByAuthorAsync(Tenant, Author.Id, default));
    }

    [Fact]
    public async Task UpdateContentAsync_ExpectedVersion_KeepsEveryVersion()
    {
        var draft = await Drafts.CreateAsync(Tenant, Author, Content("v1"), new DraftOrigin(), default);

        var second = await Drafts.UpdateContentAsync(Tenant, draft.Id, Author, Content("v2"), 1, Submittable, default);
        var stale = await Drafts.UpdateContentAsync(Tenant, draft.Id, Author, Content("stale"), 1, Submittable, default);

        Assert.True(second.Succeeded);
        Assert.Equal(2, second.Draft!.ContentVersion);
        Assert.Equal(DraftWriteOutcome.VersionConflict, stale.Outcome);
        Assert.Equal("v2", stale.Draft!.Content.Text);
        Assert.Equal("v1", (await Drafts.GetContentVersionAsync(Tenant, draft.Id, 1, default))!.Text);
        Assert.Equal("v2", (await Drafts.GetContentVersionAsync(Tenant, draft.Id, 2, default))!.Text);
        Assert.Null(await Drafts.GetContentVersionAsync(Tenant, draft.Id, 3, default));
        Assert.Equal(["created", "edited"], (await Drafts.GetHistoryAsync(Tenant, draft.Id, default)).Select(e => e.Kind));
    }

    [Fact]
    public async Task UpdateContentAsync_StatusNotAllowed_ChangesNothing()
    {
        var draft = await Drafts.CreateAsync(Tenant, Author, Content("v1"), new DraftOrigin(), default);
        await Drafts.TryTransitionAsync(Tenant, draft.Id, Submittable, DraftStatus.Submitted, Entry("submitted", Author), default);

        var result = await Drafts.UpdateContentAsync(Tenant, draft.Id, Author, Content("v2"), 1, Submittable, default);

        Assert.Equal(DraftWriteOutcome.StatusNotAllowed, result.Outcome);
        Assert.Equal("v1", (await Drafts.GetAsync(Tenant, draft.Id, default))!.Content.Text);
    }

    [Fact]
    public async Task TryTransitionAsync_MovesBetweenStatusIndexesAndRecordsHistory()
    {
        var draft = await Drafts.CreateAsync(Tenant, Author, Content("v1"), new DraftOrigin(), default);
        Time.Advance(TimeSpan.FromMinutes(5));

        var submitted = await Drafts.TryTransitionAsync(Tenant, draft.Id, Submittable, DraftStatus.Submitted, Entry("submitted", Author), default);

        Assert.True(submitted.Succeeded);
        Assert.Equal(Time.GetUtcNow(), submitted.Draft!.UpdatedAt);
        Assert.Empty(await Drafts.ListByStatusAsync(Tenant, DraftStatus.Draft, default));
        Assert.Equal(draft.Id, Assert.Single(await Drafts.ListByStatusAsync(Tenant, DraftStatus.Submitted, default)).Id);
        Assert.Equal(["created", "submitted"], (await Drafts.GetHistoryAsync(Tenant, draft.Id, default)).Select(e => e.Kind));
    }

    [Fact]
    public async Task TryTransitionAsync_FiftyApproversAtOnce_ExactlyOneDecision()
    {
        var draft = await Drafts.CreateAsync(Tenant, Author, Content("v1"), new DraftOrigin(), default);
        await Drafts.TryTransitionAsync(Tenant, draft.Id, Submittable, DraftStatus.Submitted, Entry("submitted", Author), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Drafts.TryTransitionAsync(Tenant, draft.Id, Pending, i % 2 == 0 ? DraftStatus.Approved : DraftStatus.Rejected, Entry("decided-" + i, Approver), default)));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(DraftWriteOutcome.StatusNotAllowed, r.Outcome));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(winner.Draft!.Status, r.Draft!.Status));
        var history = await Drafts.GetHistoryAsync(Tenant, draft.Id, default);
        Assert.Single(history, e => e.Kind.StartsWith("decided-", StringComparison.Ordinal));
        Assert.Single(await Drafts.ListByStatusAsync(Tenant, winner.Draft!.Status, default));
        Assert.Empty(await Drafts.ListByStatusAsync(Tenant, DraftStatus.Submitted, default));
    }

    [Fact]
    public async Task TryTransitionAsync_UnknownDraft_NotFound()
    {
        var result = await Drafts.TryTransitionAsync(Tenant, "P-404", Pending, DraftStatus.Approved, Entry("approved", Approver), default);

        Assert.Equal(DraftWriteOutcome.NotFound, result.Outcome);
        Assert.Null(result.Draft);
    }

    [Fact]
    public async Task ListByAuthorAsync_NewestFirstWithPaging()
    {
        foreach (var text in new[] { "one", "two", "three" })
        {
            await Drafts.CreateAsync(Tenant, Author, Content(text), new DraftOrigin(), default);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Drafts.CreateAsync(Tenant, Approver, Content("not mine"), new DraftOrigin(), default);

        Assert.Equal(["three", "two"], (await Drafts.ListByAuthorAsync(Tenant, Author.Id, 0, 2, default)).Select(d => d.Content.Text));
        Assert.Equal(["one"], (await Drafts.ListByAuthorAsync(Tenant, Author.Id, 2, 2, default)).Select(d => d.Content.Text));
        Assert.Equal(3, await Drafts.CountByAuthorAsync(Tenant, Author.Id, default));
    }

    [Fact]
    public async Task CreateAsync_HostileText_RoundTripsExactly()
    {
        var text = HostileText.Everything;

        var draft = await Drafts.CreateAsync(Tenant, Author, Content(text), new DraftOrigin(), default);

        Assert.Equal(text, (await Drafts.GetAsync(Tenant, draft.Id, default))!.Content.Text);
    }

    private static DraftContent Content(string text) => new()
    {
        Text = text,
        Networks = [SocialNetwork.X, SocialNetwork.Bluesky],
        Images = [new PostImage("https://cdn.example.com/a.png", "A chart")],
        Campaign = "Launch",
    };

    private DraftHistoryEntry Entry(string kind, DraftPerson actor) => new(Time.GetUtcNow(), kind, actor, 1);
}

public sealed class InMemoryDraftStoreTests : DraftStoreContractTests
{
    internal override Task<IStateStore> CreateStoreAsync() => Task.FromResult<IStateStore>(new InMemoryStateStore(Time));
}

[Collection(RedisCollection.Name)]
public sealed class RedisDraftStoreTests(RedisServerFixture redis) : DraftStoreContractTests
{
    private IConnectionMultiplexer? _connection;

    internal override async Task<IStateStore> CreateStoreAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.ParseOptions(redis.ConnectionString));
        return new RedisStateStore(_connection, Options.Create(new StateStoreOptions { KeyPrefix = redis.NewKeyPrefix() }));
    }

    public override async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
