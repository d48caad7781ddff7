using System.Globalization;
using Microsoft.Extensions.Logging;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.State;

namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// Counts the terms of each mention in UTC hour buckets, per tenant and optionally per tracked rule:
/// <list type="bullet">
/// <item><c>{tenant}:trend[:rule:&lt;id&gt;]:h:&lt;yyyyMMddHH&gt;</c> term key → count, plus <see cref="MentionsField"/></item>
/// <item><c>…:tone:&lt;hour&gt;</c> <c>key|neg</c> / <c>key|pos</c> → count (neutral is the rest)</item>
/// <item><c>…:disp:&lt;hour&gt;</c> <c>key|written form</c> → count, only for forms that differ from the key</item>
/// <item><c>…:s:&lt;hour&gt;:&lt;digest(key)&gt;</c> the most-reached mention of the term in that hour (a document)</item>
/// </list>
/// Buckets live 8 days after their hour ends, so a 24 h window always has its 7 previous windows.
/// The counts of one mention are one transaction together with a "counted" marker: a redelivered mention is not
/// counted twice. Samples are written afterwards, best effort, with a compare-and-set per term and hour.
/// </summary>
internal sealed partial class TrendCounter(IStateStore store, TimeProvider timeProvider, ILogger<TrendCounter> logger)
{
    public const string MentionsField = "*mentions";
    public const string NegativeSuffix = "|neg";
    public const string PositiveSuffix = "|pos";
    public static readonly TimeSpan Retention = TimeSpan.FromDays(8);

    private const int SampleAttempts = 3;

    /// <returns>False when the mention was counted before or is older than the retention.</returns>
    public async Task<bool> RecordAsync(IncomingMention mention, MentionTone tone, IReadOnlyCollection<string>? ruleIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var now = timeProvider.GetUtcNow();
        var hour = HourOf(mention.CreatedAt > now ? now : mention.CreatedAt);
        var timeToLive = hour + TimeSpan.FromHours(1) + Retention - now;
        if (timeToLive <= TimeSpan.Zero)
        {
            return false;
        }

        var terms = TermExtractor.Extract(mention.Text, mention.Lang);
        var scopes = ScopesOf(mention.TenantId, ruleIds);
        var marker = StoreKey.For(mention.TenantId, "trend", "seen", StoreKey.Digest(mention.Id));
        var transaction = new StoreTransaction()
            .RequireAbsent(marker)
            .PutDocument(marker, new TrendCountedMarker(mention.Id), TrendsJsonContext.Default.TrendCountedMarker, Retention);
        foreach (var scope in scopes)
        {
            AddCounts(transaction, scope, hour, terms, tone, timeToLive);
        }

        if (!await store.CommitAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            var sample = new TrendSample(mention.Author.Followers ?? 0, mention.Id, mention.Url, mention.Author.Handle ?? mention.Author.Name);
            foreach (var scope in scopes)
            {
                await Task.WhenAll(terms.Select(term => KeepBestSampleAsync(scope.SampleKey(hour, term.Key), sample, timeToLive, cancellationToken))).ConfigureAwait(false);
            }
        }
        catch (StoreUnavailableException exception)
        {
            // The counts are committed; a missing sample only costs the card its example.
            LogSampleNotKept(logger, exception);
        }

        return true;
    }

    /// <summary>Every hour bucket from the hour of <paramref name="from"/> up to, not including, <paramref name="to"/>.</summary>
    public Task<IReadOnlyList<TrendBucket>> ReadSeriesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, string? ruleId = null, CancellationToken cancellationToken = default) =>
        ReadAsync(new TrendScope(tenant, ruleId), from, to, withDetails: true, cancellationToken);

    /// <summary>Like <see cref="ReadSeriesAsync"/> without tone and display counters (baselines need counts only).</summary>
    public Task<IReadOnlyList<TrendBucket>> ReadCountsAsync(string tenant, DateTimeOffset from, DateTimeOffset to, string? ruleId = null, CancellationToken cancellationToken = default) =>
        ReadAsync(new TrendScope(tenant, ruleId), from, to, withDetails: false, cancellationToken);

    /// <summary>The most-reached sample of <paramref name="key"/> over the given hours (ties: the earliest hour).</summary>
    public async Task<TrendSample?> ReadBestSampleAsync(string tenant, string key, IEnumerable<DateTimeOffset> hours, string? ruleId = null, CancellationToken cancellationToken = default)
    {
        var scope = new TrendScope(tenant, ruleId);
        var documents = await Task.WhenAll(hours.Select(hour =>
            store.GetAsync(scope.SampleKey(HourOf(hour), key), TrendsJsonContext.Default.TrendSample, cancellationToken))).ConfigureAwait(false);
        TrendSample? best = null;
        foreach (var document in documents)
        {
            if (document is not null && (best is null || document.Value.Followers > best.Followers))
            {
                best = document.Value;
            }
        }

        return best;
    }

    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static string BucketName(DateTimeOffset hour) => HourOf(hour).ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static List<TrendScope> ScopesOf(string tenant, IReadOnlyCollection<string>? ruleIds)
    {
        var scopes = new List<TrendScope> { new(tenant, null) };
        if (ruleIds is not null)
        {
            scopes.AddRange(ruleIds.Distinct(StringComparer.Ordinal).Select(ruleId => new TrendScope(tenant, ruleId)));
        }

        return scopes;
    }

    private static void AddCounts(StoreTransaction transaction, TrendScope scope, DateTimeOffset hour, IReadOnlyList<Term> terms, MentionTone tone, TimeSpan timeToLive)
    {
        var counts = scope.CountsKey(hour);
        var tones = scope.TonesKey(hour);
        var displays = scope.DisplaysKey(hour);
        transaction.IncrementField(counts, MentionsField);
        var toneSuffix = tone switch
        {
            MentionTone.Negative => NegativeSuffix,
            MentionTone.Positive => PositiveSuffix,
            _ => null,
        };
        foreach (var term in terms)
        {
            transaction.IncrementField(counts, term.Key);
            if (toneSuffix is not null)
            {
                transaction.IncrementField(tones, term.Key + toneSuffix);
            }

            if (!string.Equals(term.Display, term.Key, StringComparison.Ordinal))
            {
                transaction.IncrementField(displays, term.Key + "|" + term.Display);
            }
        }

        // Expiring a key that was not written (no tone, no display) is a no-op in every store.
        transaction.Expire(counts, timeToLive).Expire(tones, timeToLive).Expire(displays, timeToLive);
    }

    private async Task KeepBestSampleAsync(StoreKey key, TrendSample candidate, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < SampleAttempts; attempt++)
        {
            var current = await store.GetAsync(key, TrendsJsonContext.Default.TrendSample, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Value.Followers >= candidate.Followers)
            {
                return;
            }

            var condition = current is null ? PutCondition.IfAbsent : PutCondition.IfVersion(current.Version);
            var result = await store.PutAsync(key, candidate, TrendsJsonContext.Default.TrendSample, condition, timeToLive, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyList<TrendBucket>> ReadAsync(TrendScope scope, DateTimeOffset from, DateTimeOffset to, bool withDetails, CancellationToken cancellationToken)
    {
        var hours = new List<DateTimeOffset>();
        for (var hour = HourOf(from); hour < to; hour = hour.AddHours(1))
        {
            hours.Add(hour);
        }

        var buckets = await Task.WhenAll(hours.Select(hour => ReadBucketAsync(scope, hour, withDetails, cancellationToken))).ConfigureAwait(false);
        return buckets;
    }

    private async Task<TrendBucket> ReadBucketAsync(TrendScope scope, DateTimeOffset hour, bool withDetails, CancellationToken cancellationToken)
    {
        var countsTask = store.GetFieldCountersAsync(scope.CountsKey(hour), cancellationToken);
        var tonesTask = withDetails ? store.GetFieldCountersAsync(scope.TonesKey(hour), cancellationToken) : Task.FromResult(TrendBucket.NoCounters);
        var displaysTask = withDetails ? store.GetFieldCountersAsync(scope.DisplaysKey(hour), cancellationToken) : Task.FromResult(TrendBucket.NoCounters);
        var fields = await countsTask.ConfigureAwait(false);
        var counts = new Dictionary<string, long>(fields.Count, StringComparer.Ordinal);
        long mentions = 0;
        foreach (var (field, value) in fields)
        {
            if (field == MentionsField)
            {
                mentions = value;
            }
            else
            {
                counts[field] = value;
            }
        }

        return new TrendBucket(hour, mentions, counts, await tonesTask.ConfigureAwait(false), await displaysTask.ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Trend counts were recorded but the sample mention could not be kept: the state store is unavailable.")]
    private static partial void LogSampleNotKept(ILogger logger, Exception exception);

    private readonly record struct TrendScope(string Tenant, string? RuleId)
    {
        public StoreKey CountsKey(DateTimeOffset hour) => Key("h", BucketName(hour));

        public StoreKey TonesKey(DateTimeOffset hour) => Key("tone", BucketName(hour));

        public StoreKey DisplaysKey(DateTimeOffset hour) => Key("disp", BucketName(hour));

        public StoreKey SampleKey(DateTimeOffset hour, string termKey) => Key("s", BucketName(hour), StoreKey.Digest(termKey));

        private StoreKey Key(params string[] parts) => RuleId is null
            ? StoreKey.For(Tenant, ["trend", .. parts])
            : StoreKey.For(Tenant, ["trend", "rule", RulePart(RuleId), .. parts]);

        // Rule ids are usually short slugs; anything with a separator or of odd length is digested to keep keys unambiguous.
        private static string RulePart(string ruleId) =>
            ruleId.Length is > 0 and <= 64 && ruleId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? ruleId : StoreKey.Digest(ruleId);
    }
}
