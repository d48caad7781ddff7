using Microsoft.Extensions.Time.Testing;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Mentions.Matching;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Tests.Features.Mentions;

public sealed class MentionRuleStoreTests
{
    private const string Tenant = "contoso";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ReadCompiled_RuleAddedOrRemovedByAnotherInstance_SeenOnTheNextRead()
    {
        var store = new InMemoryStateStore(time);
        var first = new MentionRuleStore(store, time);
        var second = new MentionRuleStore(store, time);

        Assert.Equal(0, (await second.ReadCompiledAsync(Tenant, default)).Rules.Count);
        await first.AddAsync(Tenant, "19:a", Query("acme"), "user", default);
        var afterAdd = await second.ReadCompiledAsync(Tenant, default);
        var removed = await first.RemoveAsync(Tenant, "19:a", 1, default);
        var afterRemove = await second.ReadCompiledAsync(Tenant, default);

        Assert.Single(afterAdd.Rules.Match(Mention("acme rocks")));
        Assert.NotNull(removed);
        Assert.Empty(afterRemove.Rules.Match(Mention("acme rocks")));
    }

    [Fact]
    public async Task Add_SameQueryTwiceInOneChat_SecondRefusedAndNumbersKeepGrowing()
    {
        var rules = new MentionRuleStore(new InMemoryStateStore(time), time);

        var one = await rules.AddAsync(Tenant, "19:a", Query("acme"), "user", default);
        var again = await rules.AddAsync(Tenant, "19:a", Query("ACME"), "user", default);
        await rules.RemoveAsync(Tenant, "19:a", 1, default);
        var two = await rules.AddAsync(Tenant, "19:a", Query("#launch"), "user", default);

        Assert.Equal(1, one!.Number);
        Assert.Null(again);
        Assert.Equal(2, two!.Number);
    }

    private static MentionQuery Query(string text) => MentionQueryParser.Parse(text).Query!;

    private static IncomingMention Mention(string text) => new()
    {
        TenantId = Tenant,
        Id = Guid.NewGuid().ToString(),
        Source = MentionSource.X,
        Author = new MentionAuthor("@fan", null, 10),
        Text = text,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
