using System.Text.Json.Nodes;
using EvalHarness.Metrics;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

/// <summary>Scores checked against values computed by hand from the published definitions (nltk 3.8 BLEU, SQuAD v1.1, Levenshtein, ROUGE-L).</summary>
public sealed class ReferenceScoreTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Bleu_ExactOneWordMatch_IsPointOneToTheThreeQuarters()
    {
        // p1 = 1/1; hypothesis has no 2-,3-,4-grams so those counts are 0/max(1, 0) = 0/1, smoothed by method1 to 0.1/1.
        // BP = 1 (lengths equal). BLEU = exp(¼·ln 1 + ¾·ln 0.1) = 0.1^0.75 = 0.1778279410038923.
        Assert.Equal(0.1778279410038923, Bleu.Sentence(["hello"], "hello"), Tolerance);
    }

    [Fact]
    public void Bleu_NoUnigramMatch_IsZero() =>
        Assert.Equal(0, Bleu.Sentence(["baz qux"], "foo bar"));

    [Fact]
    public void Bleu_SentenceWithSmoothedFourGrams()
    {
        // hyp "the cat sat on the mat", ref "the cat is on the mat" (6 tokens each, BP = exp(1 - 6/6) = 1):
        // p1 = 5/6 (the×2, cat, on, mat), p2 = 3/5 (the cat, on the, the mat), p3 = 1/4 (on the mat), p4 = 0/3 → 0.1/3.
        // BLEU = exp(¼(ln 5/6 + ln 3/5 + ln 1/4 + ln 0.1/3)) = (1.5/360)^¼ = 0.25406637407730737.
        Assert.Equal(0.25406637407730737, Bleu.Sentence(["the cat is on the mat"], "the cat sat on the mat"), Tolerance);
    }

    [Fact]
    public void Bleu_ClosestReferenceBrevityPenaltyWithSeveralReferences()
    {
        // hyp "the cat" (2); refs of length 3 and 5 → closest r = 3, BP = exp(1 - 3/2) = exp(-0.5).
        // p1 = 2/2, p2 = 1/1 ("the cat" in ref 1), p3 = p4 = 0/max(1,0) → 0.1/1.
        // BLEU = exp(-0.5) · exp(¼(0 + 0 + 2·ln 0.1)) = exp(-0.5)·0.1^0.5 = 0.19180183554164504.
        Assert.Equal(0.19180183554164504, Bleu.Sentence(["the cat sat", "a cat is here now"], "the cat"), Tolerance);
    }

    [Fact]
    public void Bleu_ClipsByTheLargestCountInAnySingleReference()
    {
        // nltk's doctest: hyp "the the the the the the the", refs "the cat is on the mat", "there is a cat on the mat":
        // p1 = min(7, max(2, 1)) / 7 = 2/7; higher orders: "the the" never occurs → 0 → 0.1/6, 0.1/5, 0.1/4. BP = 1 (the closest reference has 7 tokens).
        // BLEU = exp(¼(ln 2/7 + ln 0.1/6 + ln 0.1/5 + ln 0.1/4)).
        var expected = Math.Exp(0.25 * (Math.Log(2.0 / 7) + Math.Log(0.1 / 6) + Math.Log(0.1 / 5) + Math.Log(0.1 / 4)));
        Assert.Equal(expected, Bleu.Sentence(["the cat is on the mat", "there is a cat on the mat"], "the the the the the the the"), Tolerance);
    }

    [Fact]
    public void Bleu_TokenisesLikePythonSplitAndKeepsUnicodeAndCase()
    {
        // 2 tokens each; p1 = p2 = 1, p3 = p4 = 0.1/1 → 0.1^0.5 = 0.316227766016838.
        Assert.Equal(0.316227766016838, Bleu.Sentence(["café naïve"], " café\n\tnaïve\u2028"), Tolerance);
        Assert.Equal(0, Bleu.Sentence(["Café"], "café"));
        Assert.Equal(0, Bleu.Sentence(["hello"], string.Empty));
    }

    [Fact]
    public void CorpusBleu_MicroAveragesCountsAcrossSentences()
    {
        // Pair 1: "hello"/"hello" → counts n1 1/1, n2 0/1, n3 0/1, n4 0/1. Pair 2 as above → 5/6, 3/5, 1/4, 0/3.
        // Summed: 6/7, 3/6, 1/5, 0/4 → 0.1/4; lengths 7 and 7 → BP = 1.
        // BLEU = exp(¼(ln 6/7 + ln 1/2 + ln 1/5 + ln 0.025)) = 0.21515344521672802 (not the mean of 0.1778 and 0.2541).
        var score = Bleu.Corpus([["hello"], ["the cat is on the mat"]], ["hello", "the cat sat on the mat"]);

        Assert.Equal(0.21515344521672802, score, Tolerance);
    }

    [Fact]
    public void CorpusBleu_RejectsMismatchedLists() =>
        Assert.Throws<ArgumentException>(() => Bleu.Corpus([["a"]], ["a", "b"]));

    [Theory]
    [InlineData("The Cat sat!", "a cat sat on the mat", 0.6666666666666666)] // [cat, sat] vs [cat, sat, on, mat]: P = 1, R = 1/2, F1 = 2·1·½ / 1½ = 2/3
    [InlineData("CAFÉ", "café", 1.0)]
    [InlineData("Café crème", "cafe creme", 0.0)]
    [InlineData("the the", "an a", 0.0)] // both normalise to nothing: v1.1 gives 0
    [InlineData("", "", 0.0)]
    [InlineData("Paris,\n  France", "paris france", 1.0)]
    [InlineData("don't stop", "dont stop", 1.0)] // the apostrophe is ASCII punctuation and is removed, not split on
    public void TokenF1_FollowsSquadV11(string prediction, string reference, double expected) =>
        Assert.Equal(expected, TextSimilarity.TokenF1(prediction, reference), Tolerance);

    [Theory]
    [InlineData("The Eiffel Tower!", "eiffel   tower", true)]
    [InlineData("An apple", "apple.", true)]
    [InlineData("theory", "ory", false)] // only whole words a/an/the are dropped
    [InlineData("", "!!!", true)] // both normalise to the empty string
    [InlineData("Straße", "strasse", false)]
    public void ExactMatch_FollowsSquadV11(string prediction, string reference, bool expected) =>
        Assert.Equal(expected, TextSimilarity.ExactMatch(prediction, reference));

    [Fact]
    public void NormalizeAnswer_IsTheSquadNormalisation() =>
        Assert.Equal("quick brown fox²", TextSimilarity.NormalizeAnswer("  The quick, brown\tfox²  a "));

    [Theory]
    [InlineData("kitten", "sitting", 0.5714285714285714)] // d = 3, max len 7: 1 - 3/7
    [InlineData("👍a", "👍b", 0.5)] // code points: 2 each, d = 1 (UTF-16 units would give 1 - 1/3)
    [InlineData("", "", 1.0)]
    [InlineData("", "abc", 0.0)]
    [InlineData("\u00e9", "e\u0301", 0.0)] // precomposed é (1 code point) vs e + combining acute (2): d = 2, max 2
    [InlineData("a\r\nb", "a\nb", 0.75)] // d = 1 (delete \r), max 4
    public void EditSimilarity_CountsCodePoints(string a, string b, double expected) =>
        Assert.Equal(expected, TextSimilarity.EditSimilarity(a, b), Tolerance);

    [Theory]
    [InlineData("the cat sat on the mat", "the cat is on the mat", 0.8333333333333334)] // LCS 5 ("the cat on the mat"), P = R = 5/6, F = 5/6
    [InlineData("a b c d", "a c e", 0.5714285714285714)] // LCS 2, P = 2/4, R = 2/3, F = 2·½·⅔ / (½ + ⅔) = 4/7
    [InlineData("", "a", 0.0)]
    [InlineData("x y", "a b", 0.0)]
    [InlineData("日本 語", "日本\n語", 1.0)]
    public void RougeL_IsLcsF1(string candidate, string reference, double expected) =>
        Assert.Equal(expected, TextSimilarity.RougeL(candidate, reference), Tolerance);

    [Fact]
    public async Task SimilarityMetrics_AreReachableFromASuiteAndUseTheirThresholds()
    {
        var bleu = await Run("bleu-score: { value: \"hello\" }", "hello");
        var f1 = await Run("token-f1: { threshold: 0.6 }", "The Cat sat!", expected: "a cat sat on the mat");
        var em = await Run("exact-match", "The Eiffel Tower!", expected: "eiffel tower");
        var edit = await Run("edit-similarity", "kitten", expected: "sitting");
        var rouge = await Run("rouge-l: { value: [\"x\", \"the cat is on the mat\"] }", "the cat sat on the mat");

        Assert.Equal((Verdict.Fail, 0.1778279410038923), (bleu.Verdict, bleu.Score!.Value), new ScoreComparer());
        Assert.Equal((Verdict.Pass, 0.6666666666666666), (f1.Verdict, f1.Score!.Value), new ScoreComparer());
        Assert.Equal((Verdict.Pass, 1.0), (em.Verdict, em.Score!.Value), new ScoreComparer());
        Assert.Equal((Verdict.Fail, 0.5714285714285714), (edit.Verdict, edit.Score!.Value), new ScoreComparer()); // default threshold 0.8
        Assert.Equal((Verdict.Pass, 0.8333333333333334), (rouge.Verdict, rouge.Score!.Value), new ScoreComparer()); // best of the references
        Assert.Equal("BLEU 0.1778 < threshold 0.5", bleu.Reason);
    }

    [Fact]
    public async Task SimilarityMetrics_UseAllItemsOfAListField()
    {
        var fields = new JsonObject { ["answers"] = new JsonArray("Paris", "the city of Paris") };

        var f1 = await Run("token-f1: { field: answers }", "Paris", fields: fields);
        var bleu = await Run("bleu-score: { field: answers }", "the city of Paris", fields: fields);

        Assert.Equal(1.0, f1.Score!.Value, Tolerance);
        Assert.Equal(1.0, bleu.Score!.Value, Tolerance); // an exact 4-token match of one reference; closest length 4 → BP 1
    }

    [Theory]
    [InlineData("bleu-score")]
    [InlineData("token-f1")]
    [InlineData("exact-match")]
    [InlineData("edit-similarity")]
    [InlineData("rouge-l")]
    public async Task SimilarityMetrics_WithoutAReference_AreErrors(string name)
    {
        var noExpected = await Run(name, "output");
        var emptyList = await Run(name + ": { field: refs }", "output", fields: new JsonObject { ["refs"] = new JsonArray() });

        Assert.Equal(Verdict.Error, noExpected.Verdict);
        Assert.Equal(Verdict.Error, emptyList.Verdict);
        Assert.Equal("no reference text in field 'refs' (datasets/demo.jsonl(3,1))", emptyList.Reason);
    }

    [Theory]
    [InlineData("bleu-score: { threshold: 1.5 }", "error EVH011: metrics[0].bleu-score.threshold: 1.5 is out of range; expected a value from 0 to 1")]
    [InlineData("rouge-l: { value: { a: 1 } }", "error EVH005: metrics[0].rouge-l.value: expected a string or a list of strings, found a mapping")]
    [InlineData("token-f1: { weights: 1 }", "error EVH005: metrics[0].token-f1.weights: unknown parameter 'weights' for metric 'token-f1'")]
    public void InvalidParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);

    private sealed class ScoreComparer : IEqualityComparer<(Verdict, double)>
    {
        public bool Equals((Verdict, double) x, (Verdict, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= Tolerance;

        public int GetHashCode((Verdict, double) obj) => obj.Item1.GetHashCode();
    }
}
