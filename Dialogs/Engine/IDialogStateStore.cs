namespace SocialBot.Dialogs.Engine;

/// <summary>A persisted dialog stack and the version it was stored with.</summary>
/// <param name="Json">The stack JSON written by the engine; stores keep it opaque.</param>
/// <param name="Version">The store-assigned version, used for compare-and-set on the next write.</param>
public sealed record StoredDialogStack(string Json, long Version);

/// <summary>
/// The persistence port of the dialog engine. Implementations must make <see cref="SaveAsync"/> and
/// <see cref="DeleteAsync"/> atomic compare-and-set operations and honour the time to live.
/// </summary>
public interface IDialogStateStore
{
    /// <summary>Loads the stack of <paramref name="scope"/>, or <see langword="null"/> when there is none or it expired.</summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<StoredDialogStack?> LoadAsync(DialogScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="json"/> if the stored version still equals <paramref name="expectedVersion"/>
    /// (<see langword="null"/>: only if nothing is stored). A successful write assigns a new, higher version and
    /// resets the expiry to <paramref name="timeToLive"/> from now.
    /// </summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="json">The stack JSON.</param>
    /// <param name="expectedVersion">The version read by <see cref="LoadAsync"/>, or <see langword="null"/> to create.</param>
    /// <param name="timeToLive">How long the stack lives without another write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> on a version conflict; nothing was written.</returns>
    Task<bool> SaveAsync(DialogScope scope, string json, long? expectedVersion, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the stack of <paramref name="scope"/> if the stored version equals <paramref name="expectedVersion"/>,
    /// or unconditionally when <paramref name="expectedVersion"/> is <see langword="null"/>.
    /// </summary>
    /// <param name="scope">The dialog scope.</param>
    /// <param name="expectedVersion">The version read by <see cref="LoadAsync"/>, or <see langword="null"/> to delete whatever is stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see langword="false"/> on a version conflict (a different version is stored, or none when one was expected);
    /// an unconditional delete always returns <see langword="true"/>.
    /// </returns>
    Task<bool> DeleteAsync(DialogScope scope, long? expectedVersion, CancellationToken cancellationToken);
}
