using System.Buffers.Text;
using System.Security.Cryptography;

namespace SocialBot.Dialogs.Engine;

/// <summary>The state of one attempt at a turn: its input and the replies produced so far.</summary>
internal sealed class DialogTurn(DialogInput? input, DialogOptions options)
{
    private readonly List<DialogReply> replies = [];

    public DialogInput? Input { get; } = input;

    public DialogOptions Options { get; } = options;

    public IReadOnlyList<DialogReply> Replies => replies;

    public void Reply(DialogReply reply) => replies.Add(reply);

    public static string MintFormToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
