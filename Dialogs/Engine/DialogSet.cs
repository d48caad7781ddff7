using System.Collections.Frozen;
using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Engine;

/// <summary>
/// The dialogs the engine can run, by id. The built-in prompts (<see cref="BuiltInPrompts"/>) are always included.
/// </summary>
public sealed class DialogSet
{
    private readonly FrozenDictionary<string, Dialog> dialogs;

    /// <summary>Registers <paramref name="dialogs"/> and the built-in prompts.</summary>
    /// <param name="dialogs">The feature dialogs.</param>
    /// <exception cref="ArgumentException">Two dialogs share an id (including a built-in prompt id).</exception>
    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var byId = new Dictionary<string, Dialog>(StringComparer.Ordinal);
        foreach (var dialog in BuiltInPrompts.Create().Concat(dialogs))
        {
            if (!byId.TryAdd(dialog.Id, dialog))
            {
                throw new ArgumentException($"Dialog id '{dialog.Id}' is registered more than once.", nameof(dialogs));
            }

            dialog.Seal();
        }

        this.dialogs = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The ids of all registered dialogs.</summary>
    public IReadOnlyCollection<string> Ids => dialogs.Keys;

    /// <summary>Whether a dialog with <paramref name="dialogId"/> is registered.</summary>
    /// <param name="dialogId">The dialog id.</param>
    public bool Contains(string dialogId) => dialogs.ContainsKey(dialogId);

    internal bool TryGet(string dialogId, out Dialog dialog) => dialogs.TryGetValue(dialogId, out dialog!);

    internal Dialog Get(string dialogId) =>
        dialogs.TryGetValue(dialogId, out var dialog)
            ? dialog
            : throw new InvalidOperationException($"No dialog with id '{dialogId}' is registered.");
}
