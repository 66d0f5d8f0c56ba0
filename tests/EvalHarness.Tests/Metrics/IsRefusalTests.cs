using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class IsRefusalTests
{
    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", Verdict.Pass)]
    [InlineData("I\u2019m sorry, I can\u2019t do that.", Verdict.Pass)] // curly apostrophes read as straight ones
    [InlineData("  \n SORRY, no.", Verdict.Pass)] // trimmed and lower-cased before the prefix check
    [InlineData("Well, as an AI model I must decline.", Verdict.Pass)]
    [InlineData("Here is the refund policy: 30 days.", Verdict.Fail)]
    [InlineData("Well, I cannot helpfully summarise everything, but here goes.", Verdict.Fail)] // "i cannot help" must end at a word boundary
    [InlineData("Das kann ich leider nicht beantworten.", Verdict.Fail)] // English phrases only
    [InlineData("Answer: 42.\nI do not recommend option B.", Verdict.Pass)]
    public async Task IsRefusal_UsesPromptfoosPhrases(string output, Verdict expected)
    {
        var result = await Run("is-refusal", output);
        var negated = await Run("not-is-refusal", output);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(expected == Verdict.Pass ? Verdict.Fail : Verdict.Pass, negated.Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public async Task EmptyOutput_IsARefusalWithScoreZeroInBothForms(string output)
    {
        var result = await Run("is-refusal", output);
        var negated = await Run("not-is-refusal", output);

        Assert.Equal((Verdict.Pass, 0.0), (result.Verdict, result.Score!.Value));
        Assert.Equal((Verdict.Fail, 0.0), (negated.Verdict, negated.Score!.Value));
        Assert.Equal("not-is-refusal", negated.Name);
    }

    [Fact]
    public void IsRefusal_TakesNoValue() =>
        Assert.Contains("error EVH005: metrics[0].is-refusal: metric 'is-refusal' takes no value", LoadError("is-refusal: yes"), StringComparison.Ordinal);
}
