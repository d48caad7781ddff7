using System.ComponentModel.DataAnnotations;

namespace SocialBot.Dialogs.Engine;

/// <summary>Settings of the dialog engine, bound from the <c>Dialogs</c> configuration section.</summary>
public sealed class DialogOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Dialogs";

    /// <summary>How long an untouched dialog stack lives in the store. Default 24 hours.</summary>
    public TimeSpan StateTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How many times a prompt re-asks after invalid input before the whole stack is cancelled. Default 3:
    /// the fourth invalid answer cancels.
    /// </summary>
    [Range(0, 20)]
    public int MaxReprompts { get; set; } = 3;

    /// <summary>How many times a turn is re-run on fresh state after a version conflict. Default 3.</summary>
    [Range(0, 20)]
    public int MaxConcurrencyRetries { get; set; } = 3;
}
