using SocialBot.Testing;

namespace SocialBot.IntegrationTests.State;

/// <summary>Tests in this collection share one redis-server; each isolates itself with its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
