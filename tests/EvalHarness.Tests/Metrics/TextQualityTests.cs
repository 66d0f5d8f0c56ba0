using System.Text.Json.Nodes;
using EvalHarness.Metrics;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class TextQualityTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void ReadingEase_FollowsFleschWithTheDocumentedSyllableRule()
    {
        // 6 words, 1 sentence, 6 syllables: 206.835 - 1.015·6/1 - 84.6·6/6 = 116.145.
        Assert.Equal(116.145, ReadabilityMetric.ReadingEase("The cat sat on the mat.", out var words, out var sentences, out var syllables)!.Value, Tolerance);
        Assert.Equal((6, 1, 6), (words, sentences, syllables));

        // un-be-lie-va-bly (u, e, ie, a, y = 5) com-pli-ca-ted (4) do-cu-men-ta-tion (o, u, e, a, io = 5): 14 syllables, 3 words, 1 sentence.
        // 206.835 - 1.015·3 - 84.6·14/3 = -191.01.
        Assert.Equal(-191.01, ReadabilityMetric.ReadingEase("Unbelievably complicated documentation.", out _, out _, out syllables)!.Value, 1e-9);
        Assert.Equal(14, syllables);
    }

    [Theory]
    [InlineData("make", 1)] // silent final e
    [InlineData("table", 2)] // consonant + le keeps its syllable
    [InlineData("free", 1)]
    [InlineData("the", 1)]
    [InlineData("café", 2)]
    [InlineData("rhythm", 1)] // y is a vowel
    [InlineData("東京", 1)] // no Latin vowel: at least one
    public void ReadingEase_SyllablesPerWord(string word, int expected)
    {
        ReadabilityMetric.ReadingEase(word, out _, out _, out var syllables);

        Assert.Equal(expected, syllables);
    }

    [Fact]
    public void ReadingEase_CountsSentencesAtTerminatorsFollowedBySpaceAndATrailingFragment()
    {
        ReadabilityMetric.ReadingEase("It costs 3.50 dollars. Really?!\nYes… and then", out var words, out var sentences, out _);

        Assert.Equal((9, 4), (words, sentences)); // "3.50" is one word and no sentence end; "?!" is one end
    }

    [Theory]
    [InlineData("readability", "The cat sat on the mat.", Verdict.Pass, 1.0)]
    [InlineData("readability", "Unbelievably complicated documentation.", Verdict.Fail, 0.0)]
    [InlineData("readability: { threshold: 0.3 }", "", Verdict.Fail, 0.0)]
    [InlineData("not-readability", "Unbelievably complicated documentation.", Verdict.Pass, 1.0)]
    public async Task Readability_FromASuite(string entry, string output, Verdict verdict, double? score)
    {
        var result = await Run(entry, output);

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(score, result.Score);
    }

    [Fact]
    public async Task KeywordOverlap_IsTheShareOfInputContentWordsInTheOutput()
    {
        // Content words of the input: reset, router, password (how/do/i/my are stop words). Output has reset and router: 2/3.
        var result = await Run("keyword-overlap", "To reset the Router, hold the button.", input: "How do I reset my router password?");

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(2.0 / 3, result.Score!.Value, Tolerance);
        Assert.Equal("password", result.Details["missing"]);
    }

    [Fact]
    public async Task KeywordOverlap_ReadsAFieldAndHandlesUnicode()
    {
        var fields = new JsonObject { ["topics"] = new JsonArray("Zürich", "Überweisung") };

        var result = await Run("keyword-overlap: { field: topics, threshold: 1 }", "überweisung nach zürich\n", fields: fields);

        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public async Task KeywordOverlap_WithoutContentWordsOrField_IsAnError()
    {
        var noWords = await Run("keyword-overlap", "anything", input: "Is it?");
        var noField = await Run("keyword-overlap: { field: topics }", "anything", fields: []);
        var empty = await Run("keyword-overlap", "", input: "router password");

        Assert.Equal(Verdict.Error, noWords.Verdict);
        Assert.Equal("the input has no content words to look for (datasets/demo.jsonl(3,1))", noWords.Reason);
        Assert.Equal(Verdict.Error, noField.Verdict);
        Assert.Equal((Verdict.Fail, 0.0), (empty.Verdict, empty.Score!.Value));
    }

    [Theory]
    [InlineData("length: { max_chars: 5 }", "👍🏽é\u0301東京ü", Verdict.Pass)] // 5 grapheme clusters, 11 UTF-16 units
    [InlineData("length: { max_chars: 4 }", "👍🏽é\u0301東京ü", Verdict.Fail)]
    [InlineData("length: { min_words: 2, max_words: 3 }", "one\ntwo\tthree", Verdict.Pass)]
    [InlineData("length: { min_words: 1 }", "", Verdict.Fail)]
    [InlineData("length: { max_lines: 2 }", "a\r\nb\n", Verdict.Pass)] // a final line break does not start a line
    [InlineData("length: { max_lines: 2 }", "a\n\nb", Verdict.Fail)]
    [InlineData("length: { max_lines: 0 }", "", Verdict.Pass)]
    [InlineData("not-length: { max_chars: 3 }", "four", Verdict.Pass)]
    public async Task Length_ChecksBounds(string entry, string output, Verdict expected) =>
        Assert.Equal(expected, (await Run(entry, output)).Verdict);

    [Fact]
    public async Task Length_ReportsAllThreeMeasures()
    {
        var result = await Run("length: { max_words: 1 }", "two words\nhere");

        Assert.Equal("output length out of bounds: 3 words > max 1", result.Reason);
        Assert.Equal(("14", "3", "2"), (result.Details["characters"], result.Details["words"], result.Details["lines"]));
    }

    [Theory]
    [InlineData("length", "error EVH005: metrics[0].length: give at least one bound: min_chars, max_chars, min_words, max_words, min_lines, max_lines")]
    [InlineData("length: { min_words: 5, max_words: 2 }", "error EVH005: metrics[0].length.min_words: min_words (5) is greater than max_words (2)")]
    [InlineData("length: { max_chars: 2.5 }", "error EVH005: metrics[0].length.max_chars: expected a whole number, found '2.5'")]
    [InlineData("length: { max_chars: -1 }", "error EVH005: metrics[0].length.max_chars: -1 is out of range; expected a value of at least 0")]
    [InlineData("readability: { threshold: 50 }", "error EVH011: metrics[0].readability.threshold: 50 is out of range; expected a value from 0 to 1")]
    [InlineData("keyword-overlap: { value: x }", "error EVH005: metrics[0].keyword-overlap.value: unknown parameter 'value' for metric 'keyword-overlap'")]
    public void InvalidParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);
}
