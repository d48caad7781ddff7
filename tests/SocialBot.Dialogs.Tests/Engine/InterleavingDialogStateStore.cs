using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

/// <summary>
/// Wraps a store and, once, runs another piece of work between a turn's load and its save, the way a second bot
/// instance handling a quick second message would.
/// </summary>
internal sealed class InterleavingDialogStateStore(IDialogStateStore inner) : IDialogStateStore
{
    private Func<Task>? beforeNextWrite;

    public int RejectedWrites { get; private set; }

    public void InterleaveBeforeNextWrite(Func<Task> work) => beforeNextWrite = work;

    public Task<StoredDialogStack?> LoadAsync(DialogScope scope, CancellationToken cancellationToken) =>
        inner.LoadAsync(scope, cancellationToken);

    public async Task<bool> SaveAsync(DialogScope scope, string json, long? expectedVersion, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await RunInterleavedWorkAsync().ConfigureAwait(false);
        return Count(await inner.SaveAsync(scope, json, expectedVersion, timeToLive, cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool> DeleteAsync(DialogScope scope, long? expectedVersion, CancellationToken cancellationToken)
    {
        await RunInterleavedWorkAsync().ConfigureAwait(false);
        return Count(await inner.DeleteAsync(scope, expectedVersion, cancellationToken).ConfigureAwait(false));
    }

    private async Task RunInterleavedWorkAsync()
    {
        var work = beforeNextWrite;
        beforeNextWrite = null;
        if (work is not null)
        {
            await work().ConfigureAwait(false);
        }
    }

    private bool Count(bool written)
    {
        if (!written)
        {
            RejectedWrites++;
        }

        return written;
    }
}
