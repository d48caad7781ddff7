using System.Globalization;
using Xunit;

namespace SocialBot.Testing;

/// <summary>
/// One redis-server shared by a test collection. Tests isolate themselves with <see cref="NewKeyPrefix"/>
/// instead of flushing, so they can run side by side.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private int _prefixes;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    public string ConnectionString => Server.ConnectionString;

    public string NewKeyPrefix() => string.Create(CultureInfo.InvariantCulture, $"test{Interlocked.Increment(ref _prefixes)}-{Guid.NewGuid():N}");

    public async Task InitializeAsync() => _server = await RedisServer.StartNewAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
