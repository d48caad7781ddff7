using SocialBot.Bot.Features.Drafts;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>
/// "Freeze scheduled posts" from a mention spike: every Approved or Scheduled draft of the tenant becomes
/// <see cref="DraftStatus.Frozen"/> until someone re-approves it.
/// </summary>
internal interface IScheduledPostFreezer
{
    /// <returns>How many posts were frozen.</returns>
    Task<int> FreezeAsync(string tenantId, DraftPerson actor, string reason, CancellationToken ct);
}
