using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>One signing key from the Bot Framework JWKS with the channel ids it is endorsed for.</summary>
internal sealed record ChannelSigningKey(SecurityKey Key, FrozenSet<string> Endorsements);

/// <summary>An immutable snapshot of the keys published at <c>jwks_uri</c>, indexed by <c>kid</c>.</summary>
internal sealed class ChannelSigningKeys(IReadOnlyDictionary<string, ChannelSigningKey> keysById, DateTimeOffset fetchedAt)
{
    public DateTimeOffset FetchedAt { get; } = fetchedAt;

    public int Count => keysById.Count;

    public bool TryGet(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChannelSigningKey? key) =>
        keysById.TryGetValue(keyId, out key);
}
