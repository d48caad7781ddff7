using System.Globalization;
using System.Text.Json.Nodes;
using Humanizer;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Features.Drafts.Rules;
using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

/// <summary>Turns drafts and rule reports into the texts of the draft cards.</summary>
internal sealed class DraftPresenter(IOptions<DraftsOptions> options, TimeProvider clock)
{
    private static readonly IReadOnlyList<Choice> NetworkChoices = [.. SocialNetworkNames.All.Select(n => new Choice(n.DisplayName(), n.WireName()))];

    public PostRulesSettings RuleSettings => new()
    {
        BannedWords = options.Value.BannedWords,
        InstagramHashtagCap = options.Value.InstagramHashtagCap,
        MastodonCharacterLimit = options.Value.MastodonCharacterLimit,
    };

    public PostRulesReport Check(DraftContent content) => PostRules.Check(content.ToPostContent(), RuleSettings, clock.GetUtcNow());

    public DraftFormModel Form(string title, DraftFormFields fields, TimeZoneInfo zone, string? draftId, int? version, IReadOnlyDictionary<string, string>? fieldErrors = null, PostRulesReport? report = null, string? notice = null, bool inDialog = false, DraftOrigin? origin = null)
    {
        var data = new JsonObject();
        if (origin?.SourceMessageUrl is { } source)
        {
            data[DraftForm.SourceUrlField] = source;
        }

        if (origin?.ReplyToUrl is { } replyTo)
        {
            data[DraftForm.ReplyToUrlField] = replyTo;
        }

        if (draftId is not null)
        {
            data[DraftForm.DraftIdField] = draftId;
            data[DraftForm.VersionField] = (version ?? 1).ToString(CultureInfo.InvariantCulture);
        }

        return new DraftFormModel(
            title,
            fields,
            NetworkChoices,
            zone.Id,
            fieldErrors ?? new Dictionary<string, string>(),
            report is null ? [] : [.. report.Counts.Select(c => c.Display)],
            report is null ? [] : [.. report.Errors.Select(f => f.Message)],
            report is null ? [] : [.. report.Warnings.Select(f => f.Message)],
            notice,
            data,
            inDialog);
    }

    public DraftLine Line(Draft draft, bool viewerIsAuthor)
    {
        var now = clock.GetUtcNow();
        var report = Check(draft.Content);
        return new DraftLine(
            draft.Id,
            StatusText(draft.Status),
            Excerpt(draft.Content.Text),
            "created " + draft.CreatedAt.Humanize(now),
            draft.Content.PublishAt is { } at ? "publishes " + PublishTime.Describe(at, draft.Content.TimeZone, now) : null,
            [.. report.Counts.Select(c => c.Display)],
            viewerIsAuthor && draft.Status is DraftStatus.Draft or DraftStatus.ChangesRequested or DraftStatus.Submitted);
    }

    public string Ago(DateTimeOffset at) => at.Humanize(clock.GetUtcNow());

    public static string StatusText(DraftStatus status) => status switch
    {
        DraftStatus.Draft => "Draft",
        DraftStatus.Submitted => "Waiting for approval",
        DraftStatus.ChangesRequested => "Changes requested",
        DraftStatus.Approved => "Approved",
        DraftStatus.Scheduled => "Scheduled",
        DraftStatus.Rejected => "Rejected",
        DraftStatus.Withdrawn => "Withdrawn",
        DraftStatus.Expired => "Expired",
        DraftStatus.Published => "Published",
        DraftStatus.Frozen => "Frozen",
        _ => status.ToString(),
    };

    public static string Excerpt(string text, int length = 280) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
