using System.Globalization;
using SocialBot.Bot.Ingestion;

namespace SocialBot.Bot.Features.Mentions.Matching;

/// <summary>A parsed query, or a friendly error with the 1-based position it refers to.</summary>
internal sealed record MentionQueryParseResult(MentionQuery? Query, string? Error, int ErrorPosition)
{
    public bool Succeeded => Query is not null;
}

/// <summary>
/// Parses the <c>track</c> query language: words, "quoted phrases", #hashtags, @handles, AND / OR / NOT (upper case, so
/// "not good" stays two words), implicit AND between neighbours, parentheses, <c>-word</c>, and the filters
/// <c>source:x</c>, <c>followers:&gt;10000</c>, <c>lang:en</c> and <c>priority:high|low</c>.
/// </summary>
internal static class MentionQueryParser
{
    public const int MaxLength = 500;
    public const int MaxDepth = 20;

    public static MentionQueryParseResult Parse(string? text)
    {
        var query = (text ?? string.Empty).Trim();
        if (query.Length == 0)
        {
            return Fail("Tell me what to look for, for example: track \"acme cloud\" OR #acme -jobs", 1);
        }

        if (query.Length > MaxLength)
        {
            return Fail($"That query is {query.Length} characters long; keep it under {MaxLength}.", MaxLength + 1);
        }

        try
        {
            var parser = new Parser(Tokenize(query));
            var root = parser.ParseAll();
            if (!HasPositive(root, negated: false))
            {
                return Fail("A query needs at least one word, phrase, #hashtag, @handle or filter to look for, not only exclusions.", 1);
            }

            return new MentionQueryParseResult(new MentionQuery(root, parser.Priority, query), null, 0);
        }
        catch (QuerySyntaxException error)
        {
            return Fail(error.Message, error.Position);
        }
    }

    private static MentionQueryParseResult Fail(string error, int position) => new(null, error, position);

    private static bool HasPositive(QueryNode node, bool negated) => node switch
    {
        NotNode not => HasPositive(not.Child, !negated),
        AndNode and => and.Children.Any(c => HasPositive(c, negated)),
        OrNode or => or.Children.Any(c => HasPositive(c, negated)),
        _ => !negated,
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? TokenType.Open : TokenType.Close, c.ToString(), i + 1));
                i++;
            }
            else if (c is '"' or '“' or '”')
            {
                var end = text.IndexOfAny(['"', '”', '“'], i + 1);
                if (end < 0)
                {
                    throw new QuerySyntaxException($"Missing closing quote for the one opened at position {i + 1}.", i + 1);
                }

                tokens.Add(new Token(TokenType.Phrase, text[(i + 1)..end], i + 1));
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '“' or '”'))
                {
                    i++;
                }

                var word = text[start..i];
                var type = word switch
                {
                    "AND" => TokenType.And,
                    "OR" => TokenType.Or,
                    "NOT" => TokenType.Not,
                    _ => TokenType.Word,
                };
                tokens.Add(new Token(type, word, start + 1));
            }
        }

        return tokens;
    }

    private enum TokenType
    {
        Word,
        Phrase,
        And,
        Or,
        Not,
        Open,
        Close,
    }

    private sealed record Token(TokenType Type, string Text, int Position);

    private sealed class QuerySyntaxException(string message, int position) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int index;
        private int depth;

        public RulePriority Priority { get; private set; } = RulePriority.Normal;

        private Token? Current => index < tokens.Count ? tokens[index] : null;

        public QueryNode ParseAll()
        {
            var node = ParseOr();
            if (Current is { } extra)
            {
                throw new QuerySyntaxException(
                    extra.Type == TokenType.Close ? $"There is a ')' at position {extra.Position} without a matching '('." : $"I didn't expect '{extra.Text}' at position {extra.Position}.",
                    extra.Position);
            }

            return node;
        }

        private QueryNode ParseOr()
        {
            var children = new List<QueryNode> { ParseAnd() };
            while (Current is { Type: TokenType.Or } or)
            {
                index++;
                children.Add(Current is null or { Type: TokenType.Close or TokenType.Or or TokenType.And }
                    ? throw new QuerySyntaxException($"'OR' at position {or.Position} needs something to look for on both sides.", or.Position)
                    : ParseAnd());
            }

            return children.Count == 1 ? children[0] : new OrNode(children);
        }

        private QueryNode ParseAnd()
        {
            var children = new List<QueryNode>();
            while (Current is { } token && token.Type is not (TokenType.Or or TokenType.Close))
            {
                if (token.Type == TokenType.And)
                {
                    if (children.Count == 0)
                    {
                        throw new QuerySyntaxException($"'AND' at position {token.Position} needs something to look for on both sides.", token.Position);
                    }

                    index++;
                    if (Current is null or { Type: TokenType.Close or TokenType.Or or TokenType.And })
                    {
                        throw new QuerySyntaxException($"'AND' at position {token.Position} needs something to look for on both sides.", token.Position);
                    }

                    continue;
                }

                if (ParseUnary() is { } node)
                {
                    children.Add(node);
                }
            }

            if (children.Count == 0)
            {
                var position = Current?.Position ?? (tokens.Count == 0 ? 1 : tokens[^1].Position + tokens[^1].Text.Length);
                throw new QuerySyntaxException(Current is { Type: TokenType.Or } ? $"'OR' at position {position} needs something to look for on both sides." : $"Something to look for is missing at position {position}.", position);
            }

            return children.Count == 1 ? children[0] : new AndNode(children);
        }

        // Null for a rule option (priority:) that is not part of the expression.
        private QueryNode? ParseUnary()
        {
            var token = Current!;
            if (token.Type == TokenType.Not)
            {
                index++;
                if (Current is null or { Type: TokenType.Close or TokenType.Or or TokenType.And })
                {
                    throw new QuerySyntaxException($"'NOT' at position {token.Position} needs something after it.", token.Position);
                }

                return new NotNode(ParseUnary() ?? throw new QuerySyntaxException($"'NOT' at position {token.Position} cannot apply to a priority.", token.Position));
            }

            if (token.Type == TokenType.Open)
            {
                if (++depth > MaxDepth)
                {
                    throw new QuerySyntaxException($"Parentheses are nested more than {MaxDepth} deep at position {token.Position}.", token.Position);
                }

                index++;
                if (Current is { Type: TokenType.Close } empty)
                {
                    throw new QuerySyntaxException($"The parentheses at position {token.Position} are empty.", empty.Position);
                }

                var inner = ParseOr();
                if (Current is not { Type: TokenType.Close })
                {
                    throw new QuerySyntaxException($"Missing ')' for the '(' at position {token.Position}.", token.Position);
                }

                index++;
                depth--;
                return inner;
            }

            index++;
            if (token.Type == TokenType.Phrase)
            {
                return Phrase(token);
            }

            if (token.Text == "-" && Current is { Type: TokenType.Phrase } excluded)
            {
                index++;
                return new NotNode(Phrase(excluded));
            }

            if (token.Text.StartsWith('-') && token.Text.Length > 1)
            {
                return new NotNode(Term(token with { Text = token.Text[1..], Position = token.Position + 1 }) ?? throw new QuerySyntaxException($"'-' at position {token.Position} cannot apply to a priority.", token.Position));
            }

            return Term(token);
        }

        private static TermNode Phrase(Token token)
        {
            var words = MentionText.From(token.Text).Words;
            if (words.Count == 0)
            {
                throw new QuerySyntaxException($"The quoted phrase at position {token.Position} has no words in it.", token.Position);
            }

            return words.Count == 1 ? new TermNode(QueryTermKind.Word, words[0], words) : new TermNode(QueryTermKind.Phrase, string.Join(' ', words), words);
        }

        private QueryNode? Term(Token token)
        {
            var text = token.Text;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !text.StartsWith('#') && !text.StartsWith('@') && !text.Contains("://", StringComparison.Ordinal))
            {
                return Filter(text[..colon].ToLowerInvariant(), text[(colon + 1)..], token.Position);
            }

            if (text.Length > 1 && text[0] is '#' or '@')
            {
                var parsed = MentionText.From(text);
                if (parsed.Tags.Count != 1)
                {
                    throw new QuerySyntaxException($"'{text}' at position {token.Position} is not a valid {(text[0] == '#' ? "hashtag" : "handle")}.", token.Position);
                }

                var key = parsed.Tags.Single();
                return new TermNode(text[0] == '#' ? QueryTermKind.Hashtag : QueryTermKind.Handle, key, parsed.Words);
            }

            var words = MentionText.From(text).Words;
            return words.Count switch
            {
                0 => throw new QuerySyntaxException($"'{text}' at position {token.Position} has no letters or digits to look for.", token.Position),
                1 => new TermNode(QueryTermKind.Word, words[0], words),
                _ => new TermNode(QueryTermKind.Phrase, string.Join(' ', words), words),
            };
        }

        private QueryNode? Filter(string name, string value, int position)
        {
            var valuePosition = position + name.Length + 1;
            switch (name)
            {
                case "source":
                    return Enum.TryParse<MentionSource>(value, ignoreCase: true, out var source) && !int.TryParse(value, out _)
                        ? new SourceFilter(source)
                        : throw new QuerySyntaxException($"'{value}' at position {valuePosition} is not a source. Use one of: {string.Join(", ", Enum.GetNames<MentionSource>().Select(n => n.ToLowerInvariant()))}.", valuePosition);
                case "lang":
                    return value.Length is >= 2 and <= 8 && value.All(c => char.IsAsciiLetter(c) || c == '-')
                        ? new LanguageFilter(value.ToLowerInvariant())
                        : throw new QuerySyntaxException($"'{value}' at position {valuePosition} is not a language code; use one like lang:en.", valuePosition);
                case "followers":
                    return Followers(value, valuePosition);
                case "priority":
                    Priority = value.ToLowerInvariant() switch
                    {
                        "high" => RulePriority.High,
                        "low" => RulePriority.Low,
                        "normal" => RulePriority.Normal,
                        _ => throw new QuerySyntaxException($"Priority at position {valuePosition} can be high, normal or low.", valuePosition),
                    };
                    return null;
                default:
                    throw new QuerySyntaxException($"I don't know the filter '{name}:' at position {position}. Filters: source:, followers:, lang:, priority:.", position);
            }
        }

        private static FollowersFilter Followers(string value, int position)
        {
            var (comparison, number) = value switch
            {
                _ when value.StartsWith(">=", StringComparison.Ordinal) => (Comparison.GreaterOrEqual, value[2..]),
                _ when value.StartsWith("<=", StringComparison.Ordinal) => (Comparison.LessOrEqual, value[2..]),
                _ when value.StartsWith('>') => (Comparison.Greater, value[1..]),
                _ when value.StartsWith('<') => (Comparison.Less, value[1..]),
                _ when value.StartsWith('=') => (Comparison.Equal, value[1..]),
                _ => (Comparison.GreaterOrEqual, value),
            };
            var multiplier = number.EndsWith('k') || number.EndsWith('K') ? 1_000 : number.EndsWith('m') || number.EndsWith('M') ? 1_000_000 : 1;
            var digits = multiplier == 1 ? number : number[..^1];
            return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && amount * multiplier <= long.MaxValue
                ? new FollowersFilter(comparison, (long)(amount * multiplier))
                : throw new QuerySyntaxException($"'{value}' at position {position} is not a follower count; try followers:>10000 or followers:>10k.", position);
        }
    }
}
