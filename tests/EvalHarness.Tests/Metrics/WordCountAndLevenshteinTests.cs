using System.Text.Json.Nodes;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class WordCountAndLevenshteinTests
{
    [Theory]
    [InlineData("word-count: 3", "one two three", Verdict.Pass)]
    [InlineData("word-count: 3", "  one\ttwo\n\nthree  ", Verdict.Pass)]
    [InlineData("word-count: 3", "one two", Verdict.Fail)]
    [InlineData("word-count: 0", "", Verdict.Pass)]
    [InlineData("word-count: 0", " \n\t ", Verdict.Pass)]
    [InlineData("word-count: 2", "日本語の文 👍🏽", Verdict.Pass)] // words are runs of non-white-space, as promptfoo splits
    [InlineData("word-count: 2", "a\u00a0b", Verdict.Pass)] // NBSP is white space to JavaScript's \s
    [InlineData("word-count: { value: { min: 2 } }", "one two three", Verdict.Pass)]
    [InlineData("{ type: word-count, value: { max: 2 } }", "one two three", Verdict.Fail)]
    [InlineData("word-count: { value: { min: 2, max: 3 } }", "one two three", Verdict.Pass)]
    [InlineData("not-word-count: { value: { min: 2, max: 3 } }", "one", Verdict.Pass)]
    [InlineData("levenshtein: { value: \"kitten\" }", "sitting", Verdict.Pass)] // distance 3 <= default 5
    [InlineData("levenshtein: { value: \"kitten\", threshold: 2 }", "sitting", Verdict.Fail)]
    [InlineData("levenshtein: { value: \"\", threshold: 0 }", "", Verdict.Pass)]
    [InlineData("levenshtein: { value: \"a\", threshold: 1 }", "👍", Verdict.Fail)] // promptfoo counts UTF-16 units: "👍" is 2 units away from "a"
    [InlineData("levenshtein: { value: \"line one\\nline two\", threshold: 1 }", "line one\r\nline two", Verdict.Pass)]
    [InlineData("not-levenshtein: { value: \"kitten\" }", "sitting", Verdict.Fail)]
    public async Task Check_GivesPromptfooVerdict(string entry, string output, Verdict expected) =>
        Assert.Equal(expected, (await Run(entry, output)).Verdict);

    [Fact]
    public async Task Levenshtein_ReportsTheDistanceAndDefaultsToExpected()
    {
        var result = await Run("levenshtein", "sitting", expected: "kitten");

        Assert.Equal(3, result.RawValue);
        Assert.Equal("Levenshtein distance 3 <= threshold 5", result.Reason);
    }

    [Fact]
    public async Task WordCount_ReadsAFieldAndRejectsNonNumbers()
    {
        var fields = new JsonObject { ["n"] = 2, ["range"] = new JsonObject { ["min"] = 1, ["max"] = 2 }, ["bad"] = "many" };

        Assert.Equal(Verdict.Pass, (await Run("word-count: { field: n }", "a b", fields: fields)).Verdict);
        Assert.Equal(Verdict.Fail, (await Run("word-count: { field: range }", "a b c", fields: fields)).Verdict);
        var bad = await Run("word-count: { field: bad }", "a b", fields: fields);
        Assert.Equal(Verdict.Error, bad.Verdict);
        Assert.Equal("the word count from field 'bad' is neither a number nor { min, max } (datasets/demo.jsonl(3,1))", bad.Reason);
    }

    [Theory]
    [InlineData("word-count: { value: { min: 5, max: 2 } }", "(4,26): error EVH005: metrics[0].word-count.value: min (5) is greater than max (2)")]
    [InlineData("word-count: { min: 2 }", "error EVH005: metrics[0].word-count.min: unknown parameter 'min' for metric 'word-count'; it accepts: value, field, threshold, metric")]
    [InlineData("word-count: { value: { least: 2 } }", "error EVH005: metrics[0].word-count.value.least: expected 'min' or 'max'")]
    [InlineData("word-count: many", "error EVH005: metrics[0].word-count.value: expected a number or { min, max }, found 'many'")]
    [InlineData("levenshtein: { value: x, threshold: -1 }", "error EVH011: metrics[0].levenshtein.threshold: -1 is out of range; expected a value of at least 0")]
    [InlineData("levenshtein: { value: x, threshold: five }", "error EVH005: metrics[0].levenshtein.threshold: expected a number, found 'five'")]
    public void InvalidParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);
}
