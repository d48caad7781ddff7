using System.Text.Json;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Approvals;

/// <summary>The policy that applies to a scope, with the version it was read at (0: never stored, the configured defaults).</summary>
/// <param name="TeamId">Set when this is a team's own policy; null for the tenant default.</param>
internal sealed record ScopedPolicy(ApprovalPolicy Policy, long Version, string? TeamId)
{
    public bool IsTeamPolicy => TeamId is not null;
}

/// <summary>One line of the policy audit log (<c>{tenant}:approvals:audit</c>).</summary>
internal sealed record ApprovalPolicyAudit(DateTimeOffset At, string ActorId, string? ActorName, string Scope, string Change);

/// <summary>
/// Approval policies: the tenant default (<c>{tenant}:approvals:policy</c>; absent means the configured defaults) and a
/// team's own policy (<c>{tenant}:approvals:policy:team:&lt;digest&gt;</c>), each one document changed with compare-and-set.
/// A team without its own policy uses the tenant default, so a tenant with one team behaves exactly as before teams had
/// their own. Every change made by a person appends an audit line in the same transaction.
/// </summary>
internal sealed class ApprovalPolicyStore(IStateStore store, IOptions<ApprovalsOptions> options, TimeProvider clock)
{
    private const int MaxAttempts = 20;
    private const int AuditKept = 1000;

    public ApprovalPolicy Default
    {
        get
        {
            var o = options.Value;
            var approvers = o.Approvers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => new DraftPerson(a.Trim(), null, null)).ToList();
            return new ApprovalPolicy(
                [new ApprovalStage("Approval", approvers, o.ParsedMode, TimeSpan.FromHours(o.SlaHours), TimeSpan.FromMinutes(o.UrgentSlaMinutes))],
                ConfiguredAdmins,
                Channel: null,
                AllowSelfApproval: false);
        }
    }

    private List<string> ConfiguredAdmins => options.Value.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();

    /// <summary>The tenant default policy.</summary>
    public async Task<ApprovalPolicy> GetAsync(string tenantId, CancellationToken ct) => (await ResolveAsync(PolicyScope.Default(tenantId), ct)).Policy;

    /// <summary>The policy that applies to <paramref name="scope"/>.</summary>
    public async Task<ApprovalPolicy> GetAsync(PolicyScope scope, CancellationToken ct) => (await ResolveAsync(scope, ct)).Policy;

    public async Task<ScopedPolicy> ResolveAsync(PolicyScope scope, CancellationToken ct)
    {
        if (scope.TeamId is { } team)
        {
            var own = await store.GetAsync(TeamKey(scope.TenantId, team), ApprovalsJsonContext.Default.ApprovalPolicy, ct);
            if (own is not null)
            {
                return new(WithConfiguredAdmins(own.Value), own.Version, team);
            }
        }

        var tenant = await store.GetAsync(DefaultKey(scope.TenantId), ApprovalsJsonContext.Default.ApprovalPolicy, ct);
        return new(WithConfiguredAdmins(tenant?.Value ?? Default), tenant?.Version ?? 0, null);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the policy that applies to <paramref name="scope"/> with compare-and-set, retrying
    /// on conflicts; null from it means "no change". With an <paramref name="actor"/> the change is audited.
    /// </summary>
    public async Task<ApprovalPolicy> UpdateAsync(PolicyScope scope, Func<ApprovalPolicy, ApprovalPolicy?> change, CancellationToken ct, DraftPerson? actor = null, string? audit = null)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await ResolveAsync(scope, ct);
            var next = change(current.Policy);
            if (next is null)
            {
                return current.Policy;
            }

            if (await TryWriteAsync(scope.TenantId, current, next, actor, audit, ct) is { } written)
            {
                return written;
            }
        }

        throw new StoreUnavailableException("The approval policy kept changing under us; try again.");
    }

    /// <summary>Writes <paramref name="next"/> only if the policy is still the one in <paramref name="expected"/>; null on a conflict.</summary>
    public async Task<ApprovalPolicy?> TryWriteAsync(string tenantId, ScopedPolicy expected, ApprovalPolicy next, DraftPerson? actor, string? audit, CancellationToken ct)
    {
        var key = expected.TeamId is { } team ? TeamKey(tenantId, team) : DefaultKey(tenantId);
        if (actor is not null)
        {
            next = next with { UpdatedBy = actor, UpdatedAt = clock.GetUtcNow() };
        }

        var transaction = new StoreTransaction();
        transaction = expected.Version == 0 ? transaction.RequireAbsent(key) : transaction.RequireVersion(key, expected.Version);
        transaction.PutDocument(key, JsonSerializer.SerializeToUtf8Bytes(next, ApprovalsJsonContext.Default.ApprovalPolicy));
        AddAudit(transaction, tenantId, expected.TeamId, actor, audit);
        if (!await store.CommitAsync(transaction, ct))
        {
            return null;
        }

        await TrimAuditAsync(tenantId, actor, audit, ct);
        return next;
    }

    /// <summary>Gives the team its own policy, a copy of the tenant default; null when it already has one.</summary>
    public async Task<ApprovalPolicy?> CreateTeamPolicyAsync(PolicyScope scope, ApprovalPolicy initial, DraftPerson actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope.TeamId);
        var key = TeamKey(scope.TenantId, scope.TeamId);
        var policy = initial with { UpdatedBy = actor, UpdatedAt = clock.GetUtcNow() };
        var transaction = new StoreTransaction().RequireAbsent(key);
        transaction.PutDocument(key, JsonSerializer.SerializeToUtf8Bytes(policy, ApprovalsJsonContext.Default.ApprovalPolicy));
        const string change = "gave the team its own approval settings (copied from the tenant default)";
        AddAudit(transaction, scope.TenantId, scope.TeamId, actor, change);
        if (!await store.CommitAsync(transaction, ct))
        {
            return null;
        }

        await TrimAuditAsync(scope.TenantId, actor, change, ct);
        return policy;
    }

    /// <summary>Removes the team's own policy (the team uses the tenant default again) if it is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> RemoveTeamPolicyAsync(PolicyScope scope, long expectedVersion, DraftPerson actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope.TeamId);
        if (expectedVersion < 1)
        {
            return false;
        }

        var key = TeamKey(scope.TenantId, scope.TeamId);
        var transaction = new StoreTransaction().RequireVersion(key, expectedVersion).Delete(key);
        const string change = "removed the team's own approval settings (the tenant default applies again)";
        AddAudit(transaction, scope.TenantId, scope.TeamId, actor, change);
        if (!await store.CommitAsync(transaction, ct))
        {
            return false;
        }

        await TrimAuditAsync(scope.TenantId, actor, change, ct);
        return true;
    }

    /// <summary>The newest audit lines, newest last.</summary>
    public async Task<IReadOnlyList<ApprovalPolicyAudit>> ReadAuditAsync(string tenantId, int take, CancellationToken ct)
    {
        var lines = await store.ListRangeAsync(AuditKey(tenantId), -take, -1, ct);
        return lines.Select(l => JsonSerializer.Deserialize(l, ApprovalsJsonContext.Default.ApprovalPolicyAudit)).OfType<ApprovalPolicyAudit>().ToList();
    }

    private void AddAudit(StoreTransaction transaction, string tenantId, string? teamId, DraftPerson? actor, string? change)
    {
        if (actor is null || change is null)
        {
            return;
        }

        var entry = new ApprovalPolicyAudit(clock.GetUtcNow(), actor.Id, actor.Name, teamId is null ? "default" : "team:" + teamId, change);
        transaction.ListAppend(AuditKey(tenantId), JsonSerializer.Serialize(entry, ApprovalsJsonContext.Default.ApprovalPolicyAudit));
    }

    private async Task TrimAuditAsync(string tenantId, DraftPerson? actor, string? change, CancellationToken ct)
    {
        if (actor is not null && change is not null && await store.ListLengthAsync(AuditKey(tenantId), ct) > AuditKept * 2)
        {
            await store.ListTrimAsync(AuditKey(tenantId), -AuditKept, -1, ct);
        }
    }

    private ApprovalPolicy WithConfiguredAdmins(ApprovalPolicy policy)
    {
        var configured = ConfiguredAdmins;
        return configured.All(policy.Admins.Contains) ? policy : policy with { Admins = policy.Admins.Union(configured, StringComparer.Ordinal).ToList() };
    }

    private static StoreKey DefaultKey(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "approvals", "policy");

    private static StoreKey TeamKey(string tenantId, string teamId) =>
        StoreKey.For(StoreKey.TenantOrDefault(tenantId), "approvals", "policy", "team", StoreKey.Digest(teamId));

    private static StoreKey AuditKey(string tenantId) => StoreKey.For(StoreKey.TenantOrDefault(tenantId), "approvals", "audit");
}
