using BenchmarkDotNet.Attributes;
using EvalHarness.Statistics;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Each statistic of EvalHarness.Statistics on 100,000-element samples (seeded, so every run measures the same data): scores rounded to
/// three decimals as metric scores are (so there are ties), a second sample shifted slightly, and 100,000 p-values for the
/// multiple-comparison adjustments. The count-based tests get the counts a 100,000-case paired run would produce.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter *StatisticsBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private const int N = 100_000;
    private List<double> _a = null!;
    private List<double> _b = null!;
    private List<double> _pValues = null!;

    /// <summary>Creates the samples. Lists, not arrays: callers pass <c>List&lt;double&gt;</c> through <c>IReadOnlyList&lt;double&gt;</c>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240601);
        _a = new List<double>(N);
        _b = new List<double>(N);
        _pValues = new List<double>(N);
        for (var i = 0; i < N; i++)
        {
            var a = Math.Round(Math.Clamp(0.7 + (0.15 * Gaussian(random)), 0, 1), 3);
            _a.Add(a);
            _b.Add(Math.Round(Math.Clamp(a - 0.01 + (0.05 * Gaussian(random)), 0, 1), 3));
            _pValues.Add(random.NextDouble());
        }
    }

    /// <summary>Mann-Whitney U (ranks of the pooled 200,000 values, tie correction, normal approximation).</summary>
    [Benchmark]
    public TestResult MannWhitneyU() => HypothesisTests.MannWhitneyU(_a, _b);

    /// <summary>Two-sample Kolmogorov-Smirnov (asymptotic above 10,000 values).</summary>
    [Benchmark]
    public TestResult KolmogorovSmirnov() => HypothesisTests.KolmogorovSmirnov(_a, _b);

    /// <summary>Welch's t-test.</summary>
    [Benchmark]
    public TestResult WelchT() => HypothesisTests.WelchT(_a, _b);

    /// <summary>Wilcoxon signed-rank of the paired samples (Pratt, as the regression gate uses it).</summary>
    [Benchmark]
    public TestResult WilcoxonSignedRankPratt() => HypothesisTests.WilcoxonSignedRank(_a, _b, ZeroMethod.Pratt);

    /// <summary>Wilcoxon signed-rank with zero differences dropped (the default).</summary>
    [Benchmark]
    public TestResult WilcoxonSignedRankWilcox() => HypothesisTests.WilcoxonSignedRank(_a, _b);

    /// <summary>Paired t-test.</summary>
    [Benchmark]
    public TestResult PairedT() => HypothesisTests.PairedT(_a, _b);

    /// <summary>Exact McNemar on the discordant pairs of a 100,000-case paired run.</summary>
    [Benchmark]
    public TestResult McNemar() => HypothesisTests.McNemar(4_100, 4_350);

    /// <summary>Mid-p McNemar (the regression gate's pass/fail test).</summary>
    [Benchmark]
    public TestResult McNemarMidP() => HypothesisTests.McNemarMidP(4_100, 4_350);

    /// <summary>Fisher's exact test of a 2×2 table of 100,000 cases (sums hypergeometric terms over the support).</summary>
    [Benchmark]
    public TestResult FisherExact() => HypothesisTests.FisherExact(47_600, 2_400, 47_100, 2_900);

    /// <summary>Exact binomial test of 100,000 trials.</summary>
    [Benchmark]
    public TestResult Binomial() => HypothesisTests.Binomial(50_300, N);

    /// <summary>Wilson interval of a 100,000-trial pass rate.</summary>
    [Benchmark]
    public Interval Wilson() => ConfidenceIntervals.Wilson(83_000, N);

    /// <summary>Percentile bootstrap of the mean with the default 2,000 resamples (2·10⁸ draws).</summary>
    [Benchmark]
    public Interval BootstrapMean() => ConfidenceIntervals.BootstrapMean(_a);

    /// <summary>The p95 (linear, numpy's).</summary>
    [Benchmark]
    public double Percentile95() => Descriptive.Percentile(_a, 95);

    /// <summary>Cliff's δ.</summary>
    [Benchmark]
    public double CliffsDelta() => EffectSize.CliffsDelta(_a, _b);

    /// <summary>Population stability index with 10 bins.</summary>
    [Benchmark]
    public double PopulationStabilityIndex() => Drift.PopulationStabilityIndex(_a, _b);

    /// <summary>Holm's adjustment of 100,000 p-values.</summary>
    [Benchmark]
    public double[] Holm() => MultipleComparisons.Holm(_pValues);

    /// <summary>Benjamini-Hochberg adjustment of 100,000 p-values.</summary>
    [Benchmark]
    public double[] BenjaminiHochberg() => MultipleComparisons.BenjaminiHochberg(_pValues);

    // Box-Muller: a seeded normal sample without a dependency.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
