using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocialBot.IntegrationTests.Operations;

/// <summary>One log entry with everything a sink could print: level, category, message, state and scope values.</summary>
internal sealed record CapturedLog(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, string?> Scope, string AllText);

/// <summary>A logger provider that keeps every entry, with the scopes active when it was written.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
            var text = new List<string> { formatter(state, exception), exception?.ToString() ?? string.Empty };
            owner.scopes.ForEachScope(
                (value, _) =>
                {
                    text.Add(value?.ToString() ?? string.Empty);
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, item) in pairs)
                        {
                            scope[key] = item?.ToString();
                            text.Add(item?.ToString() ?? string.Empty);
                        }
                    }
                },
                (object?)null);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text.AddRange(values.Select(v => v.Value?.ToString() ?? string.Empty));
            }

            owner.entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), scope, string.Join('\n', text)));
        }
    }
}
