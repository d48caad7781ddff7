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

    /// <summary>Re-approves every frozen post of the tenant: Scheduled again when its publish time is ahead, else Approved.</summary>
    /// <returns>How many posts were released.</returns>
    Task<int> UnfreezeAsync(string tenantId, DraftPerson actor, CancellationToken ct);

    /// <summary>Only admins and approvers may freeze or release posts.</summary>
    Task<bool> MayFreezeAsync(string tenantId, DraftPerson person, CancellationToken ct);
}
