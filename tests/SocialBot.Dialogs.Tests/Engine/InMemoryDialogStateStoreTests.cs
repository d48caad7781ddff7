using Microsoft.Extensions.Time.Testing;
using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

/// <summary>The store contract the engine relies on; a Redis-backed store must behave the same.</summary>
public sealed class InMemoryDialogStateStoreTests
{
    private static readonly DialogScope Scope = DialogTranscript.DefaultScope;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider time = new();
    private readonly InMemoryDialogStateStore store;

    public InMemoryDialogStateStoreTests() => store = new InMemoryDialogStateStore(time);

    [Fact]
    public async Task SaveAsync_CreateWhenSomethingStored_Conflicts()
    {
        Assert.True(await store.SaveAsync(Scope, "a", null, Hour, CancellationToken.None));

        Assert.False(await store.SaveAsync(Scope, "b", null, Hour, CancellationToken.None));
        Assert.Equal("a", (await store.LoadAsync(Scope, CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task SaveAsync_ExpectedVersionMatches_WritesNewVersion()
    {
        await store.SaveAsync(Scope, "a", null, Hour, CancellationToken.None);
        var first = await store.LoadAsync(Scope, CancellationToken.None);

        Assert.True(await store.SaveAsync(Scope, "b", first!.Version, Hour, CancellationToken.None));
        Assert.False(await store.SaveAsync(Scope, "c", first.Version, Hour, CancellationToken.None));

        var second = await store.LoadAsync(Scope, CancellationToken.None);
        Assert.Equal("b", second!.Json);
        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public async Task DeleteAsync_StaleExpectedVersion_KeepsNewerStack()
    {
        await store.SaveAsync(Scope, "a", null, Hour, CancellationToken.None);
        var first = await store.LoadAsync(Scope, CancellationToken.None);
        await store.SaveAsync(Scope, "b", first!.Version, Hour, CancellationToken.None);

        Assert.False(await store.DeleteAsync(Scope, first.Version, CancellationToken.None));
        Assert.NotNull(await store.LoadAsync(Scope, CancellationToken.None));
        Assert.True(await store.DeleteAsync(Scope, null, CancellationToken.None));
        Assert.Null(await store.LoadAsync(Scope, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_AfterDeleteAndRecreate_OldVersionDoesNotMatch()
    {
        await store.SaveAsync(Scope, "a", null, Hour, CancellationToken.None);
        var old = await store.LoadAsync(Scope, CancellationToken.None);
        await store.DeleteAsync(Scope, null, CancellationToken.None);
        await store.SaveAsync(Scope, "b", null, Hour, CancellationToken.None);

        Assert.False(await store.SaveAsync(Scope, "c", old!.Version, Hour, CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_AfterTimeToLive_ReturnsNothingAndAllowsCreate()
    {
        await store.SaveAsync(Scope, "a", null, Hour, CancellationToken.None);

        time.Advance(Hour - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.LoadAsync(Scope, CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.LoadAsync(Scope, CancellationToken.None));
        Assert.True(await store.SaveAsync(Scope, "b", null, Hour, CancellationToken.None));
    }
}
