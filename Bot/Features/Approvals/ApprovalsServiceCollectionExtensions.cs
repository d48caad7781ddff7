using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.Approvals;

namespace SocialBot.Bot.Features.Approvals;

internal static class ApprovalsServiceCollectionExtensions
{
    /// <summary>Approval policies (per team or tenant default), requests, card actions, commands, settings, the durable follow-up worker, the freezer and the digest sources.</summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ApprovalsOptions>()
            .Bind(configuration.GetSection(ApprovalsOptions.Section))
            .PostConfigure(o =>
            {
                o.Approvers = SplitList(configuration.GetSection("Approvals:Approvers"));
                o.Admins = SplitList(configuration.GetSection("SocialBot:Admins"));
            })
            .Validate(
                o => string.IsNullOrWhiteSpace(o.WebhookUrl) || !string.IsNullOrWhiteSpace(configuration["Ingestion:Secret"]),
                "Approvals:WebhookUrl needs Ingestion:Secret to sign the requests.")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ApprovalPolicyStore>();
        services.AddSingleton<ApprovalFollowUpQueue>();
        services.AddSingleton<ApprovalRequestStore>();
        services.AddHttpClient(ApprovalWebhook.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ApprovalWebhook>();
        services.AddSingleton<ApprovalFanout>();
        services.AddSingleton<ApprovalFollowUpWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ApprovalFollowUpWorker>());
        services.AddSingleton<DeferredDraftStore>();
        services.AddSingleton<ApprovalReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<ApprovalReminders>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ApprovalWorkflow>(sp, sp.GetRequiredService<DeferredDraftStore>()));
        services.AddSingleton<IDraftSubmissionListener>(sp => sp.GetRequiredService<ApprovalWorkflow>());
        services.AddSingleton<IScheduledPostFreezer>(sp => ActivatorUtilities.CreateInstance<ScheduledPostFreezer>(sp, sp.GetRequiredService<DeferredDraftStore>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ApprovalDigestSources>(sp, sp.GetRequiredService<DeferredDraftStore>()));
        services.AddSingleton<IDigestApprovalsSource>(sp => sp.GetRequiredService<ApprovalDigestSources>());
        services.AddSingleton<IDigestPublishingSource>(sp => sp.GetRequiredService<ApprovalDigestSources>());

        services.AddSingleton<ICommand, ApprovalsHereCommand>();
        services.AddSingleton<ICommand, ApproversCommand>();
        services.AddSingleton<ICommand, SettingsCommand>();
        services.AddSingleton<ICardActionHandler, SettingsSaveAction>();
        services.AddSingleton<ICardActionHandler, SettingsSeparateAction>();
        services.AddSingleton<ICardActionHandler, SettingsInheritAction>();
        services.AddSingleton<ICommand>(sp => ActivatorUtilities.CreateInstance<PendingCommand>(sp, sp.GetRequiredService<DeferredDraftStore>()));
        services.AddSingleton<ICardActionHandler, ApprovalRefreshAction>();
        AddPress(services, ApprovalCard.ApproveVerb, ApprovalAction.Approve);
        AddPress(services, ApprovalCard.RequestChangesVerb, ApprovalAction.RequestChanges);
        AddPress(services, ApprovalCard.RejectVerb, ApprovalAction.Reject);
        AddPress(services, ApprovalCard.WithdrawVerb, ApprovalAction.Withdraw);
        AddPress(services, ApprovalCard.MarkPublishedVerb, ApprovalAction.MarkPublished);
        return services;
    }

    private static void AddPress(IServiceCollection services, string verb, ApprovalAction action) =>
        services.AddSingleton<ICardActionHandler>(sp => new ApprovalPressAction(sp.GetRequiredService<ApprovalWorkflow>(), verb, action));

    /// <summary>A comma-separated value or the indexed form (<c>Key:0</c>, <c>Key:1</c>).</summary>
    private static List<string> SplitList(IConfigurationSection section)
    {
        var values = section.Value is { Length: > 0 } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }
}
