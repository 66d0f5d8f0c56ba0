using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

public sealed class DriftAnalysisTests
{
    private static readonly double[] Latencies = Enumerable.Range(0, 100).Select(i => 200.0 + (i % 10 * 10)).ToArray();

    [Fact]
    public void TheSameDistributionDoesNotDrift()
    {
        var m = DriftAnalysis.Measure("latency", "latency", Latencies, Latencies, 0.1);

        Assert.Equal(DriftLevel.None, m.Level);
        Assert.Equal(0, m.Change);
        Assert.Equal(0, m.Z);
        Assert.Equal(0, m.KsStatistic);
        Assert.Equal(0, m.Psi);
        Assert.Empty(m.Recommendation);
    }

    [Fact]
    public void AChangeAboveTheThresholdIsDrift()
    {
        // +12 %: over the 10 % threshold; over 100 cases the mean moved about ten standard errors, which is critical.
        var current = Latencies.Select(v => v * 1.12).ToArray();

        var m = DriftAnalysis.Measure("latency", "latency", Latencies, current, 0.1);

        Assert.Equal(0.12, m.Change, 9);
        Assert.True(m.Z > 5);
        Assert.Equal(DriftLevel.Critical, m.Level);
        Assert.StartsWith("compare the model, provider and region", m.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallShiftWithinEveryThresholdIsNotDrift()
    {
        var current = Latencies.Select(v => v + 1).ToArray();

        var m = DriftAnalysis.Measure("latency", "latency", Latencies, current, 0.1);

        Assert.True(Math.Abs(m.Z) < 3);
        Assert.True(m.KsPValue >= 0.05);
        Assert.Equal(DriftLevel.None, m.Level);
    }

    [Fact]
    public void AModerateZScoreIsDriftAndAHalvingIsCritical()
    {
        // +4 % (under the 20 % threshold) but 4 standard errors away.
        var sd = Math.Sqrt(Latencies.Sum(v => Math.Pow(v - Latencies.Average(), 2)) / 99);
        var shifted = Latencies.Select(v => v + (4 * sd / 10)).ToArray();

        var moderate = DriftAnalysis.Measure("latency", "latency", Latencies, shifted, 0.2);
        var halved = DriftAnalysis.Measure("cost", "cost", Latencies, Latencies.Select(v => v / 2).ToArray(), 0.2);

        Assert.Equal(4, moderate.Z, 9);
        Assert.Equal(DriftLevel.Drift, moderate.Level);
        Assert.Equal(-0.5, halved.Change, 12);
        Assert.Equal(DriftLevel.Critical, halved.Level);
        Assert.StartsWith("compare tokens per case", halved.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasuresEveryScoredMetricAndTheMeasurementsBothRunsTook()
    {
        var baseline = BaselineBuilder.Of(Enumerable.Range(0, 20).Select(i => new BaselineCase("c" + i, Verdict.Pass,
            new Dictionary<string, BaselineMetric> { ["k"] = new(1, Verdict.Pass), ["r"] = new(0.5 + (i % 3 / 10.0), Verdict.Pass) }, 100 + i, null)));

        var measurements = DriftAnalysis.Measure(baseline, baseline, 0.1);

        Assert.Equal(["k", "r", "latency"], measurements.Select(m => m.Quantity));
        Assert.Equal(["pass/fail", "score", "latency"], measurements.Select(m => m.Kind));
        Assert.All(measurements, m => Assert.Equal(DriftLevel.None, m.Level));
    }
}
