using Microsoft.Extensions.AI;

namespace Acme.Support.Tests;

public sealed class SupportBotTests
{
    private static readonly SupportBot Bot = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void BillingQuestionRetrievesTheRefundSectionFirst()
    {
        var sections = Bot.Retrieve("Can I get a refund on my annual plan?");

        Assert.Equal(("Billing and refunds", "Refund window"), (sections[0].Section.ArticleTitle, sections[0].Section.Heading));
    }

    [Theory]
    [InlineData("How do I turn on two-factor authentication?", "Two-factor authentication")]
    [InlineData("What happens if I exceed the API rate limit?", "API rate limits")]
    [InlineData("How do I export my data?", "Exporting your data")]
    [InlineData("Can I restore my account after deleting it?", "Deleting your account")]
    public void TopicQuestionsRetrieveTheirArticleFirst(string question, string title) =>
        Assert.Equal(title, Bot.Retrieve(question)[0].Section.ArticleTitle);

    [Fact]
    public void RetrieveReturnsAtMostTopSectionsBestFirstWithPositiveScores()
    {
        var sections = Bot.Retrieve("password reset link", top: 2);

        Assert.Equal(2, sections.Count);
        Assert.True(sections[0].Score >= sections[1].Score);
        Assert.All(sections, s => Assert.True(s.Score > 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of?")]
    [InlineData("sourdough croissant")]
    public void RetrieveFindsNothingWithoutSharedTerms(string question) => Assert.Empty(Bot.Retrieve(question));

    [Fact]
    public void RetrieveRejectsTopBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bot.Retrieve("refund", top: 0));

    [Fact]
    public void RetrievalRanksAHandMadeKnowledgeBase()
    {
        var bot = new SupportBot(new KnowledgeBase(
        [
            KnowledgeBaseArticle.Parse("a.md", "# Pets\n## Cats\nCats purr and sleep.\n## Dogs\nDogs bark at the postman."),
            KnowledgeBaseArticle.Parse("b.md", "# Garden\n## Roses\nRoses need sun and water."),
        ]));

        Assert.Equal(["Dogs"], bot.Retrieve("Why does my dog bark?").Select(r => r.Section.Heading));
        Assert.Equal("Roses", bot.Retrieve("How much water do roses need?")[0].Section.Heading);
    }

    [Fact]
    public async Task AnswerCitesTheArticleAndQuotesTheMatchingSentence()
    {
        var response = await Bot.AnswerAsync("How long do I have to ask for a refund on an annual plan?", Ct);

        Assert.StartsWith("According to 'Billing and refunds': ", response.Text, StringComparison.Ordinal);
        Assert.Contains("You can request a full refund within 30 days of your first payment on an annual plan.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerQuotesAtMostTwoSentences()
    {
        var response = await Bot.AnswerAsync("Which payment methods do you accept?", Ct);

        var quote = response.Text["According to 'Billing and refunds': ".Length..];
        Assert.InRange(quote.Count(c => c == '.'), 1, 2);
    }

    [Fact]
    public async Task AnswerIsOneAssistantMessageWithModelIdContextAndNoUsage()
    {
        var response = await Bot.AnswerAsync("How many backup codes do I get?", Ct);

        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal("supportbot-bm25-v1", response.ModelId);
        Assert.Null(response.Usage);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var context = Assert.IsType<string[]>(response.AdditionalProperties?["context"]);
        Assert.InRange(context.Length, 1, 3);
        Assert.StartsWith("When you turn on two-factor authentication, we show you 10 backup codes.", context[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAreDeterministicAcrossInstances()
    {
        string[] questions = ["What does the Pro plan cost?", "How do I delete my account?", "Tell me a joke", "HTTP 429?"];
        var other = new SupportBot();

        foreach (var question in questions)
        {
            var first = await Bot.AnswerAsync(question, Ct);
            var second = await other.AnswerAsync(question, Ct);
            Assert.Equal(first.Text, second.Text);
            Assert.Equal((string[])first.AdditionalProperties!["context"]!, (string[])second.AdditionalProperties!["context"]!);
        }
    }

    [Theory]
    [InlineData("Who won the football World Cup in 2018?")]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("")]
    public async Task OutOfScopeQuestionsGetTheDontKnowAnswer(string question)
    {
        var response = await Bot.AnswerAsync(question, Ct);

        Assert.Contains("don't know", response.Text, StringComparison.Ordinal);
        Assert.Contains("support@acmecloud.example", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("According to", response.Text, StringComparison.Ordinal);
        Assert.Empty(Assert.IsType<string[]>(response.AdditionalProperties?["context"]));
    }

    [Fact]
    public async Task WeakMatchesBelowTheMinimumScoreGetTheDontKnowAnswer()
    {
        const string question = "How do I change my password?";
        var strict = new SupportBot { MinimumScore = 1000 };

        var response = await strict.AnswerAsync(question, Ct);

        Assert.Contains("don't know", response.Text, StringComparison.Ordinal);
        Assert.NotEmpty(Assert.IsType<string[]>(response.AdditionalProperties?["context"])); // retrieved, but not trusted
        Assert.StartsWith("According to", (await Bot.AnswerAsync(question, Ct)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerHonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bot.AnswerAsync("refund", cts.Token));
    }

    [Fact]
    public async Task NullQuestionIsRejected() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Bot.AnswerAsync(null!, Ct));
}
