using Xunit;
using System.Text;

namespace SocialBot.Testing;

/// <summary>A named JSON document to validate (a card, a manifest).</summary>
/// <param name="Name">Shown in failure messages, e.g. <c>approvals/pending-hostile</c>.</param>
/// <param name="Json">The JSON text.</param>
public sealed record SchemaDocument(string Name, string Json);

/// <summary>A document the official schema rejected, with the validator's messages (JSON pointer: problem).</summary>
/// <param name="Name">The document name.</param>
/// <param name="Errors">The validator's messages.</param>
public sealed record SchemaFailure(string Name, IReadOnlyList<string> Errors);

/// <summary>Outcome of one validation batch.</summary>
/// <param name="Passed">Names of valid documents.</param>
/// <param name="Failures">Invalid documents and why.</param>
public sealed record SchemaValidationResult(IReadOnlyList<string> Passed, IReadOnlyList<SchemaFailure> Failures)
{
    /// <summary>Every document is valid.</summary>
    public bool IsValid => Failures.Count == 0;

    /// <summary>Fails the test with every failure and message when any document is invalid.</summary>
    public void AssertValid()
    {
        if (!IsValid)
        {
            Assert.Fail(ToString());
        }
    }

    /// <summary>A readable report: counts, then each failing document with its messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(Passed.Count).Append(" valid, ").Append(Failures.Count).Append(" invalid");
        foreach (var failure in Failures)
        {
            text.AppendLine().Append("FAIL ").Append(failure.Name);
            foreach (var error in failure.Errors)
            {
                text.AppendLine().Append("  ").Append(error);
            }
        }

        return text.ToString();
    }

    internal static SchemaValidationResult Combine(IEnumerable<SchemaValidationResult> results)
    {
        var all = results.ToArray();
        return new SchemaValidationResult([.. all.SelectMany(r => r.Passed)], [.. all.SelectMany(r => r.Failures)]);
    }
}
