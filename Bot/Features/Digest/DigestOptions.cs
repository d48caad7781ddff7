namespace SocialBot.Bot.Features.Digest;

internal sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>Zone used when <c>digest here at 09:00</c> names none (IANA or Windows). Default UTC.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Scheduled digests of a quiet day (nothing waiting, scheduled, mentioned or trending) are not sent; <c>digest now</c> still answers.</summary>
    public bool SkipWhenEmpty { get; set; }

    /// <summary>A digest missed by at most this much is sent late with a note; older ones are skipped.</summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a sender holds its claim on one (subscription, local date).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest sleep of the scheduler between looks at the due set.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Digests composed and sent at the same time. The rate limiter, not this, keeps Teams' limits; this only keeps
    /// a conversation waiting on a Retry-After from holding up the others.
    /// </summary>
    public int FanOut { get; set; } = 32;

    /// <summary>Due subscriptions taken per look at the due set.</summary>
    public int BatchSize { get; set; } = 10_000;
}
