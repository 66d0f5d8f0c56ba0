using EvalHarness.Metrics;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

/// <summary>promptfoo's own <c>bleu</c> and <c>rouge-n</c>, which differ from the reference definitions on purpose (users migrate with these numbers).</summary>
public sealed class PromptfooScoreTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Bleu_OneWordMatch_UsesOnlyTheUsableOrder()
    {
        // promptfoo skips orders without candidate n-grams and rescales weights: only p1 = 1 remains, so BLEU = 1 (nltk gives 0.1^0.75).
        Assert.Equal(1.0, BleuMetric.Score("Hello", ["hello"]), Tolerance);
    }

    [Fact]
    public void Bleu_ZeroPrecisionCountsAsOneInTenMillion()
    {
        // Lower-cased tokens; p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0 → 1e-7; BP = 1.
        // BLEU = exp(¼ ln 5/6 + ¼ ln 3/5 + ¼ ln 1/4 + ¼ ln 1e-7) = 0.010573712634405643.
        Assert.Equal(0.010573712634405643, BleuMetric.Score("The cat sat on the mat", ["the cat is on the mat"]), Tolerance);
    }

    [Fact]
    public void Bleu_BlankOutputScoresZero() => Assert.Equal(0, BleuMetric.Score(" \n", ["hello"]));

    [Theory]
    [InlineData("The cat sat.", "the cat sat", 0.8571428571428571)] // tokens [the, cat, sat, .] vs [the, cat, sat]: P = 3/4, R = 1, F = 6/7
    [InlineData("It's here, isn't it?", "it 's here , is n't it ?", 1.0)] // Treebank splits contractions and punctuation
    [InlineData("I cannot go", "i can not go", 1.0)]
    [InlineData("He said \"hi\" there", "he said `` hi '' there", 1.0)] // quotes become `` and ''
    [InlineData("", "anything", 0.0)]
    [InlineData("Grüße, Zoë!", "grüße\nzoë", 0.6666666666666666)] // [grüße , zoë !] vs [grüße zoë]: overlap 2, P = 2/4, R = 1, F = 2/3
    public void RougeN_IsPromptfoosRouge1(string candidate, string reference, double expected) =>
        Assert.Equal(expected, RougeNMetric.Score(candidate, reference), Tolerance);

    [Fact]
    public async Task Bleu_AndRougeN_FromASuite_WithPromptfooDefaultThresholds()
    {
        var bleu = await Run("bleu: { value: \"hello\" }", "hello");
        var rouge = await Run("rouge-n: { value: \"the cat sat\" }", "The cat sat.");
        var notRouge = await Run("not-rouge-n: { value: \"the cat sat\" }", "The cat sat.");

        Assert.Equal(Verdict.Pass, bleu.Verdict); // 1 >= 0.5
        Assert.Equal(Verdict.Pass, rouge.Verdict); // 0.857 >= 0.75
        Assert.Equal(Verdict.Fail, notRouge.Verdict);
        Assert.Equal(1 - 0.8571428571428571, notRouge.Score!.Value, Tolerance); // promptfoo's inverse score is 1 - score
    }
}
