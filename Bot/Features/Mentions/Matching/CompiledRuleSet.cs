using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions.Matching;

internal sealed record MentionRule(string RuleId, MentionQuery Query);

/// <summary>
/// Every rule of a tenant compiled into one lookup from words, hashtags and handles to the rules that need them, so a
/// mention is checked only against the few rules it could match (the "anchors" of a rule are terms at least one of
/// which any match must contain). Rules that can match without any term (only filters or exclusions at the top) are
/// always checked. Immutable once built; safe to share between threads.
/// </summary>
internal sealed class CompiledRuleSet
{
    private readonly MentionRule[] rules;
    private readonly Dictionary<string, int[]> rulesByAnchor;
    private readonly int[] alwaysChecked;

    private CompiledRuleSet(MentionRule[] rules, Dictionary<string, int[]> rulesByAnchor, int[] alwaysChecked)
    {
        this.rules = rules;
        this.rulesByAnchor = rulesByAnchor;
        this.alwaysChecked = alwaysChecked;
    }

    public static CompiledRuleSet Empty { get; } = new([], [], []);

    public int Count => rules.Length;

    public static CompiledRuleSet Compile(IEnumerable<MentionRule> rules)
    {
        var all = rules.ToArray();

        // How many rules mention each term: an AND is indexed under its rarest part, so a common word such as
        // "refund" in many "(brand OR product) refund" rules does not make all of them candidates.
        var popularity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in all)
        {
            foreach (var term in Terms(rule.Query.Root).Distinct(StringComparer.Ordinal))
            {
                popularity[term] = popularity.GetValueOrDefault(term) + 1;
            }
        }

        var byAnchor = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < all.Length; i++)
        {
            if (Anchors(all[i].Query.Root, popularity) is not { } anchors)
            {
                always.Add(i);
                continue;
            }

            foreach (var anchor in anchors)
            {
                if (!byAnchor.TryGetValue(anchor, out var list))
                {
                    byAnchor[anchor] = list = [];
                }

                list.Add(i);
            }
        }

        return new CompiledRuleSet(all, byAnchor.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), [.. always]);
    }

    /// <summary>The ids of the rules that match, in rule order.</summary>
    public IReadOnlyList<string> Match(IncomingMention mention)
    {
        if (rules.Length == 0)
        {
            return [];
        }

        var text = MentionText.From(mention.Text);
        var candidates = new SortedSet<int>(alwaysChecked);
        foreach (var word in text.WordSet)
        {
            if (rulesByAnchor.TryGetValue(WordAnchor(word), out var found))
            {
                candidates.UnionWith(found);
            }
        }

        foreach (var tag in text.Tags)
        {
            if (rulesByAnchor.TryGetValue(TagAnchor(tag), out var found))
            {
                candidates.UnionWith(found);
            }
        }

        var matched = new List<string>();
        foreach (var index in candidates)
        {
            if (Evaluate(rules[index].Query.Root, mention, text))
            {
                matched.Add(rules[index].RuleId);
            }
        }

        return matched;
    }

    /// <summary>The plain evaluation of one query against one mention (no index); the compiled set must agree with it.</summary>
    public static bool Evaluate(QueryNode node, IncomingMention mention, MentionText text) => node switch
    {
        AndNode and => and.Children.All(c => Evaluate(c, mention, text)),
        OrNode or => or.Children.Any(c => Evaluate(c, mention, text)),
        NotNode not => !Evaluate(not.Child, mention, text),
        TermNode { Kind: QueryTermKind.Word } term => text.WordSet.Contains(term.Key),
        TermNode { Kind: QueryTermKind.Phrase } term => text.ContainsPhrase(term.Words),
        TermNode term => text.Tags.Contains(term.Key),
        SourceFilter source => mention.Source == source.Source,
        LanguageFilter language => mention.Lang is { } lang && (string.Equals(lang, language.Language, StringComparison.OrdinalIgnoreCase) || lang.StartsWith(language.Language + "-", StringComparison.OrdinalIgnoreCase)),
        FollowersFilter followers => followers.Accepts(mention.Author.Followers ?? 0),
        _ => false,
    };

    // Null: the node can be true without any term, so the rule must always be checked.
    private static IReadOnlySet<string>? Anchors(QueryNode node, IReadOnlyDictionary<string, int> popularity) => node switch
    {
        TermNode term => new HashSet<string> { AnchorOf(term) },
        AndNode and => and.Children.Select(c => Anchors(c, popularity)).Where(a => a is not null).MinBy(a => a!.Sum(anchor => popularity.GetValueOrDefault(anchor, 1))),
        OrNode or => or.Children.Select(c => Anchors(c, popularity)).ToList() is var parts && parts.All(p => p is not null)
            ? parts.SelectMany(p => p!).ToHashSet(StringComparer.Ordinal)
            : null,
        _ => null,
    };

    private static IEnumerable<string> Terms(QueryNode node) => node switch
    {
        TermNode term => [AnchorOf(term)],
        AndNode and => and.Children.SelectMany(Terms),
        OrNode or => or.Children.SelectMany(Terms),
        NotNode not => Terms(not.Child),
        _ => [],
    };

    private static string AnchorOf(TermNode term) =>
        term.Kind is QueryTermKind.Word or QueryTermKind.Phrase ? WordAnchor(term.Words[0]) : TagAnchor(term.Key);

    private static string WordAnchor(string word) => "w:" + word;

    private static string TagAnchor(string tag) => "t:" + tag;
}
