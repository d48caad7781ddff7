using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// Writes and reads a stack as <c>{"v":1,"frames":[{"dialog":"id","step":n,"state":{…},"formToken":"…"}]}</c>,
/// bottom frame first. Each state is written with its own dialog's source-generated type info, so the dialog id is the
/// stable discriminator of the state type.
/// </summary>
internal sealed class DialogStackSerializer(DialogSet dialogs)
{
    private const int FormatVersion = 1;

    public string Write(IReadOnlyList<DialogFrame> stack)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteStartArray("frames");
            foreach (var frame in stack)
            {
                writer.WriteStartObject();
                writer.WriteString("dialog", frame.DialogId);
                writer.WriteNumber("step", frame.Step);
                writer.WritePropertyName("state");
                dialogs.Get(frame.DialogId).WriteState(writer, frame.State);
                if (frame.FormToken is not null)
                {
                    writer.WriteString("formToken", frame.FormToken);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="UnreadableDialogStackException">The JSON is malformed, of another format version or names an unknown dialog.</exception>
    public List<DialogFrame> Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("v", out var version) || version.GetInt32() != FormatVersion)
            {
                throw new UnreadableDialogStackException("The stack has an unknown format version.");
            }

            var stack = new List<DialogFrame>();
            foreach (var element in root.GetProperty("frames").EnumerateArray())
            {
                var dialogId = element.GetProperty("dialog").GetString() ?? string.Empty;
                if (!dialogs.TryGet(dialogId, out var dialog))
                {
                    throw new UnreadableDialogStackException($"The stack names dialog '{dialogId}', which is not registered.");
                }

                stack.Add(new DialogFrame(dialogId, dialog.ReadState(element.GetProperty("state")))
                {
                    Step = element.GetProperty("step").GetInt32(),
                    FormToken = element.TryGetProperty("formToken", out var token) ? token.GetString() : null,
                });
            }

            return stack;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or NotSupportedException)
        {
            throw new UnreadableDialogStackException("The stack JSON could not be read.", exception);
        }
    }
}

internal sealed class UnreadableDialogStackException : Exception
{
    public UnreadableDialogStackException()
    {
    }

    public UnreadableDialogStackException(string message)
        : base(message)
    {
    }

    public UnreadableDialogStackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
