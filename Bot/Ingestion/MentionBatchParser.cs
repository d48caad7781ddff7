using System.Globalization;
using System.Text.Json;

namespace SocialBot.Bot.Ingestion;

internal sealed record ParsedMention(int Index, IncomingMention Mention);

/// <summary>Either a top-level <see cref="Error"/> (answered 400) or the valid items plus per-item rejections.</summary>
internal sealed record MentionBatch(string? Error, IReadOnlyList<ParsedMention> Valid, IReadOnlyList<RejectedMention> Rejected)
{
    public static MentionBatch Invalid(string error) => new(error, [], []);
}

/// <summary>
/// A hand-written, tolerant pass over the JSON tree: unknown fields are ignored, and every broken item is
/// reported with its index and a specific reason instead of failing the whole batch.
/// </summary>
internal static class MentionBatchParser
{
    public const int MaxIdLength = 512;
    public const int MaxTextLength = 100_000;
    private const int MaxLangLength = 35;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static MentionBatch Parse(ReadOnlyMemory<byte> body, IReadOnlyList<string> knownTenants, int maxItems, DateTimeOffset receivedAt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            return MentionBatch.Invalid($"The body is not valid JSON: {exception.Message}");
        }
        catch (ArgumentException)
        {
            return MentionBatch.Invalid("The body is not valid UTF-8 JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return Collect([root], knownTenants, receivedAt);
                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    if (count > maxItems)
                    {
                        return MentionBatch.Invalid($"At most {maxItems} mentions per request; this one has {count}. Split it into several requests.");
                    }

                    return Collect(root.EnumerateArray().ToArray(), knownTenants, receivedAt);
                default:
                    return MentionBatch.Invalid($"The body must be a mention object or an array of mentions, not {Describe(root.ValueKind)}.");
            }
        }
    }

    private static MentionBatch Collect(JsonElement[] items, IReadOnlyList<string> knownTenants, DateTimeOffset receivedAt)
    {
        var valid = new List<ParsedMention>(items.Length);
        var rejected = new List<RejectedMention>();
        for (var index = 0; index < items.Length; index++)
        {
            var errors = new List<string>();
            var mention = ReadMention(items[index], knownTenants, receivedAt, errors);
            if (mention is not null && errors.Count == 0)
            {
                valid.Add(new ParsedMention(index, mention));
            }
            else
            {
                rejected.Add(new RejectedMention(index, string.Join("; ", errors)));
            }
        }

        return new MentionBatch(null, valid, rejected);
    }

    private static IncomingMention? ReadMention(JsonElement item, IReadOnlyList<string> knownTenants, DateTimeOffset receivedAt, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"each mention must be a JSON object, not {Describe(item.ValueKind)}");
            return null;
        }

        var id = ReadId(item, errors);
        var source = ReadSource(item, errors);
        var url = ReadUrl(item, errors);
        var author = ReadAuthor(item, errors);
        var text = ReadRequiredString(item, "text", MaxTextLength, errors);
        var createdAt = ReadCreatedAt(item, errors);
        var lang = ReadOptionalString(item, "lang", MaxLangLength, errors);
        var metrics = ReadMetrics(item, errors);
        var tenant = ResolveTenant(ReadOptionalString(item, "tenantId", 128, errors), knownTenants, errors);

        if (errors.Count > 0 || id is null || source is null || author is null || text is null || createdAt is null || tenant is null)
        {
            return null;
        }

        return new IncomingMention
        {
            TenantId = tenant,
            Id = id,
            Source = source.Value,
            Url = url,
            Author = author,
            Text = text,
            CreatedAt = createdAt.Value,
            Lang = lang,
            Metrics = metrics,
            ReceivedAt = receivedAt,
        };
    }

    private static string? ReadId(JsonElement item, List<string> errors)
    {
        if (!item.TryGetProperty("id", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("id is required");
            return null;
        }

        // Some networks hand out numeric ids; keep their exact digits.
        var id = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (id is null)
        {
            errors.Add("id must be a string");
            return null;
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            errors.Add($"id must be 1 to {MaxIdLength} characters");
            return null;
        }

        return id;
    }

    private static MentionSource? ReadSource(JsonElement item, List<string> errors)
    {
        var name = ReadRequiredString(item, "source", 64, errors);
        if (name is null)
        {
            return null;
        }

        if (!MentionSources.TryParse(name, out var source))
        {
            errors.Add($"source '{name}' is not one of {MentionSources.Listed}");
            return null;
        }

        return source;
    }

    private static string? ReadUrl(JsonElement item, List<string> errors)
    {
        var url = ReadOptionalString(item, "url", 4096, errors);
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("url must be an absolute http or https URL");
            return null;
        }

        return url;
    }

    private static MentionAuthor? ReadAuthor(JsonElement item, List<string> errors)
    {
        if (!item.TryGetProperty("author", out var author) || author.ValueKind == JsonValueKind.Null)
        {
            errors.Add("author is required");
            return null;
        }

        if (author.ValueKind != JsonValueKind.Object)
        {
            errors.Add("author must be an object with handle, name and followers");
            return null;
        }

        var before = errors.Count;
        var handle = ReadOptionalString(author, "handle", 256, errors, "author.");
        var name = ReadOptionalString(author, "name", 256, errors, "author.");
        var followers = ReadCount(author, "followers", errors, "author.");
        if (errors.Count > before)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(handle) && string.IsNullOrWhiteSpace(name))
        {
            errors.Add("author needs a handle or a name");
            return null;
        }

        return new MentionAuthor(handle, name, followers);
    }

    private static DateTimeOffset? ReadCreatedAt(JsonElement item, List<string> errors)
    {
        if (!item.TryGetProperty("createdAt", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("createdAt is required");
            return null;
        }

        // Without an offset the time is taken as UTC, never as the server's local time.
        if (value.ValueKind != JsonValueKind.String ||
            !DateTimeOffset.TryParseExact(value.GetString(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            errors.Add("createdAt must be an ISO-8601 date, e.g. 2025-03-01T09:30:00Z");
            return null;
        }

        return createdAt;
    }

    private static MentionMetrics? ReadMetrics(JsonElement item, List<string> errors)
    {
        if (!item.TryGetProperty("metrics", out var metrics) || metrics.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (metrics.ValueKind != JsonValueKind.Object)
        {
            errors.Add("metrics must be an object with likes, shares and replies");
            return null;
        }

        var likes = ReadCount(metrics, "likes", errors, "metrics.");
        var shares = ReadCount(metrics, "shares", errors, "metrics.");
        var replies = ReadCount(metrics, "replies", errors, "metrics.");
        return new MentionMetrics(likes ?? 0, shares ?? 0, replies ?? 0);
    }

    private static string? ResolveTenant(string? requested, IReadOnlyList<string> knownTenants, List<string> errors)
    {
        if (requested is null)
        {
            if (knownTenants.Count == 1)
            {
                return knownTenants[0];
            }

            errors.Add(knownTenants.Count == 0
                ? "tenantId is required: this bot serves any tenant, so it cannot pick one"
                : "tenantId is required: this bot serves several tenants");
            return null;
        }

        if (requested.AsSpan().IndexOfAny('{', '}') >= 0 || string.Equals(requested, "global", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"tenantId '{requested}' is not a valid tenant id");
            return null;
        }

        if (knownTenants.Count == 0)
        {
            return requested;
        }

        // The configured spelling wins so every key of a tenant is built from the same string.
        var known = knownTenants.FirstOrDefault(tenant => string.Equals(tenant, requested, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            errors.Add($"tenantId '{requested}' is not a tenant this bot serves");
        }

        return known;
    }

    private static string? ReadRequiredString(JsonElement item, string name, int maxLength, List<string> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name} must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{name} must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{name} is longer than {maxLength} characters");
            return null;
        }

        return text;
    }

    private static string? ReadOptionalString(JsonElement item, string name, int maxLength, List<string> errors, string path = "")
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}{name} must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add($"{path}{name} is longer than {maxLength} characters");
            return null;
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static long? ReadCount(JsonElement item, string name, List<string> errors, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count))
        {
            errors.Add($"{path}{name} must be a whole number");
            return null;
        }

        if (count < 0)
        {
            errors.Add($"{path}{name} must not be negative");
            return null;
        }

        return count;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
