using EvalHarness.Statistics;

namespace EvalHarness.Baselines;

/// <summary>One metric of one suite compared with its baseline, paired on case ids.</summary>
public sealed record MetricComparison
{
    /// <summary>The metric's name.</summary>
    public required string Metric { get; init; }

    /// <summary>True when the metric is compared as pass/fail (every score 0 or 1); false when compared on its scores.</summary>
    public bool IsPassFail { get; init; }

    /// <summary>The paired test used: <c>McNemar exact mid-p</c> or <c>Wilcoxon signed-rank (Pratt)</c>.</summary>
    public required string Test { get; init; }

    /// <summary>Cases with a comparable result in both the baseline and this run.</summary>
    public int Pairs { get; init; }

    /// <summary>The baseline's pass rate or mean score over the paired cases.</summary>
    public double BaselineMean { get; init; }

    /// <summary>This run's pass rate or mean score over the paired cases.</summary>
    public double CurrentMean { get; init; }

    /// <summary><see cref="CurrentMean"/> − <see cref="BaselineMean"/>: negative is worse.</summary>
    public double Delta { get; init; }

    /// <summary>The seeded bootstrap confidence interval of <see cref="Delta"/> at level 1 − α.</summary>
    public Interval Interval { get; init; }

    /// <summary>The paired test's statistic.</summary>
    public double Statistic { get; init; }

    /// <summary>The paired test's two-sided p-value (1 when nothing changed).</summary>
    public double PValue { get; init; }

    /// <summary><see cref="PValue"/> adjusted by Holm's method across the suite's compared metrics.</summary>
    public double AdjustedPValue { get; init; }

    /// <summary>Cliff's δ of this run's values against the baseline's (positive is better).</summary>
    public double CliffsDelta { get; init; }

    /// <summary>The verdict.</summary>
    public ComparisonVerdict Verdict { get; init; }

    /// <summary>Cases that got worse (a pass became a fail, or the score dropped), largest drop first.</summary>
    public IReadOnlyList<string> Worse { get; init; } = [];

    /// <summary>Cases that got better, largest gain first.</summary>
    public IReadOnlyList<string> Better { get; init; } = [];

    /// <summary>The figures behind the verdict in one line: metric, delta, interval, p and the cases that moved.</summary>
    public string Summary { get; init; } = string.Empty;
}
