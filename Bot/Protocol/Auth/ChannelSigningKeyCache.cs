using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SocialBot.Bot.Protocol.Auth;

/// <summary>
/// Fetches and caches the Bot Framework signing keys (OpenID metadata, then <c>jwks_uri</c>).
/// </summary>
/// <remarks>
/// We keep our own cache instead of <c>ConfigurationManager&lt;OpenIdConnectConfiguration&gt;</c> because
/// (a) the channel check needs each key's <c>endorsements</c>, which we read from the raw JWKS document, and the keys and
/// their endorsements must come from the same download; (b) its 8.x refresh runs in the background, so "refresh once on an
/// unknown kid, then retry" would race; (c) it reads the wall clock, and we want the injected <see cref="TimeProvider"/>.
/// Parsing still uses the library types (<see cref="OpenIdConnectConfiguration"/>, <see cref="JsonWebKeySet"/>) and the
/// download goes through <see cref="HttpDocumentRetriever"/>, which demands https unless the metadata host is loopback.
/// </remarks>
internal sealed partial class ChannelSigningKeyCache(
    IOptions<BotIdentityOptions> options,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<ChannelSigningKeyCache> logger)
{
    public const string HttpClientName = "SocialBot.BotFrameworkOpenIdMetadata";

    // After a failed download with nothing cached, callers fail fast for this long instead of each one retrying.
    private static readonly TimeSpan FailedFetchBackoff = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly BotIdentityOptions settings = options.Value;
    private ChannelSigningKeys? current;
    private long refreshDueAtUtcTicks;
    private DateTimeOffset? lastUnknownKeyRefresh;
    private Exception? lastFailure;

    // Read without the lock on the fast path, so kept as ticks for atomic access.
    private DateTimeOffset RefreshDueAt
    {
        get => new(Volatile.Read(ref refreshDueAtUtcTicks), TimeSpan.Zero);
        set => Volatile.Write(ref refreshDueAtUtcTicks, value.UtcTicks);
    }

    /// <summary>Returns the cached keys, downloading them when none are cached or the cache duration has passed.</summary>
    public async Task<ChannelSigningKeys> GetAsync(CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && timeProvider.GetUtcNow() < RefreshDueAt)
        {
            return snapshot;
        }

        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (current is not null && now < RefreshDueAt)
            {
                return current;
            }

            if (current is null && lastFailure is not null && now < RefreshDueAt)
            {
                throw new InvalidOperationException("Signing keys are unavailable; the last download failed.", lastFailure);
            }

            return await DownloadAsync(now, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Called when a token names a <c>kid</c> the snapshot <paramref name="seen"/> lacks. Downloads the keys again at most
    /// once per <see cref="BotIdentityOptions.SigningKeyRefreshMinInterval"/>; otherwise returns what is cached.
    /// </summary>
    public async Task<ChannelSigningKeys> RefreshForUnknownKeyAsync(string keyId, ChannelSigningKeys seen, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (current is not null && !ReferenceEquals(current, seen))
            {
                // Another request refreshed while we waited; look there first.
                return current;
            }

            var now = timeProvider.GetUtcNow();
            if (lastUnknownKeyRefresh is { } last && now - last < settings.SigningKeyRefreshMinInterval)
            {
                Log.UnknownKeyRefreshThrottled(logger, keyId);
                return current ?? seen;
            }

            lastUnknownKeyRefresh = now;
            Log.RefreshingForUnknownKey(logger, keyId);
            return await DownloadAsync(now, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ChannelSigningKeys> DownloadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var metadataUrl = settings.ToBotFromChannelOpenIdMetadataUrl;
        try
        {
            var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
            {
                RequireHttps = !IsLoopback(metadataUrl),
            };
            var metadataJson = await retriever.GetDocumentAsync(metadataUrl, ct).ConfigureAwait(false);
            var metadata = OpenIdConnectConfiguration.Create(metadataJson);
            if (string.IsNullOrWhiteSpace(metadata.JwksUri))
            {
                throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
            }

            var jwksJson = await retriever.GetDocumentAsync(metadata.JwksUri, ct).ConfigureAwait(false);
            var snapshot = Parse(jwksJson, now);

            RefreshDueAt = now + settings.SigningKeyCacheDuration;
            Volatile.Write(ref current, snapshot);
            lastFailure = null;
            Log.KeysDownloaded(logger, snapshot.Count, metadataUrl);
            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lastFailure = ex;
            Log.DownloadFailed(logger, metadataUrl, ex);
            if (current is not null)
            {
                // Stale keys are better than none; try again after the refresh interval.
                RefreshDueAt = now + settings.SigningKeyRefreshMinInterval;
                return current;
            }

            RefreshDueAt = now + FailedFetchBackoff;
            throw;
        }
    }

    private static ChannelSigningKeys Parse(string jwksJson, DateTimeOffset now)
    {
        var endorsementsById = ReadEndorsements(jwksJson);
        var keySet = new JsonWebKeySet(jwksJson);
        var keys = new Dictionary<string, ChannelSigningKey>(StringComparer.Ordinal);
        foreach (var key in keySet.GetSigningKeys())
        {
            if (string.IsNullOrEmpty(key.KeyId) || keys.ContainsKey(key.KeyId))
            {
                continue;
            }

            var endorsements = endorsementsById.TryGetValue(key.KeyId, out var found) ? found : FrozenSet<string>.Empty;
            keys[key.KeyId] = new ChannelSigningKey(key, endorsements);
        }

        return new ChannelSigningKeys(keys.ToFrozenDictionary(StringComparer.Ordinal), now);
    }

    // JsonWebKeySet is not guaranteed to keep unknown members such as "endorsements", so read them from the raw document.
    private static Dictionary<string, FrozenSet<string>> ReadEndorsements(string jwksJson)
    {
        var result = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var endorsements) || endorsements.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var channels = endorsements.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToFrozenSet(StringComparer.Ordinal);
            result.TryAdd(kid.GetString()!, channels);
        }

        return result;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Downloaded {KeyCount} Bot Framework signing keys from {MetadataUrl}")]
        public static partial void KeysDownloaded(ILogger logger, int keyCount, string metadataUrl);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Could not download Bot Framework signing keys from {MetadataUrl}")]
        public static partial void DownloadFailed(ILogger logger, string metadataUrl, Exception exception);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Token signed with unknown key {KeyId}; refreshing signing keys")]
        public static partial void RefreshingForUnknownKey(ILogger logger, string keyId);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Token signed with unknown key {KeyId}; keys were refreshed recently, not refreshing again yet")]
        public static partial void UnknownKeyRefreshThrottled(ILogger logger, string keyId);
    }
}
