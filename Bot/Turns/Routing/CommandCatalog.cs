namespace SocialBot.Bot.Turns.Routing;

/// <summary>What a command is called and how it is shown in help.</summary>
internal sealed record CommandDescriptor(string Name, string Usage, string Summary, IReadOnlyList<string>? Aliases = null, bool ShowInHelp = true)
{
    public IEnumerable<string> AllNames => [Name, .. Aliases ?? []];
}

/// <summary>A command matched in the user's text, with what followed it.</summary>
internal sealed record CommandMatch(ICommand Command, string InvokedAs, string Arguments);

/// <summary>
/// Matches the start of a message against every command name and alias, longest name first,
/// so "track feed https://…" reaches <c>track feed</c> and not <c>track</c>.
/// </summary>
internal sealed class CommandCatalog
{
    private readonly List<(string Name, ICommand Command)> names;

    public CommandCatalog(IEnumerable<ICommand> commands)
    {
        names = [];
        var seen = new Dictionary<string, ICommand>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in commands)
        {
            foreach (var name in command.Descriptor.AllNames)
            {
                if (!seen.TryAdd(name, command))
                {
                    throw new InvalidOperationException(
                        $"The command name '{name}' is registered by both {seen[name].GetType().Name} and {command.GetType().Name}.");
                }

                names.Add((name, command));
            }
        }

        names.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length));
        Commands = seen.Values.Distinct().ToList();
    }

    public IReadOnlyList<ICommand> Commands { get; }

    public CommandMatch? Match(string text)
    {
        foreach (var (name, command) in names)
        {
            if (text.StartsWith(name, StringComparison.OrdinalIgnoreCase) &&
                (text.Length == name.Length || text[name.Length] == ' '))
            {
                return new CommandMatch(command, name, text[name.Length..].Trim());
            }
        }

        return null;
    }

    /// <summary>The command name closest to what the user typed, or null when nothing is close enough to be a useful guess.</summary>
    public string? Suggest(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (name, command) in names)
        {
            var wordCount = name.Count(c => c == ' ') + 1;
            var candidate = string.Join(' ', words.Take(wordCount));
            var distance = EditDistance.Between(candidate.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = command.Descriptor.Name;
            }
        }

        // Allow roughly one typo per three letters, so "trnds" suggests "trends" but "hello" suggests nothing.
        var firstWordLength = words[0].Length;
        return bestDistance <= Math.Max(1, firstWordLength / 3) ? best : null;
    }
}

/// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
