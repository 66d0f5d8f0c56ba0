namespace EvalHarness.Baselines;

/// <summary>How one quantity's distribution (a metric's scores, latency or cost) moved from the baseline's.</summary>
public sealed record DriftMeasurement
{
    /// <summary>The quantity: a metric's name, <c>latency</c> or <c>cost</c>.</summary>
    public required string Quantity { get; init; }

    /// <summary>What kind of quantity it is: <c>pass/fail</c>, <c>score</c>, <c>latency</c> or <c>cost</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Values in the baseline.</summary>
    public int BaselineCount { get; init; }

    /// <summary>Values in this run.</summary>
    public int CurrentCount { get; init; }

    /// <summary>The baseline's mean.</summary>
    public double BaselineMean { get; init; }

    /// <summary>This run's mean.</summary>
    public double CurrentMean { get; init; }

    /// <summary>The relative change of the mean, (current − baseline) / |baseline| (0 when both are 0, ∞ when only the baseline is).</summary>
    public double Change { get; init; }

    /// <summary>The shift of the mean in standard errors of the baseline: (current − baseline) / (sd_baseline / √n_current).</summary>
    public double Z { get; init; }

    /// <summary>The two-sample Kolmogorov-Smirnov statistic D.</summary>
    public double KsStatistic { get; init; }

    /// <summary>The Kolmogorov-Smirnov p-value.</summary>
    public double KsPValue { get; init; }

    /// <summary>The population stability index over 10 bins of the baseline's deciles.</summary>
    public double Psi { get; init; }

    /// <summary>The level by the rule: drift when |change| &gt; pct_threshold or |z| &gt; 3 or KS p &lt; 0.05; critical when |change| &gt; 50 % or |z| &gt; 5.</summary>
    public DriftLevel Level { get; init; }

    /// <summary>What to do about it, one line per kind of quantity.</summary>
    public string Recommendation { get; init; } = string.Empty;

    /// <summary>The figures in one line.</summary>
    public string Summary { get; init; } = string.Empty;
}
