using EvalHarness.Baselines;
using EvalHarness.Importing;

namespace EvalHarness.Tests.DriftWindows;

/// <summary>Drift between two windows: a planted 30% latency shift is drift of the right severity; two windows of one distribution are not.</summary>
public sealed class WindowDriftTests
{
    [Fact]
    public void APlanted30PercentLatencyShiftOnALargeWindowIsCritical()
    {
        // 1,000 calls each, latency N(800, 80) → N(1040, 80): change +30% (drift) and |z| = 240 / (80/√1000) ≈ 95 > 5 (critical).
        var baseline = SyntheticWindows.Window(SyntheticWindows.Make(1, 1000, 800, 80));
        var current = SyntheticWindows.Window(SyntheticWindows.Make(2, 1000, 1040, 80));

        var measurements = WindowDrift.Compare(baseline, current);

        var latency = Assert.Single(measurements, m => m.Quantity == "latency");
        Assert.Equal(DriftLevel.Critical, latency.Level);
        Assert.InRange(latency.Change, 0.27, 0.33);
        Assert.True(latency.Z > 5);
        Assert.True(latency.KsPValue < 0.05);
        Assert.True(latency.Psi > 0.25);
        Assert.StartsWith("compare the model, provider and region", latency.Recommendation, StringComparison.Ordinal);
        Assert.All(measurements.Where(m => m.Quantity != "latency"), m => Assert.Equal(DriftLevel.None, m.Level));
    }

    [Fact]
    public void APlanted30PercentLatencyShiftOnASmallNoisyWindowIsDriftButNotCritical()
    {
        // 20 calls each with sd 400 ms: the +30% change exceeds the 10% threshold, but |z| = 240 / (400/√20) ≈ 2.7 stays below 5.
        var calls = SyntheticWindows.Make(3, 20, 800, 400);
        var baseline = SyntheticWindows.Window(calls);
        var current = SyntheticWindows.Window(calls.Select(o => o with { LatencyMs = o.LatencyMs * 1.3 }));

        var latency = Assert.Single(WindowDrift.Compare(baseline, current), m => m.Quantity == "latency");

        Assert.Equal(0.3, latency.Change, 9);
        Assert.InRange(Math.Abs(latency.Z), 0, 5);
        Assert.Equal(DriftLevel.Drift, latency.Level);
    }

    [Fact]
    public void TwoWindowsFromTheSameDistributionShowNoDrift()
    {
        var baseline = SyntheticWindows.Window(SyntheticWindows.Make(11, 1000, 800, 80));
        var current = SyntheticWindows.Window(SyntheticWindows.Make(12, 1000, 800, 80));

        var measurements = WindowDrift.Compare(baseline, current);

        Assert.Equal(["latency", "cost per 1k calls (USD)", "input tokens", "output tokens", "faithfulness", "error rate"], measurements.Select(m => m.Quantity));
        Assert.All(measurements, m => Assert.Equal(DriftLevel.None, m.Level));
        Assert.All(measurements, m => Assert.Empty(m.Recommendation));
    }

    [Theory]
    [InlineData(20, 1000, 21, 1000, DriftLevel.None)]   // 2.0% → 2.1%: not significant
    [InlineData(0, 100, 1, 100, DriftLevel.None)]       // one error after none: not significant
    [InlineData(20, 1000, 28, 1000, DriftLevel.None)]   // 2.0% → 2.8%, z ≈ 1.17
    [InlineData(20, 1000, 45, 1000, DriftLevel.Critical)] // 2.0% → 4.5%: +125%, z ≈ 3.2
    [InlineData(200, 1000, 250, 1000, DriftLevel.Drift)]  // 20% → 25%: +25%, z ≈ 2.7
    public void ErrorRateDriftNeedsASignificantChange(long errorsB, long countB, long errorsA, long countA, DriftLevel expected) =>
        Assert.Equal(expected, WindowDrift.ErrorRate(errorsB, countB, errorsA, countA, 0.1).Level);

    [Fact]
    public void ReplayedLatenciesAreNotTrackedAndAMetricNamedLikeAQuantityIsLabelledAsAMetric()
    {
        // Sub-millisecond latencies (replayed calls) doubling is not drift; a metric called "latency" keeps its own line.
        var baseline = SyntheticWindows.Window(Enumerable.Range(0, 50).Select(i => new TraceObservation
        {
            LatencyMs = 0.5 + (i % 5 * 0.1),
            Scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["latency"] = 1 },
        }));
        var current = SyntheticWindows.Window(Enumerable.Range(0, 50).Select(i => new TraceObservation
        {
            LatencyMs = 1 + (i % 5 * 0.2),
            Scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["latency"] = 1 },
        }));

        var measurements = WindowDrift.Compare(baseline, current);

        Assert.Equal(["metric latency", "error rate"], measurements.Select(m => m.Quantity));
        Assert.All(measurements, m => Assert.Equal(DriftLevel.None, m.Level));
    }

    [Fact]
    public void ALargeWindowIsSampledToTheReservoirSizeAndKeepsExactCounts()
    {
        var window = new DriftWindow(seed: 5, reservoirSize: 100);
        for (var i = 0; i < 10_000; i++)
        {
            window.Add(new TraceObservation { LatencyMs = i, IsError = i % 10 == 0 });
        }

        Assert.Equal(10_000, window.Count);
        Assert.Equal(1_000, window.Errors);
        var sample = window.Sample(DriftWindow.Latency);
        Assert.Equal(100, sample.Count);

        // A uniform sample of 0…9999: its mean lies near 5000 (sd of the mean ≈ 289), not near the first 100 values' 49.5.
        Assert.InRange(sample.Average(), 4000, 6000);
    }
}
