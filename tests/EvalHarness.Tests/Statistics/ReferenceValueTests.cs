using EvalHarness.Statistics;

namespace EvalHarness.Tests.Statistics;

/// <summary>Every statistic against scipy 1.10.1 / numpy 1.24.2 / statsmodels 0.13.5 values produced by reference/make_reference.py.</summary>
public sealed class ReferenceValueTests
{
    public static TheoryData<int> Rows(int count) => new(Enumerable.Range(0, count));

    public static TheoryData<int> PercentileRows => Rows(ScipyReference.Percentiles.Length);

    public static TheoryData<int> MannWhitneyRows => Rows(ScipyReference.MannWhitney.Length);

    public static TheoryData<int> KolmogorovSmirnovRows => Rows(ScipyReference.KolmogorovSmirnov.Length);

    public static TheoryData<int> KolmogorovSfRows => Rows(ScipyReference.KolmogorovSf.Length);

    public static TheoryData<int> WelchRows => Rows(ScipyReference.Welch.Length);

    public static TheoryData<int> PairedTRows => Rows(ScipyReference.PairedT.Length);

    public static TheoryData<int> WilcoxonRows => Rows(ScipyReference.Wilcoxon.Length);

    public static TheoryData<int> McNemarRows => Rows(ScipyReference.McNemar.Length);

    public static TheoryData<int> McNemarMidPRows => Rows(ScipyReference.McNemarMidP.Length);

    public static TheoryData<int> FisherRows => Rows(ScipyReference.Fisher.Length);

    public static TheoryData<int> BinomialRows => Rows(ScipyReference.Binomial.Length);

    public static TheoryData<int> WilsonRows => Rows(ScipyReference.Wilson.Length);

    public static TheoryData<int> AdjustedRows => Rows(ScipyReference.Adjusted.Length);

    public static TheoryData<int> DistributionRows => Rows(ScipyReference.Distribution.Length);

    private static PValueMethod Method(string name) => name switch
    {
        "exact" => PValueMethod.Exact,
        "asymptotic" or "asymp" or "approx" => PValueMethod.Asymptotic,
        _ => PValueMethod.Auto,
    };

    [Theory]
    [MemberData(nameof(PercentileRows))]
    public void PercentileMatchesNumpy(int row)
    {
        var (values, percentile, linear, nearestRank) = ScipyReference.Percentiles[row];

        // numpy's linear method is reproduced bit for bit; nearest rank equals numpy's inverted_cdf.
        Assert.Equal(linear, Descriptive.Percentile(values, percentile));
        Assert.Equal(nearestRank, Descriptive.Percentile(values, percentile, PercentileMethod.NearestRank));
    }

    [Theory]
    [MemberData(nameof(MannWhitneyRows))]
    public void MannWhitneyMatchesScipy(int row)
    {
        var (sample, method, statistic, p) = ScipyReference.MannWhitney[row];
        var (a, b) = ScipyReference.Samples[sample];

        var result = HypothesisTests.MannWhitneyU(a, b, Method(method));

        Close.Equal(statistic, result.Statistic, what: "U");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(KolmogorovSmirnovRows))]
    public void KolmogorovSmirnovMatchesScipy(int row)
    {
        var (sample, method, statistic, p) = ScipyReference.KolmogorovSmirnov[row];
        var (a, b) = ScipyReference.Samples[sample];

        var result = HypothesisTests.KolmogorovSmirnov(a, b, Method(method));

        Close.Equal(statistic, result.Statistic, what: "D");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(KolmogorovSfRows))]
    public void KolmogorovDistributionMatchesScipy(int row)
    {
        var (n, x, sf) = ScipyReference.KolmogorovSf[row];

        // Looser than elsewhere: for n ≥ 1013 the Birnbaum-Tingey sum runs through log-gamma, where scipy's cephes code differs slightly.
        Close.Equal(sf, KolmogorovDistribution.KolmogorovSf(n, x), 1e-9, "kstwo.sf(" + x + ", " + n + ")");
    }

    [Theory]
    [MemberData(nameof(WelchRows))]
    public void WelchMatchesScipy(int row)
    {
        var (sample, statistic, p) = ScipyReference.Welch[row];
        var (a, b) = ScipyReference.Samples[sample];

        var result = HypothesisTests.WelchT(a, b);

        Close.Equal(statistic, result.Statistic, what: "t");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(PairedTRows))]
    public void PairedTMatchesScipy(int row)
    {
        var (sample, statistic, p) = ScipyReference.PairedT[row];
        var (a, b) = ScipyReference.Paired[sample];

        var result = HypothesisTests.PairedT(a, b);

        Close.Equal(statistic, result.Statistic, what: "t");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(WilcoxonRows))]
    public void WilcoxonMatchesScipy(int row)
    {
        var (sample, zeroMethod, correction, method, statistic, p) = ScipyReference.Wilcoxon[row];
        var (a, b) = ScipyReference.Paired[sample];

        var result = HypothesisTests.WilcoxonSignedRank(a, b, zeroMethod == "pratt" ? ZeroMethod.Pratt : ZeroMethod.Wilcox, correction, Method(method));

        Close.Equal(statistic, result.Statistic, what: "T");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(McNemarRows))]
    public void McNemarMatchesStatsmodels(int row)
    {
        var (onlyA, onlyB, exact, correction, statistic, p) = ScipyReference.McNemar[row];

        var result = HypothesisTests.McNemar(onlyA, onlyB, exact, correction);

        Close.Equal(statistic, result.Statistic, what: "statistic");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(McNemarMidPRows))]
    public void McNemarMidPMatchesItsDefinition(int row)
    {
        var (onlyA, onlyB, p) = ScipyReference.McNemarMidP[row];

        var result = HypothesisTests.McNemarMidP(onlyA, onlyB);

        Assert.Equal(Math.Min(onlyA, onlyB), result.Statistic);
        Close.Equal(p, result.PValue, what: "mid-p");
    }

    [Theory]
    [MemberData(nameof(FisherRows))]
    public void FisherMatchesScipy(int row)
    {
        var (a, b, c, d, statistic, p) = ScipyReference.Fisher[row];

        var result = HypothesisTests.FisherExact(a, b, c, d);

        Close.Equal(statistic, result.Statistic, what: "odds ratio");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(BinomialRows))]
    public void BinomialMatchesScipy(int row)
    {
        var (successes, trials, probability, statistic, p) = ScipyReference.Binomial[row];

        var result = HypothesisTests.Binomial(successes, trials, probability);

        Close.Equal(statistic, result.Statistic, what: "k/n");
        Close.Equal(p, result.PValue, what: "p");
    }

    [Theory]
    [MemberData(nameof(WilsonRows))]
    public void WilsonMatchesStatsmodels(int row)
    {
        var (successes, trials, confidence, lower, upper) = ScipyReference.Wilson[row];

        var interval = ConfidenceIntervals.Wilson(successes, trials, confidence);

        // Where statsmodels' lower end is 0 the subtraction leaves rounding noise of ~1e-17 on either side.
        Close.Equal(lower, interval.Lower, 1e-12, "lower", absolute: 1e-15);
        Close.Equal(upper, interval.Upper, 1e-12, "upper", absolute: 1e-15);
    }

    [Theory]
    [MemberData(nameof(AdjustedRows))]
    public void AdjustedPValuesMatchStatsmodels(int row)
    {
        var (p, holm, bh) = ScipyReference.Adjusted[row];

        Assert.Equal(holm, MultipleComparisons.Holm(p));
        Assert.Equal(bh, MultipleComparisons.BenjaminiHochberg(p));
    }

    [Theory]
    [MemberData(nameof(DistributionRows))]
    public void PsiAndCliffsDeltaMatchTheirDefinitions(int row)
    {
        var (sample, psi, delta) = ScipyReference.Distribution[row];
        var (a, b) = ScipyReference.Samples[sample];

        Close.Equal(psi, Drift.PopulationStabilityIndex(a, b), 1e-12, "PSI");
        Close.Equal(delta, EffectSize.CliffsDelta(a, b), 1e-15, "Cliff's delta");
    }
}
