using EvalHarness.Statistics;
using TestResult = EvalHarness.Statistics.TestResult;

namespace EvalHarness.Tests.Statistics;

/// <summary>Degenerate samples answer NaN (never throw); invalid arguments throw; hand-computed values for the simple cases.</summary>
public sealed class DegenerateInputTests
{
    private static readonly double[] Empty = [];
    private static readonly double[] WithNaN = [1, double.NaN, 3];
    private static readonly double[] Some = [1, 2, 3];

    public static TheoryData<string> TwoSampleTests => new("mann-whitney", "kolmogorov-smirnov", "welch", "wilcoxon", "paired-t");

    private static TestResult Run(string test, IReadOnlyList<double> a, IReadOnlyList<double> b) => test switch
    {
        "mann-whitney" => HypothesisTests.MannWhitneyU(a, b),
        "kolmogorov-smirnov" => HypothesisTests.KolmogorovSmirnov(a, b),
        "welch" => HypothesisTests.WelchT(a, b),
        "wilcoxon" => HypothesisTests.WilcoxonSignedRank(a, b, ZeroMethod.Pratt),
        _ => HypothesisTests.PairedT(a, b),
    };

    [Theory]
    [MemberData(nameof(TwoSampleTests))]
    public void EmptySamplesGiveNaN(string test)
    {
        var result = Run(test, Empty, Empty);

        Assert.True(double.IsNaN(result.PValue));
        Assert.True(double.IsNaN(result.Statistic));
    }

    [Theory]
    [MemberData(nameof(TwoSampleTests))]
    public void NaNInGivesNaNOut(string test)
    {
        Assert.True(double.IsNaN(Run(test, WithNaN, Some).PValue));
        Assert.True(double.IsNaN(Run(test, Some, WithNaN).PValue));
    }

    [Fact]
    public void PairedTestsOfIdenticalSamplesHaveNoAnswer()
    {
        Assert.True(double.IsNaN(HypothesisTests.WilcoxonSignedRank(Some, Some, ZeroMethod.Pratt).PValue));
        Assert.True(double.IsNaN(HypothesisTests.WilcoxonSignedRank(Some, Some).PValue));
        Assert.True(double.IsNaN(HypothesisTests.PairedT(Some, Some).PValue));
    }

    [Fact]
    public void IdenticalAllEqualSamplesAreNotDifferent()
    {
        double[] twos = [2, 2, 2, 2];

        Assert.Equal(1, HypothesisTests.MannWhitneyU(twos, twos).PValue);
        Assert.Equal(new TestResult(0, 1), HypothesisTests.KolmogorovSmirnov(twos, twos));
        Assert.True(double.IsNaN(HypothesisTests.WelchT(twos, twos).PValue));
    }

    [Fact]
    public void PairedSamplesOfDifferentLengthsAreAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => HypothesisTests.PairedT([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => HypothesisTests.WilcoxonSignedRank([1, 2], [1]));
    }

    [Fact]
    public void CountsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HypothesisTests.McNemar(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => HypothesisTests.FisherExact(1, -2, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => HypothesisTests.Binomial(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => HypothesisTests.Binomial(1, 4, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(1, 2, 1.0));
    }

    [Fact]
    public void ZeroTrialsHaveNoProportion()
    {
        Assert.True(double.IsNaN(HypothesisTests.Binomial(0, 0).PValue));
        Assert.True(double.IsNaN(ConfidenceIntervals.Wilson(0, 0).Lower));

        // No discordant pairs: the exact McNemar test cannot see a difference, the chi-squared one is undefined.
        Assert.Equal(new TestResult(0, 1), HypothesisTests.McNemar(0, 0));
        Assert.True(double.IsNaN(HypothesisTests.McNemar(0, 0, exact: false, continuityCorrection: false).PValue));
    }

    [Fact]
    public void PercentileHandValues()
    {
        double[] values = [4, 1, 3, 2];

        Assert.Equal(2.5, Descriptive.Percentile(values, 50));
        Assert.Equal(1, Descriptive.Percentile(values, 0));
        Assert.Equal(4, Descriptive.Percentile(values, 100));
        Assert.Equal(3.85, Descriptive.Percentile(values, 95), 12);
        Assert.Equal(2, Descriptive.Percentile(values, 50, PercentileMethod.NearestRank));
        Assert.Equal(4, Descriptive.Percentile(values, 95, PercentileMethod.NearestRank));
        Assert.Equal(1, Descriptive.Percentile(values, 0, PercentileMethod.NearestRank));
        Assert.Equal(7, Descriptive.Percentile([7], 99));
    }

    [Fact]
    public void PercentileOfNothingIsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.Percentile(Empty, 50)));
        Assert.True(double.IsNaN(Descriptive.Percentile(WithNaN, 50)));
        Assert.True(double.IsNaN(Descriptive.Percentile(Some, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Percentile(Some, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Percentile(Some, -0.5));
    }

    [Fact]
    public void PercentileDoesNotReorderTheCallersList()
    {
        double[] values = [3, 1, 2];

        _ = Descriptive.Percentile(values, 50);

        Assert.Equal([3.0, 1.0, 2.0], values);
    }

    [Theory]
    [InlineData(0.0, EffectMagnitude.Negligible)]
    [InlineData(0.1469, EffectMagnitude.Negligible)]
    [InlineData(0.147, EffectMagnitude.Small)]
    [InlineData(-0.2, EffectMagnitude.Small)]
    [InlineData(0.33, EffectMagnitude.Medium)]
    [InlineData(0.4739, EffectMagnitude.Medium)]
    [InlineData(0.474, EffectMagnitude.Large)]
    [InlineData(-1.0, EffectMagnitude.Large)]
    [InlineData(double.NaN, EffectMagnitude.Negligible)]
    public void MagnitudeThresholdsTakeTheHigherLabel(double delta, EffectMagnitude expected) =>
        Assert.Equal(expected, EffectSize.Magnitude(delta));

    [Fact]
    public void CliffsDeltaHandValues()
    {
        // Pairs (a, b): 1<2, 2=2, 3>2 → (1 − 1) / 3; every a above every b → 1; every a below → −1.
        Assert.Equal(0, EffectSize.CliffsDelta([1, 2, 3], [2]));
        Assert.Equal(1, EffectSize.CliffsDelta([5, 6], [1, 2, 3]));
        Assert.Equal(-1, EffectSize.CliffsDelta([1], [2, 3]));
        Assert.Equal(0, EffectSize.CliffsDelta([2, 2], [2, 2, 2]));
        Assert.True(double.IsNaN(EffectSize.CliffsDelta(Empty, Some)));
        Assert.True(double.IsNaN(EffectSize.CliffsDelta(Some, WithNaN)));
    }

    [Fact]
    public void PsiOfASampleAgainstItselfIsZeroAndOfNothingIsNaN()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(0, Drift.PopulationStabilityIndex(values, values));
        Assert.True(double.IsNaN(Drift.PopulationStabilityIndex(values, Empty)));
        Assert.True(double.IsNaN(Drift.PopulationStabilityIndex(WithNaN, values)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Drift.PopulationStabilityIndex(values, values, 0));
    }

    [Fact]
    public void PsiHandValueForTwoBins()
    {
        // Baseline median 2.5 splits [1,2 | 3,4] into e = (0.5, 0.5); current [1,1,1,4] gives a = (0.75, 0.25).
        var expected = ((0.75 - 0.5) * Math.Log(0.75 / 0.5)) + ((0.25 - 0.5) * Math.Log(0.25 / 0.5));

        Assert.Equal(expected, Drift.PopulationStabilityIndex([1, 2, 3, 4], [1, 1, 1, 4], bins: 2), 15);
    }

    [Fact]
    public void AdjustmentsOfNoPValuesAreEmpty()
    {
        Assert.Empty(MultipleComparisons.Holm(Empty));
        Assert.Empty(MultipleComparisons.BenjaminiHochberg(Empty));
    }

    [Fact]
    public void BootstrapIsSeededAndBracketsTheMean()
    {
        double[] differences = [0.1, -0.2, 0.0, 0.3, 0.05, -0.1, 0.2, 0.0, 0.15, -0.05];

        var first = ConfidenceIntervals.BootstrapMean(differences, seed: 7);
        var again = ConfidenceIntervals.BootstrapMean(differences, seed: 7);
        var other = ConfidenceIntervals.BootstrapMean(differences, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Contains(differences.Average()));
        Assert.Equal(new Interval(0.5, 0.5), ConfidenceIntervals.BootstrapMean([0.5, 0.5, 0.5]));
        Assert.True(double.IsNaN(ConfidenceIntervals.BootstrapMean(Empty).Lower));
    }

    [Fact]
    public void ExactMannWhitneyForLargeSamplesFallsBackInsteadOfExhaustingMemory()
    {
        var a = Enumerable.Range(0, 3000).Select(i => (double)i).ToArray();
        var b = Enumerable.Range(0, 3000).Select(i => i + 0.5).ToArray();

        var result = HypothesisTests.MannWhitneyU(a, b, PValueMethod.Exact);

        Assert.InRange(result.PValue, 0.9, 1.0);
    }
}
