using SocialBot.Dialogs.Engine;

namespace SocialBot.Dialogs.Tests.Engine;

public sealed class CardFormStepTests
{
    [Fact]
    public Task RunAsync_SubmitWithMatchingToken_AdvancesAndCompletes() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>((card, reply) =>
            {
                Assert.Equal(reply.FormToken, card.FormToken);
                Assert.False(string.IsNullOrWhiteSpace(card.FormToken));
                Assert.False(reply.ReplacesActedOnCard);
                Assert.Null(card.ErrorMessage);
            })
            .ExpectStatus(DialogTurnStatus.Waiting)
            .Submit("test.save", """{"title":"Spring sale"}""")
            .ExpectCard<string>((card, reply) =>
            {
                Assert.Equal("Saved \"Spring sale\"", card);
                Assert.True(reply.ReplacesActedOnCard);
            })
            .ExpectResult<string>(title => Assert.Equal("Spring sale", title))
            .RunAsync();

    [Fact]
    public Task RunAsync_TextWhileFormWaits_ResendsFormAndOldFormIsStale() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>()
            .Send("what now?")
            .ExpectTextContaining("Here's the form again")
            .ExpectCard<TestFormCard>()
            .ExpectStatus(DialogTurnStatus.Waiting)
            .SubmitToForm(1, "test.save", """{"title":"Old card"}""")
            .ExpectText(DialogRunner.StaleFormMessage)
            .ExpectStatus(DialogTurnStatus.Stale)
            .SubmitToForm(2, "test.save", """{"title":"New card"}""")
            .ExpectCard<string>()
            .ExpectResult<string>(title => Assert.Equal("New card", title))
            .RunAsync();

    [Fact]
    public Task RunAsync_SameFormSubmittedTwice_SecondIsStaleAndCompletesOnce()
    {
        var completions = 0;
        return DialogTranscript.Create()
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>()
            .Submit("test.save", """{"title":"Once"}""")
            .ExpectCard<string>()
            .ExpectResult<string>(_ => completions++)
            .SubmitToForm(1, "test.save", """{"title":"Once"}""")
            .ExpectText(DialogRunner.UsedFormMessage)
            .ExpectStatus(DialogTurnStatus.Stale)
            .Then(() => Assert.Equal(1, completions))
            .RunAsync();
    }

    [Fact]
    public Task RunAsync_SubmitRejectedByValidator_ReplacesCardWithErrorAndNewToken() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>()
            .Submit("test.save", """{"title":""}""")
            .ExpectCard<TestFormCard>((card, reply) =>
            {
                Assert.Equal("Please add a title.", card.ErrorMessage);
                Assert.True(reply.ReplacesActedOnCard);
            })
            .ExpectStatus(DialogTurnStatus.Waiting)
            .SubmitToForm(1, "test.save", """{"title":"Sneaky"}""")
            .ExpectText(DialogRunner.StaleFormMessage)
            .Submit("test.save", """{"title":"Fixed"}""")
            .ExpectCard<string>()
            .ExpectResult<string>(title => Assert.Equal("Fixed", title))
            .RunAsync();

    [Fact]
    public Task RunAsync_CardActionWithoutFormToken_PassesThroughAndFormKeepsWaiting() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>()
            .SubmitWithoutFormToken("approvals.approve", """{"draftId":"d1"}""")
            .ExpectStatus(DialogTurnStatus.PassedThrough)
            .Submit("test.save", """{"title":"Still works"}""")
            .ExpectCard<string>()
            .ExpectResult<string>(title => Assert.Equal("Still works", title))
            .RunAsync();

    [Fact]
    public Task RunAsync_FormTokenWhilePromptWaits_IsStale() =>
        DialogTranscript.Create()
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .Begin(TestDialogs.TitleForm)
            .ExpectCard<TestFormCard>()
            .Begin(TestDialogs.Greeting)
            .ExpectText("What's your name?")
            .SubmitToForm(1, "test.save", """{"title":"Late"}""")
            .ExpectText(DialogRunner.StaleFormMessage)
            .ExpectStatus(DialogTurnStatus.Stale)
            .Send("Grace")
            .ExpectText("Which city in Norway?")
            .RunAsync();

    [Fact]
    public Task RunAsync_CardActionWithoutTokenAndNoDialog_NoActiveDialog() =>
        DialogTranscript.Create()
            .SubmitWithoutFormToken("approvals.approve", """{"draftId":"d1"}""")
            .ExpectStatus(DialogTurnStatus.NoActiveDialog)
            .RunAsync();
}
