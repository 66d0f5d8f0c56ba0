using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

public sealed class RegressionAnalysisTests
{
    private static bool[] Passes(int total, int failing, int offset = 0) =>
        Enumerable.Range(0, total).Select(i => i < offset || i >= offset + failing).ToArray();

    [Fact]
    public void AnIdenticalRunPasses()
    {
        var baseline = BaselineBuilder.PassFail("keywords", Passes(40, 6));

        var report = RegressionAnalysis.Compare(baseline, baseline);

        var m = Assert.Single(report.Metrics);
        Assert.Equal(ComparisonVerdict.Pass, m.Verdict);
        Assert.Equal(0, m.Delta);
        Assert.Equal(1, m.PValue);
        Assert.Equal(new EvalHarness.Statistics.Interval(0, 0), m.Interval);
        Assert.Equal(ComparisonVerdict.Pass, report.Verdict);
    }

    [Fact]
    public void ManyNewFailuresAreARegressionNamingTheCases()
    {
        // 40 cases: 2 failed before; now 12 fail, 10 of them newly (McNemar: 10 discordant one way, mid-p = 2^-10).
        var baseline = BaselineBuilder.PassFail("keywords", Passes(40, 2));
        var current = BaselineBuilder.PassFail("keywords", Passes(40, 12));

        var m = Assert.Single(RegressionAnalysis.Compare(baseline, current).Metrics);

        Assert.Equal(ComparisonVerdict.Regressed, m.Verdict);
        Assert.True(m.IsPassFail);
        Assert.Equal(RegressionAnalysis.PassFailTest, m.Test);
        Assert.Equal(40, m.Pairs);
        Assert.Equal(-0.25, m.Delta, 12);
        Assert.Equal(Math.Pow(2, -10), m.PValue, 15);
        Assert.True(m.Interval.Upper < 0);
        Assert.Equal(Enumerable.Range(2, 10).Select(i => "case-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), m.Worse);
        Assert.Empty(m.Better);
        Assert.StartsWith("keywords: regressed: pass rate 95.0% → 70.0% (Δ −25.0 pts, 95% CI −", m.Summary, StringComparison.Ordinal);
        Assert.Contains("McNemar exact mid-p p = 0.0010 (Holm 0.0010), 40 paired cases; worse: case-002, case-003", m.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyNewPassesAreAnImprovement()
    {
        var m = Assert.Single(RegressionAnalysis.Compare(BaselineBuilder.PassFail("k", Passes(40, 12)), BaselineBuilder.PassFail("k", Passes(40, 2))).Metrics);

        Assert.Equal(ComparisonVerdict.Improved, m.Verdict);
        Assert.Equal(10, m.Better.Count);
    }

    [Fact]
    public void TooFewPairedCasesAreInconclusive()
    {
        var report = RegressionAnalysis.Compare(BaselineBuilder.PassFail("k", Passes(6, 0)), BaselineBuilder.PassFail("k", Passes(6, 6)),
            new RegressionOptions { MinSamples = 10 });

        var m = Assert.Single(report.Metrics);
        Assert.Equal(ComparisonVerdict.Inconclusive, m.Verdict);
        Assert.StartsWith("k: inconclusive: only 6 paired cases (min_samples 10)", m.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ASignificantDeclineWithinTheMarginIsNotARegression()
    {
        // 400 cases, 12 newly failing (Δ = −3 pts, p ≈ 0.0005): significant, but inside a 5-point margin.
        var baseline = BaselineBuilder.PassFail("k", Passes(400, 0));
        var current = BaselineBuilder.PassFail("k", Passes(400, 12));

        var strict = Assert.Single(RegressionAnalysis.Compare(baseline, current).Metrics);
        var lenient = Assert.Single(RegressionAnalysis.Compare(baseline, current, new RegressionOptions { Margin = 0.05 }).Metrics);

        Assert.Equal(ComparisonVerdict.Regressed, strict.Verdict);
        Assert.Equal(ComparisonVerdict.Pass, lenient.Verdict);
    }

    [Fact]
    public void AFewFlipsBothWaysAreNeverARegression()
    {
        // Noise: 3 cases got worse and 3 better.
        var before = Passes(40, 3);
        var after = Passes(40, 3, offset: 3);

        var m = Assert.Single(RegressionAnalysis.Compare(BaselineBuilder.PassFail("k", before), BaselineBuilder.PassFail("k", after)).Metrics);

        Assert.Equal(0, m.Delta);
        Assert.NotEqual(ComparisonVerdict.Regressed, m.Verdict);
        Assert.Equal(3, m.Worse.Count);
        Assert.Equal(3, m.Better.Count);
    }

    [Fact]
    public void ScoresAreComparedWithTheSignedRankTest()
    {
        var before = Enumerable.Range(0, 30).Select(i => 0.5 + (i % 5 * 0.1)).ToArray();
        var after = before.Select((s, i) => i < 20 ? s - 0.2 : s).ToArray();

        var m = Assert.Single(RegressionAnalysis.Compare(BaselineBuilder.Scores("relevance", before), BaselineBuilder.Scores("relevance", after)).Metrics);

        Assert.False(m.IsPassFail);
        Assert.Equal(RegressionAnalysis.ScoreTest, m.Test);
        Assert.Equal(ComparisonVerdict.Regressed, m.Verdict);
        Assert.Equal(-0.2 * 20 / 30, m.Delta, 9);
        Assert.Equal(20, m.Worse.Count);
        Assert.Contains("Cliff's δ −", m.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void HolmAdjustsAcrossTheSuitesMetrics()
    {
        var cases = Enumerable.Range(0, 40).Select(i => new BaselineCase("c" + i, Verdict.Pass, new Dictionary<string, BaselineMetric>
        {
            ["a"] = new(1, Verdict.Pass),
            ["b"] = new(1, Verdict.Pass),
        }, null, null)).ToArray();
        var worse = cases.Select((c, i) => i < 6 ? c with
        {
            Metrics = new Dictionary<string, BaselineMetric> { ["a"] = new(0, Verdict.Fail), ["b"] = new(1, Verdict.Pass) },
        } : c).ToArray();

        var report = RegressionAnalysis.Compare(BaselineBuilder.Of(cases), BaselineBuilder.Of(worse));

        var a = report.Metrics.Single(m => m.Metric == "a");
        Assert.Equal(Math.Pow(2, -6), a.PValue, 15);
        Assert.Equal(2 * Math.Pow(2, -6), a.AdjustedPValue, 15);
        Assert.Equal(ComparisonVerdict.Regressed, a.Verdict);
        Assert.Equal(ComparisonVerdict.Pass, report.Metrics.Single(m => m.Metric == "b").Verdict);
        Assert.Equal(ComparisonVerdict.Regressed, report.Verdict);
    }

    [Fact]
    public void ErrorsCountAsFailuresAndUnsampledResultsAreLeftOut()
    {
        BaselineCase Case(int i, Verdict v) => new("c" + i, v, new Dictionary<string, BaselineMetric> { ["k"] = new(v == Verdict.Pass ? 1 : null, v) }, null, null);
        var baseline = BaselineBuilder.Of(Enumerable.Range(0, 20).Select(i => Case(i, Verdict.Pass)));
        var current = BaselineBuilder.Of(Enumerable.Range(0, 20).Select(i => Case(i, i < 3 ? Verdict.Error : i < 5 ? Verdict.Inconclusive : Verdict.Pass)));

        var m = Assert.Single(RegressionAnalysis.Compare(baseline, current).Metrics);

        Assert.Equal(18, m.Pairs);
        Assert.Equal(["c0", "c1", "c2"], m.Worse.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddedAndRemovedCasesAndMetricsAreListed()
    {
        var baseline = BaselineBuilder.PassFail("k", Passes(12, 0), prefix: "old-");
        var current = BaselineBuilder.Of(BaselineBuilder.PassFail("k", Passes(10, 0), prefix: "old-").Cases
            .Concat(BaselineBuilder.PassFail("new-metric", Passes(2, 0), prefix: "new-").Cases));

        var report = RegressionAnalysis.Compare(baseline, current);

        Assert.Equal(["new-000", "new-001"], report.Added);
        Assert.Equal(["old-010", "old-011"], report.Removed);
        Assert.Equal(["new-metric"], report.NewMetrics);
        Assert.Equal(10, Assert.Single(report.Metrics).Pairs);
    }

    [Fact]
    public void AShardComparesOnlyItsOwnCases()
    {
        var baseline = BaselineBuilder.PassFail("k", Passes(20, 0));
        var current = BaselineBuilder.Of(baseline.Cases.Take(10));

        var report = RegressionAnalysis.Compare(baseline, current, new RegressionOptions { InScope = id => string.CompareOrdinal(id, "case-010") < 0 });

        Assert.Empty(report.Removed);
    }

    [Fact]
    public void TheBootstrapIntervalIsDeterministic()
    {
        var baseline = BaselineBuilder.Scores("r", Enumerable.Range(0, 50).Select(i => (i % 7) / 7.0).ToArray());
        var current = BaselineBuilder.Scores("r", Enumerable.Range(0, 50).Select(i => ((i + 3) % 7) / 7.0).ToArray());

        var first = RegressionAnalysis.Compare(baseline, current).Metrics[0].Interval;
        var second = RegressionAnalysis.Compare(baseline, current).Metrics[0].Interval;

        Assert.Equal(first, second);
    }
}
