using SocialBot.Cards.AdaptiveCards;
using SocialBot.Cards.Drafts;

namespace SocialBot.Bot.Features.Drafts;

internal enum DraftFormAction
{
    Check,
    Save,
    Submit,
}

/// <summary>The card to show next; <see cref="Completed"/> when the draft was saved or submitted.</summary>
internal sealed record DraftFormResult(AdaptiveCard Card, bool Completed, string Message);

/// <summary>
/// What the three form buttons do, wherever the form is (chat or message action dialog): check the rules, save a
/// version, submit for approval. Errors come back on the same form with the typed values kept.
/// </summary>
internal sealed partial class DraftWorkflow(
    IDraftStore store,
    DraftPresenter presenter,
    IEnumerable<IDraftSubmissionListener> listeners,
    TimeProvider clock,
    ILogger<DraftWorkflow> logger)
{
    private static readonly HashSet<DraftStatus> Editable = [DraftStatus.Draft, DraftStatus.ChangesRequested, DraftStatus.Submitted];
    private static readonly HashSet<DraftStatus> Submittable = [DraftStatus.Draft, DraftStatus.ChangesRequested];

    public async Task<DraftFormResult> HandleAsync(DraftFormAction action, string tenantId, DraftPerson actor, DraftFormInput input, TimeZoneInfo zone, DraftOrigin origin, bool inDialog, CancellationToken ct)
    {
        var title = input.DraftId is { } id ? $"Edit {id}" : "New post";
        DraftFormResult Again(string notice, IReadOnlyDictionary<string, string>? errors = null, Rules.PostRulesReport? report = null, int? version = null) => new(
            DraftFormCard.Build(presenter.Form(title, input.Fields, zone, input.DraftId, version ?? input.ContentVersion, errors, report, notice, inDialog, origin)),
            false,
            notice);

        if (input.Content is not { } content)
        {
            return Again("A few fields need a look — see the notes below them.", input.FieldErrors);
        }

        var report = presenter.Check(content);
        if (action == DraftFormAction.Check)
        {
            return Again(report.CanSubmit ? "Looks good — ready to submit." : "Not ready to submit yet — see below.", report: report);
        }

        if (action == DraftFormAction.Submit && !report.CanSubmit)
        {
            return Again("Fix the errors below, then submit again.", report: report);
        }

        Draft draft;
        if (input.DraftId is { } draftId)
        {
            var current = await store.GetAsync(tenantId, draftId, ct).ConfigureAwait(false);
            if (current is null)
            {
                return Again($"I can't find {draftId} any more. Remove the id by starting a **new post**.");
            }

            if (!string.Equals(current.Author.Id, actor.Id, StringComparison.Ordinal))
            {
                return Again($"Only {current.Author.Name ?? "the author"} can edit {draftId}.");
            }

            var written = await store.UpdateContentAsync(tenantId, draftId, actor, content, input.ContentVersion ?? current.ContentVersion, Editable, ct).ConfigureAwait(false);
            switch (written.Outcome)
            {
                case DraftWriteOutcome.VersionConflict:
                    return Again($"{draftId} changed since you opened this form (it is now version {written.Draft!.ContentVersion}). Your text is kept here — press the button again to save it over the newer version.", version: written.Draft.ContentVersion);
                case DraftWriteOutcome.StatusNotAllowed:
                    return Again($"{draftId} is {DraftPresenter.StatusText(written.Draft!.Status).ToLowerInvariant()} and can't be edited any more.");
                case DraftWriteOutcome.NotFound:
                    return Again($"I can't find {draftId} any more.");
            }

            draft = written.Draft!;
        }
        else
        {
            draft = await store.CreateAsync(tenantId, actor, content, origin, ct).ConfigureAwait(false);
        }

        if (action == DraftFormAction.Submit)
        {
            if (draft.Status != DraftStatus.Submitted)
            {
                var moved = await store.TryTransitionAsync(tenantId, draft.Id, Submittable, DraftStatus.Submitted, new DraftHistoryEntry(clock.GetUtcNow(), "submitted", actor, draft.ContentVersion), ct).ConfigureAwait(false);
                if (!moved.Succeeded)
                {
                    return Again($"{draft.Id} is {DraftPresenter.StatusText(moved.Draft?.Status ?? draft.Status).ToLowerInvariant()} and can't be submitted now.");
                }

                draft = moved.Draft!;
            }

            await NotifyAsync(draft, actor, ct).ConfigureAwait(false);
        }

        var headline = action == DraftFormAction.Submit ? $"{draft.Id} sent for approval" : $"{draft.Id} saved";
        return new DraftFormResult(
            DraftSummaryCards.Confirmation(headline, presenter.Line(draft, viewerIsAuthor: true), [.. report.Warnings.Select(w => w.Message)]),
            true,
            action == DraftFormAction.Submit ? headline + ". I'll let you know when the social team decides." : headline + ". Submit it when you're ready.");
    }

    private async Task NotifyAsync(Draft draft, DraftPerson submittedBy, CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnSubmittedAsync(draft, submittedBy, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The submission itself is durable; a listener that failed must not undo it or hide it from the author.
                LogListenerFailed(logger, draft.Id, exception);
            }
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Error, Message = "A submission listener failed for draft {DraftId}")]
    private static partial void LogListenerFailed(ILogger logger, string draftId, Exception exception);
}
