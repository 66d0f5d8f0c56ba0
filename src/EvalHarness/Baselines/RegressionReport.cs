namespace EvalHarness.Baselines;

/// <summary>A suite's run compared with its baseline: every metric's paired comparison and the cases that appeared or disappeared.</summary>
public sealed record RegressionReport
{
    /// <summary>Per-metric comparisons, in the order the metrics first appear.</summary>
    public IReadOnlyList<MetricComparison> Metrics { get; init; } = [];

    /// <summary>Case ids in this run but not in the baseline (not compared).</summary>
    public IReadOnlyList<string> Added { get; init; } = [];

    /// <summary>Case ids in the baseline but not in this run (not compared).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Metrics in this run that the baseline does not have (not compared).</summary>
    public IReadOnlyList<string> NewMetrics { get; init; } = [];

    /// <summary>Metrics in the baseline that this run no longer has.</summary>
    public IReadOnlyList<string> DroppedMetrics { get; init; } = [];

    /// <summary>
    /// The suite's verdict: <see cref="ComparisonVerdict.Regressed"/> when any metric regressed, else inconclusive when any is,
    /// else improved when any improved, else pass.
    /// </summary>
    public ComparisonVerdict Verdict =>
        Metrics.Any(m => m.Verdict == ComparisonVerdict.Regressed) ? ComparisonVerdict.Regressed
        : Metrics.Any(m => m.Verdict == ComparisonVerdict.Inconclusive) ? ComparisonVerdict.Inconclusive
        : Metrics.Any(m => m.Verdict == ComparisonVerdict.Improved) ? ComparisonVerdict.Improved
        : ComparisonVerdict.Pass;
}
