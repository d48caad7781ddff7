using System.Buffers;
using System.Text.Json;
using SocialBot.Bot.Protocol.Schema;

namespace SocialBot.Bot.Protocol.Hosting;

/// <summary>Reads a request body with a hard size cap and parses it into an <see cref="Activity"/>.</summary>
internal static class ActivityBodyReader
{
    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return BodyReadResult.TooLarge;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes, (int?)request.ContentLength ?? 16 * 1024) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(8 * 1024);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return BodyReadResult.TooLarge;
            }
        }

        return Parse(buffer.WrittenMemory);
    }

    public static BodyReadResult Parse(ReadOnlyMemory<byte> body)
    {
        Activity? activity;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return BodyReadResult.Invalid("The body must be a JSON object (an activity).");
            }

            activity = document.RootElement.Deserialize(ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException ex)
        {
            return BodyReadResult.Invalid($"The body is not a valid activity: {ex.Message}");
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 surfaces as ArgumentException from the reader.
            return BodyReadResult.Invalid("The body is not valid UTF-8 JSON.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return BodyReadResult.Invalid("The activity has no 'type'.");
        }

        // A2251: a callerId on the wire is never trusted; the bot sets it after authentication.
        return BodyReadResult.Ok(activity);
    }
}

internal sealed record BodyReadResult(Activity? Activity, int ErrorStatus, string? Error)
{
    public static readonly BodyReadResult TooLarge = new(null, StatusCodes.Status413PayloadTooLarge, "The body is larger than this endpoint accepts.");

    public static BodyReadResult Ok(Activity activity) => new(activity, 0, null);

    public static BodyReadResult Invalid(string error) => new(null, StatusCodes.Status400BadRequest, error);
}
