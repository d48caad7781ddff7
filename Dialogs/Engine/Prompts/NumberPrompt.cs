using System.Globalization;

namespace SocialBot.Dialogs.Engine.Prompts;

/// <summary>
/// Asks for a number written with the invariant culture (a dot as decimal point, no thousands separators, so "1,5"
/// is rejected rather than read as 15). The answer is a <see cref="decimal"/> within the inclusive range of the options.
/// </summary>
internal sealed class NumberPrompt(string id) : PromptDialog(id)
{
    private const NumberStyles AcceptedStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    internal override PromptRecognition Recognize(string text, PromptOptions options)
    {
        if (!decimal.TryParse(text, AcceptedStyles, CultureInfo.InvariantCulture, out var number))
        {
            return PromptRecognition.Failed($"Please type a number{DescribeRange(options)}, like {Example(options)}.");
        }

        var inRange = (options.Min is not { } min || number >= min) && (options.Max is not { } max || number <= max);
        return inRange
            ? PromptRecognition.Success(number)
            : PromptRecognition.Failed($"Please type a number{DescribeRange(options)}.");
    }

    private static string DescribeRange(PromptOptions options) => (options.Min, options.Max) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $" of at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $" of at most {max}"),
        _ => string.Empty,
    };

    private static string Example(PromptOptions options) =>
        (options.Min ?? options.Max ?? 3m).ToString(CultureInfo.InvariantCulture);
}
