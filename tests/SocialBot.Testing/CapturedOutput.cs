using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SocialBot.Testing;

/// <summary>Thread-safe, bounded capture of a child process's stdout and stderr, for failure messages.</summary>
public sealed class CapturedOutput
{
    private const int MaxLines = 2000;

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    internal CapturedOutput(string name) => _name = name;

    /// <summary>Raised for every captured line (already prefixed with "out"/"err").</summary>
    public event Action<string>? LineReceived;

    /// <summary>All lines kept so far (the oldest are dropped beyond a bound).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    internal void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => Append("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    internal void Note(string line) => Append("harness", line);

    /// <summary>The last <paramref name="count"/> lines, formatted for an exception message.</summary>
    public string Tail(int count = 60)
    {
        var lines = Lines;
        var builder = new StringBuilder();
        builder.AppendLine($"--- last {Math.Min(count, lines.Count)} of {lines.Count} output lines of {_name} ---");
        foreach (var line in lines.Skip(Math.Max(0, lines.Count - count)))
        {
            builder.AppendLine(line);
        }

        return builder.ToString();
    }

    private void Append(string stream, string? data)
    {
        if (data is null)
        {
            return;
        }

        var line = $"[{stream}] {data}";
        _lines.Enqueue(line);
        while (_lines.Count > MaxLines && _lines.TryDequeue(out _))
        {
        }

        LineReceived?.Invoke(line);
    }
}
