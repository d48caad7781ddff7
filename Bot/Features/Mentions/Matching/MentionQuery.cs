using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions.Matching;

/// <summary>How much a rule's matches matter (<c>priority:high</c> / <c>priority:low</c> in the query).</summary>
internal enum RulePriority
{
    Low,
    Normal,
    High,
}

/// <summary>A parsed <c>track</c> query: a boolean expression over terms and filters.</summary>
internal sealed record MentionQuery(QueryNode Root, RulePriority Priority, string Text);

internal abstract record QueryNode;

internal sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode;

internal sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode;

internal sealed record NotNode(QueryNode Child) : QueryNode;

internal enum QueryTermKind
{
    Word,
    Phrase,
    Hashtag,
    Handle,
}

/// <summary><paramref name="Words"/> are folded (lower case, no accents); a hashtag or handle keeps its sigil in <paramref name="Key"/>.</summary>
internal sealed record TermNode(QueryTermKind Kind, string Key, IReadOnlyList<string> Words) : QueryNode;

internal sealed record SourceFilter(MentionSource Source) : QueryNode;

internal sealed record LanguageFilter(string Language) : QueryNode;

internal enum Comparison
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Equal,
}

internal sealed record FollowersFilter(Comparison Comparison, long Value) : QueryNode
{
    public bool Accepts(long followers) => Comparison switch
    {
        Comparison.Greater => followers > Value,
        Comparison.GreaterOrEqual => followers >= Value,
        Comparison.Less => followers < Value,
        Comparison.LessOrEqual => followers <= Value,
        _ => followers == Value,
    };
}
