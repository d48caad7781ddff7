using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocialBot.Bot.State;

internal sealed record Versioned<T>(T Value, long Version);

/// <summary>Typed documents through source-generated <see cref="JsonTypeInfo{T}"/> (no reflection serialization).</summary>
internal static class StateStoreJsonExtensions
{
    public static async Task<Versioned<T>?> GetAsync<T>(this IStateStore store, StoreKey key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        var document = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var value = JsonSerializer.Deserialize(document.Utf8Json.Span, typeInfo)
            ?? throw new InvalidOperationException($"The document at '{key}' holds JSON null.");
        return new Versioned<T>(value, document.Version);
    }

    // Bounds what one round trip carries when a digest reads a busy day's mentions.
    private const int ReadChunk = 1000;

    /// <summary>The documents at <paramref name="keys"/> that exist, in the order of the keys, a thousand per round trip.</summary>
    public static async Task<IReadOnlyList<T>> GetExistingAsync<T>(this IStateStore store, IReadOnlyList<StoreKey> keys, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var values = new List<T>(keys.Count);
        foreach (var chunk in keys.Chunk(ReadChunk))
        {
            var documents = await store.GetManyAsync(chunk, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i] is { } document)
                {
                    values.Add(JsonSerializer.Deserialize(document.Utf8Json.Span, typeInfo)
                        ?? throw new InvalidOperationException($"The document at '{chunk[i]}' holds JSON null."));
                }
            }
        }

        return values;
    }

    public static Task<PutResult> PutAsync<T>(this IStateStore store, StoreKey key, T value, JsonTypeInfo<T> typeInfo, PutCondition condition, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), condition, timeToLive, cancellationToken);

    public static StoreTransaction PutDocument<T>(this StoreTransaction transaction, StoreKey key, T value, JsonTypeInfo<T> typeInfo, TimeSpan? timeToLive = null) =>
        transaction.PutDocument(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), timeToLive);

    public static Task<long> ListAppendAsync<T>(this IStateStore store, StoreKey key, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        store.ListAppendAsync(key, JsonSerializer.Serialize(value, typeInfo), cancellationToken);

    public static StoreTransaction ListAppend<T>(this StoreTransaction transaction, StoreKey key, T value, JsonTypeInfo<T> typeInfo) =>
        transaction.ListAppend(key, JsonSerializer.Serialize(value, typeInfo));

    public static Task<string> StreamAppendAsync<T>(this IStateStore store, StoreKey key, T value, JsonTypeInfo<T> typeInfo, long? maxLength = null, CancellationToken cancellationToken = default) =>
        store.StreamAppendAsync(key, JsonSerializer.Serialize(value, typeInfo), maxLength, cancellationToken);
}
