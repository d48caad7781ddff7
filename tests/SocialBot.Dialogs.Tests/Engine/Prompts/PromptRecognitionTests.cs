using SocialBot.Dialogs.Engine.Prompts;

namespace SocialBot.Dialogs.Tests.Engine.Prompts;

public sealed class PromptRecognitionTests
{
    private static readonly PromptOptions Networks = new("Which network?") { Choices = ["X", "LinkedIn", "Mastodon", "Mastodon Social"] };

    [Theory]
    [InlineData("1", 0)]
    [InlineData("2.", 1)]
    [InlineData("linkedin", 1)]
    [InlineData("LINK", 1)]
    [InlineData("mastodon", 2)]
    [InlineData("Mastodon S", 3)]
    public void ChoiceRecognize_NumberTitleOrUniquePrefix_FindsChoice(string text, int expectedIndex)
    {
        var recognition = new ChoicePrompt("c").Recognize(text, Networks);

        Assert.True(recognition.Succeeded);
        Assert.Equal(new FoundChoice(expectedIndex, Networks.Choices![expectedIndex]), recognition.Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("Mast")]
    [InlineData("Facebook")]
    [InlineData("")]
    public void ChoiceRecognize_NoSingleMatch_FailsListingChoices(string text)
    {
        var recognition = new ChoicePrompt("c").Recognize(text, Networks);

        Assert.False(recognition.Succeeded);
        Assert.Contains("4. Mastodon Social", recognition.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Y", true)]
    [InlineData("Sure!", true)]
    [InlineData("okay.", true)]
    [InlineData("no", false)]
    [InlineData("n", false)]
    [InlineData("Nope", false)]
    public void ConfirmRecognize_YesOrNoWords_Recognized(string text, bool expected)
    {
        var recognition = new ConfirmPrompt("c").Recognize(text, new PromptOptions("Sure?"));

        Assert.True(recognition.Succeeded);
        Assert.Equal(expected, recognition.Value);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes no")]
    public void ConfirmRecognize_OtherText_Fails(string text) =>
        Assert.False(new ConfirmPrompt("c").Recognize(text, new PromptOptions("Sure?")).Succeeded);

    [Theory]
    [InlineData("3", 3)]
    [InlineData("2.5", 2.5)]
    [InlineData("-1", -1)]
    public void NumberRecognize_InvariantNumberInRange_Recognized(string text, double expected)
    {
        var recognition = new NumberPrompt("n").Recognize(text, new PromptOptions("How many?") { Min = -1, Max = 10 });

        Assert.True(recognition.Succeeded);
        Assert.Equal((decimal)expected, recognition.Value);
    }

    [Theory]
    [InlineData("1,5", "Please type a number from -1 to 10, like -1.")]
    [InlineData("ten", "Please type a number from -1 to 10, like -1.")]
    [InlineData("11", "Please type a number from -1 to 10.")]
    [InlineData("-1.5", "Please type a number from -1 to 10.")]
    public void NumberRecognize_BadOrOutOfRange_FailsWithRange(string text, string expectedError)
    {
        var recognition = new NumberPrompt("n").Recognize(text, new PromptOptions("How many?") { Min = -1, Max = 10 });

        Assert.False(recognition.Succeeded);
        Assert.Equal(expectedError, recognition.Error);
    }

    [Fact]
    public void NumberRecognize_UnderCommaDecimalCulture_StillInvariant()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var recognition = new NumberPrompt("n").Recognize("2.5", new PromptOptions("How many?"));

            Assert.Equal(2.5m, recognition.Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TextRecognize_ValidatorMessage_ReturnedAsError()
    {
        var prompt = new TextPrompt("t", text => text.Contains('#', StringComparison.Ordinal) ? "No hashtags here, please." : null);

        Assert.Equal("No hashtags here, please.", prompt.Recognize("#launch", new PromptOptions("Title?")).Error);
        Assert.Equal("Launch", prompt.Recognize("Launch", new PromptOptions("Title?")).Value);
    }
}
