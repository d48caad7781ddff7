using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>One policy document per tenant (<c>{tenant}:approvals:policy</c>); absent means the configured defaults.</summary>
internal sealed class ApprovalPolicyStore(IStateStore store, IOptions<ApprovalsOptions> options)
{
    private const int MaxAttempts = 20;

    public ApprovalPolicy Default
    {
        get
        {
            var o = options.Value;
            var approvers = o.Approvers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => new DraftPerson(a.Trim(), null, null)).ToList();
            return new ApprovalPolicy(
                [new ApprovalStage("Approval", approvers, o.ParsedMode, TimeSpan.FromHours(o.SlaHours), TimeSpan.FromMinutes(o.UrgentSlaMinutes))],
                o.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList(),
                Channel: null,
                AllowSelfApproval: false);
        }
    }

    public async Task<ApprovalPolicy> GetAsync(string tenantId, CancellationToken ct) =>
        (await store.GetAsync(Key(tenantId), ApprovalsJsonContext.Default.ApprovalPolicy, ct))?.Value ?? Default;

    /// <summary>Applies <paramref name="change"/> with compare-and-set, retrying on conflicts; null from it means "no change".</summary>
    public async Task<ApprovalPolicy> UpdateAsync(string tenantId, Func<ApprovalPolicy, ApprovalPolicy?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetAsync(Key(tenantId), ApprovalsJsonContext.Default.ApprovalPolicy, ct);
            var policy = current?.Value ?? Default;
            var next = change(policy);
            if (next is null)
            {
                return policy;
            }

            var condition = current is null ? PutCondition.IfAbsent : PutCondition.IfVersion(current.Version);
            var result = await store.PutAsync(Key(tenantId), next, ApprovalsJsonContext.Default.ApprovalPolicy, condition, cancellationToken: ct);
            if (result.Succeeded)
            {
                return next;
            }
        }

        throw new StoreUnavailableException("The approval policy kept changing under us; try again.");
    }

    private static StoreKey Key(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "approvals", "policy");
}
