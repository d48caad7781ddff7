namespace SocialBot.Bot.Features.Drafts;

/// <summary>
/// Told after a draft moved to <see cref="DraftStatus.Submitted"/> (first submission or resubmission).
/// Approvals implements it to post approval cards; Drafts does not know who approves.
/// </summary>
internal interface IDraftSubmissionListener
{
    Task OnSubmittedAsync(Draft draft, DraftPerson submittedBy, CancellationToken ct);
}
