using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Features.Drafts;

internal static class DraftsServiceCollectionExtensions
{
    /// <summary>The Drafts slice: store, form, commands, buttons and the message action. Needs <c>AddStateStore</c>.</summary>
    public static IServiceCollection AddDrafts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DraftsOptions>()
            .Bind(configuration.GetSection(DraftsOptions.Section))
            .Configure(options => options.Admins = ReadList(configuration.GetSection("SocialBot:Admins")))
            .Validate(o => o.InstagramHashtagCap is > 0 and <= 30, "Drafts:InstagramHashtagCap must be between 1 and 30.")
            .Validate(o => o.MastodonCharacterLimit > 0, "Drafts:MastodonCharacterLimit must be positive.")
            .ValidateOnStart();
        services.AddOptions<DraftsZoneOptions>().Bind(configuration.GetSection("Digest"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IDraftStore, DraftStore>();
        services.AddSingleton<DraftPresenter>();
        services.AddSingleton<DraftTurns>();
        services.AddSingleton<DraftWorkflow>();
        services.TryAddSingleton<IDraftAccessPolicy, AuthorOrAdminAccessPolicy>();

        services.AddSingleton<ICommand, NewPostCommand>();
        services.AddSingleton<MyDraftsPages>();
        services.AddSingleton<ICommand, MyDraftsCommand>();
        services.AddSingleton<ICommand, HistoryCommand>();
        foreach (var (verb, action) in DraftFormButton.All)
        {
            services.AddSingleton<ICardActionHandler>(sp => new DraftFormButton(verb, action, sp.GetRequiredService<DraftWorkflow>(), sp.GetRequiredService<DraftTurns>()));
        }

        services.AddSingleton<ICardActionHandler, NewDraftButton>();
        services.AddSingleton<ICardActionHandler, EditDraftButton>();
        services.AddSingleton<ICardActionHandler, MyDraftsPageButton>();
        services.AddSingleton<IInvokeHandler, SuggestAsPostFetch>();
        services.AddSingleton<IInvokeHandler, SuggestAsPostSubmit>();
        return services;
    }

    /// <summary>A list setting given as <c>a,b</c> or as <c>Key:0</c>, <c>Key:1</c>.</summary>
    public static List<string> ReadList(IConfigurationSection section) =>
        section.Value is { Length: > 0 } joined
            ? [.. joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
}
