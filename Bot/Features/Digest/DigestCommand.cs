using System.Globalization;
using Humanizer;
using Microsoft.Extensions.Options;
using SocialBot.Bot.Turns;
using SocialBot.Bot.Turns.Routing;

namespace SocialBot.Bot.Features.Digest;

/// <summary><c>digest here at HH:mm [zone] [daily|weekdays]</c>, <c>digest off</c>, <c>digest now</c>, <c>digest</c>.</summary>
internal sealed class DigestCommand(DigestSubscriptionStore subscriptions, DigestComposer composer, IOptions<DigestOptions> options) : ICommand
{
    public const string Usage =
        "Try `digest here at 09:00 Europe/Berlin weekdays` (time as HH:mm, an IANA or Windows time zone, `daily` or `weekdays`), " +
        "`digest now`, `digest off`, or `digest` to see the schedule.";

    public CommandDescriptor Descriptor { get; } = new("digest", "digest here at <HH:mm> [zone] [daily|weekdays] | now | off", "A daily summary card in this chat.");

    public async Task ExecuteAsync(TurnContext turn, CommandMatch match, CancellationToken ct)
    {
        var args = match.Arguments.Trim();
        var now = turn.Clock.GetUtcNow();
        var tenant = turn.TenantId;
        if (args.Length == 0)
        {
            var current = await subscriptions.FindAsync(tenant, turn.ConversationId, ct).ConfigureAwait(false);
            await turn.SendTextAsync(current is null ? "No digest is set up here. " + Usage : Describe(current, now), ct).ConfigureAwait(false);
            return;
        }

        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words[0].ToUpperInvariant())
        {
            case "OFF" when words.Length == 1:
                var deleted = await subscriptions.DeleteAsync(tenant, turn.ConversationId, ct).ConfigureAwait(false);
                await turn.SendTextAsync(deleted ? "Digest turned off for this chat." : "There was no digest here to turn off.", ct).ConfigureAwait(false);
                return;
            case "NOW" when words.Length == 1:
                var zone = (await subscriptions.FindAsync(tenant, turn.ConversationId, ct).ConfigureAwait(false))?.Schedule.TimeZone ?? DefaultZone();
                var viewer = new[] { turn.User.Id, turn.User.ChannelAccountId ?? string.Empty };
                var card = await composer.ComposeAsync(new DigestQuery(tenant, turn.ConversationId, now, zone), null, viewer, ct).ConfigureAwait(false);
                await turn.SendCardAsync(card, ct).ConfigureAwait(false);
                return;
            case "HERE" when words.Length >= 3 && words[1].Equals("at", StringComparison.OrdinalIgnoreCase):
                if (!DigestSchedule.TryParse(string.Join(' ', words.Skip(2)), options.Value.DefaultTimeZone, out var schedule))
                {
                    await turn.SendTextAsync("I couldn't read that time or time zone. " + Usage, ct).ConfigureAwait(false);
                    return;
                }

                var subscription = new DigestSubscription(tenant, turn.ConversationId, schedule, turn.Reference);
                await subscriptions.SaveAsync(subscription, schedule.Next(now), ct).ConfigureAwait(false);
                await turn.SendTextAsync($"Done: the digest comes to this chat {schedule.Describe()}. {Describe(subscription, now)}", ct).ConfigureAwait(false);
                return;
            default:
                await turn.SendTextAsync(Usage, ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>"Next digest in 3 hours, Tue 09:00 Europe/Berlin".</summary>
    public static string Describe(DigestSubscription subscription, DateTimeOffset now)
    {
        if (subscription.Paused)
        {
            return "The digest here is paused because I can no longer post in this chat. Send `digest here at …` to start it again.";
        }

        var next = subscription.Schedule.Next(now);
        var local = TimeZoneInfo.ConvertTime(next, subscription.Schedule.TimeZone);
        return string.Create(CultureInfo.InvariantCulture, $"Next digest {(next - now).Humanize(culture: CultureInfo.InvariantCulture, minUnit: TimeUnit.Minute).Insert(0, "in ")}, {local:ddd HH:mm} {subscription.Schedule.TimeZoneId}.");
    }

    private TimeZoneInfo DefaultZone() =>
        DigestSchedule.TryResolveZone(options.Value.DefaultTimeZone, out var id) ? TimeZoneConverter.TZConvert.GetTimeZoneInfo(id) : TimeZoneInfo.Utc;
}
