namespace SocialBot.Bot.Features.Trends;

/// <summary>
/// Finds the rising terms of a window by comparing each term's count with what the preceding windows predict
/// (see <see cref="TrendScoringOptions"/> for the rule).
/// Baselines: for 6 h and 24 h the mean of the previous 7 windows of the same length; for 7 d only one more day is
/// kept (buckets live 8 days), so the baseline is that day's count scaled to 7 days. Previous windows without a
/// single mention are treated as "no data" and left out of the mean, so a tenant that started yesterday does not
/// see every term as a 7-fold rise. Buckets are UTC hours: a daylight-saving change never splits or merges them.
/// </summary>
internal sealed class TrendScorer(TrendCounter counter, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<TrendingTerm>> FindAsync(string tenant, TrendQuery query, string? ruleId = null, TrendScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var window = query.Window;
        var windowEnd = TrendCounter.HourOf(timeProvider.GetUtcNow()).AddHours(1);
        var windowStart = windowEnd - window.Duration();
        var plan = BaselinePlan.For(window);
        var baselineTask = counter.ReadCountsAsync(tenant, windowStart - plan.Span, windowStart, ruleId, cancellationToken);
        var windowBuckets = await counter.ReadSeriesAsync(tenant, windowStart, windowEnd, ruleId, cancellationToken).ConfigureAwait(false);
        var baselineBuckets = await baselineTask.ConfigureAwait(false);

        var ranked = Rank([.. baselineBuckets, .. windowBuckets], window, windowEnd, query.Filter, options ?? TrendScoringOptions.Default);
        var withSamples = await Task.WhenAll(ranked.Select(async term =>
        {
            var hours = term.HourlySeries.Select((count, index) => (count, hour: windowStart.AddHours(index)))
                .Where(point => point.count > 0)
                .Select(point => point.hour);
            var sample = await counter.ReadBestSampleAsync(tenant, term.Key, hours, ruleId, cancellationToken).ConfigureAwait(false);
            return term with { Sample = sample };
        })).ConfigureAwait(false);
        return withSamples;
    }

    /// <summary>
    /// The pure scoring step. <paramref name="buckets"/> may be in any order and sparse; hours missing are empty.
    /// The window is the <see cref="TrendWindows.Hours"/> hours before <paramref name="windowEnd"/>.
    /// </summary>
    public static IReadOnlyList<TrendingTerm> Rank(IReadOnlyList<TrendBucket> buckets, TrendWindow window, DateTimeOffset windowEnd, string? filter, TrendScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(options);
        var byHour = new Dictionary<DateTimeOffset, TrendBucket>();
        foreach (var bucket in buckets)
        {
            byHour[TrendCounter.HourOf(bucket.Hour)] = bucket;
        }

        windowEnd = TrendCounter.HourOf(windowEnd);
        var hours = window.Hours();
        var windowBuckets = Enumerable.Range(0, hours)
            .Select(index => windowEnd.AddHours(index - hours))
            .Select(hour => byHour.GetValueOrDefault(hour) ?? TrendBucket.Empty(hour))
            .ToList();
        var baselines = BaselinePlan.For(window).Windows(windowEnd - window.Duration())
            .Select(hoursOfWindow => hoursOfWindow.Select(hour => byHour.GetValueOrDefault(hour)).OfType<TrendBucket>().ToList())
            .Where(windowOfBaseline => windowOfBaseline.Any(bucket => bucket.Mentions > 0))
            .ToList();
        var scale = BaselinePlan.For(window).Scale;
        var match = TrendFilter.Create(filter);

        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var bucket in windowBuckets)
        {
            foreach (var (key, count) in bucket.Counts)
            {
                totals[key] = totals.GetValueOrDefault(key) + count;
            }
        }

        var displays = DisplayForms(windowBuckets);
        var candidates = new List<TrendingTerm>();
        foreach (var (key, count) in totals)
        {
            if (count < options.MinimumCount)
            {
                continue;
            }

            var display = ChooseDisplay(key, count, displays);
            if (!match(key, display))
            {
                continue;
            }

            var seenBefore = baselines.Sum(windowOfBaseline => windowOfBaseline.Sum(bucket => bucket.Count(key)));
            var lambda = baselines.Count == 0 ? 0 : scale * seenBefore / baselines.Count;
            var isNew = seenBefore == 0;
            var z = (count - lambda) / Math.Sqrt(Math.Max(lambda, 1));
            if (!isNew && (z < options.MinimumZ || count < options.MinimumRatio * lambda))
            {
                continue;
            }

            var negative = windowBuckets.Sum(bucket => bucket.Negative(key));
            var positive = windowBuckets.Sum(bucket => bucket.Positive(key));
            candidates.Add(new TrendingTerm(
                Term.KindOf(key),
                key,
                display,
                count,
                Math.Round(lambda, 1),
                isNew ? null : (int)Math.Round(100 * (count - lambda) / lambda, MidpointRounding.AwayFromZero),
                isNew,
                z,
                [.. windowBuckets.Select(bucket => bucket.Count(key))],
                new ToneMix(negative, Math.Max(0, count - negative - positive), positive)));
        }

        var ordered = candidates
            .OrderByDescending(term => term.Score)
            .ThenByDescending(term => term.Count)
            .ThenBy(term => term.Key, StringComparer.Ordinal)
            .ToList();
        return [.. MergeNearDuplicates(ordered, options).Take(options.Top)];
    }

    // "dark mode" trending makes "dark" and "mode" noise unless they are much bigger on their own;
    // "#darkmode" and "dark mode" (or "#launch" and "launch") are one topic: the higher-ranked one stays.
    private static IEnumerable<TrendingTerm> MergeNearDuplicates(List<TrendingTerm> ordered, TrendScoringOptions options)
    {
        var byKey = ordered.ToDictionary(term => term.Key, StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in ordered.Where(term => term.Kind == TermKind.Phrase))
        {
            foreach (var word in phrase.Key.Split(' '))
            {
                if (byKey.TryGetValue(word, out var single) && single.Count < options.PhraseWordDominance * phrase.Count)
                {
                    dropped.Add(word);
                }
            }
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in ordered)
        {
            if (dropped.Contains(term.Key))
            {
                continue;
            }

            if (term.Kind is TermKind.Hashtag or TermKind.Keyword or TermKind.Phrase && !topics.Add(Compact(term.Key)))
            {
                continue;
            }

            yield return term;
        }
    }

    private static string Compact(string key) =>
        string.Concat(key.Where(c => c is not ('#' or ' ' or '_' or '-')));

    private static Dictionary<string, Dictionary<string, long>> DisplayForms(IEnumerable<TrendBucket> buckets)
    {
        var forms = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            foreach (var (field, count) in bucket.Displays)
            {
                var separator = field.IndexOf('|', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    continue;
                }

                var key = field[..separator];
                if (!forms.TryGetValue(key, out var written))
                {
                    forms[key] = written = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                var form = field[(separator + 1)..];
                written[form] = written.GetValueOrDefault(form) + count;
            }
        }

        return forms;
    }

    // The most frequent written form; the key itself stands for the mentions that wrote it exactly so.
    private static string ChooseDisplay(string key, long count, Dictionary<string, Dictionary<string, long>> forms)
    {
        if (!forms.TryGetValue(key, out var written))
        {
            return key;
        }

        var best = written.OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First();
        return best.Value >= count - written.Values.Sum() ? best.Key : key;
    }

    private sealed record BaselinePlan(int WindowCount, int HoursPerWindow, double Scale)
    {
        public TimeSpan Span => TimeSpan.FromHours(WindowCount * HoursPerWindow);

        public static BaselinePlan For(TrendWindow window) => window switch
        {
            TrendWindow.Week => new BaselinePlan(1, 24, 7),
            _ => new BaselinePlan(7, window.Hours(), 1),
        };

        /// <summary>The hours of each baseline window, nearest first.</summary>
        public IEnumerable<IEnumerable<DateTimeOffset>> Windows(DateTimeOffset windowStart) =>
            Enumerable.Range(1, WindowCount).Select(back =>
                Enumerable.Range(0, HoursPerWindow).Select(hour => windowStart.AddHours(hour - (back * HoursPerWindow))));
    }
}

/// <summary>The <c>trends … [filter]</c> text: matches keys and display forms, accent- and case-insensitive.</summary>
internal static class TrendFilter
{
    public static Func<string, string, bool> Create(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return static (_, _) => true;
        }

        var folded = TermText.Fold(filter.Trim());
        var singular = folded.Length > 0 && char.IsLetter(folded[0]) && !folded.Contains(' ', StringComparison.Ordinal)
            ? TermExtractor.KeywordKey(folded, english: true)
            : folded;
        return (key, display) =>
            key.Contains(folded, StringComparison.Ordinal)
            || key.Contains(singular, StringComparison.Ordinal)
            || TermText.Fold(display).Contains(folded, StringComparison.Ordinal);
    }
}
