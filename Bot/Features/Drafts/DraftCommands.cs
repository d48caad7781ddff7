using Microsoft.Extensions.Options;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

/// <summary><c>new post [text]</c> (aliases <c>draft</c>, <c>post</c>): the draft form, prefilled.</summary>
internal sealed class NewPostCommand(DraftPresenter presenter, DraftTurns turns) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("new post", "new post [text]", "Write a post idea for the social team.", ["draft", "post"]);

    public Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
        turn.SendCardAsync(DraftFormCard.Build(presenter.Form("New post", new DraftFormFields { Text = match.Arguments.Trim() }, turns.ZoneOf(turn), null, null)), ct);
}

/// <summary><c>my drafts</c>: the author's drafts, newest first.</summary>
/// <summary>One page of the viewer's drafts, newest first.</summary>
internal sealed class MyDraftsPages(IDraftStore store, DraftPresenter presenter)
{
    public const int PageSize = 10;
    public const int LastPage = 999;

    public async Task<AdaptiveCard> PageAsync(TurnContext turn, int page, CancellationToken ct)
    {
        var drafts = await store.ListByAuthorAsync(turn.TenantId, turn.User.Id, page * PageSize, PageSize, ct).ConfigureAwait(false);
        var total = await store.CountByAuthorAsync(turn.TenantId, turn.User.Id, ct).ConfigureAwait(false);
        return DraftSummaryCards.MyDrafts([.. drafts.Select(d => presenter.Line(d, viewerIsAuthor: true))], Math.Max(0, total - (page * PageSize) - drafts.Count), page);
    }
}

internal sealed class MyDraftsCommand(MyDraftsPages pages) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("my drafts", "my drafts", "Your drafts with their status.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct) =>
        await turn.SendCardAsync(await pages.PageAsync(turn, 0, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
}

/// <summary><c>drafts.page</c>: Older / Newer on "my drafts"; the card turns to that page for the person who pressed.</summary>
internal sealed class MyDraftsPageButton(MyDraftsPages pages) : ICardActionHandler
{
    public string Verb => DraftSummaryCards.PageVerb;

    public async Task<CardActionResult> ExecuteAsync(TurnContext turn, CardActionRequest request, CancellationToken ct)
    {
        var page = int.TryParse(request.GetString("page"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) ? Math.Min(asked, MyDraftsPages.LastPage) : 0;
        return CardActionResult.WithCard(await pages.PageAsync(turn, page, ct).ConfigureAwait(false));
    }
}

/// <summary><c>history P-42</c>: the timeline of a draft, for its author, admins and approvers.</summary>
internal sealed class HistoryCommand(IDraftStore store, DraftPresenter presenter, IDraftAccessPolicy access) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new("history", "history <draft id>", "Everything that happened to a draft.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        if (!DraftId.TryParse(match.Arguments, out var id))
        {
            await turn.SendTextAsync(string.IsNullOrWhiteSpace(match.Arguments)
                ? "Which draft? For example: **history P-42** (the id is on every draft card and in **my drafts**)."
                : $"“{Shorten(match.Arguments)}” is not a draft id. Draft ids look like **P-42**; **my drafts** lists yours.", ct).ConfigureAwait(false);
            return;
        }

        var draft = await store.GetAsync(turn.TenantId, id, ct).ConfigureAwait(false);
        if (draft is null || !await access.CanViewAsync(draft, turn.User.Id, ct).ConfigureAwait(false))
        {
            // The same answer for "missing" and "not yours", so ids can't be probed.
            await turn.SendTextAsync($"I can't find {id} among the drafts you can see. **my drafts** lists yours.", ct).ConfigureAwait(false);
            return;
        }

        var events = await store.GetHistoryAsync(turn.TenantId, id, ct).ConfigureAwait(false);
        await turn.SendCardAsync(DraftSummaryCards.History(
            presenter.Line(draft, string.Equals(draft.Author.Id, turn.User.Id, StringComparison.Ordinal)),
            [.. events.Select(e => new DraftTimelineLine(Describe(e), presenter.Ago(e.At), e.Detail))]), ct).ConfigureAwait(false);
    }

    private static string Describe(DraftHistoryEntry entry)
    {
        var who = entry.Actor?.Name ?? "someone";
        var what = entry.Kind switch
        {
            "created" => "Created",
            "edited" => $"Edited (version {entry.ContentVersion})",
            "submitted" => "Submitted for approval",
            "changes-requested" => "Changes requested",
            "markpublished" or "published" => "Published",
            _ => char.ToUpperInvariant(entry.Kind[0]) + entry.Kind[1..].Replace('-', ' '),
        };
        return $"{what} by {who}";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..40].Trim() + "…";
}

/// <summary>Who may read a draft's history. Approvals may register a wider policy.</summary>
internal interface IDraftAccessPolicy
{
    Task<bool> CanViewAsync(Draft draft, string userId, CancellationToken ct);
}

/// <summary>The author and the configured admins (<c>SocialBot:Admins</c>).</summary>
internal sealed class AuthorOrAdminAccessPolicy(IOptions<DraftsOptions> options) : IDraftAccessPolicy
{
    public Task<bool> CanViewAsync(Draft draft, string userId, CancellationToken ct) =>
        Task.FromResult(string.Equals(draft.Author.Id, userId, StringComparison.Ordinal) || options.Value.Admins.Contains(userId, StringComparer.OrdinalIgnoreCase));
}
