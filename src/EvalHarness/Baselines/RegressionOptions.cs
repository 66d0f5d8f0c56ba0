using EvalHarness.Suites;

namespace EvalHarness.Baselines;

/// <summary>How a run is compared with its baseline.</summary>
public sealed record RegressionOptions
{
    /// <summary>The significance level (family-wise across the suite's metrics, by Holm's method).</summary>
    public double Alpha { get; init; } = GateDefinition.DefaultAlpha;

    /// <summary>The non-inferiority margin on the pass-rate or mean-score scale (0.02 = two points).</summary>
    public double Margin { get; init; }

    /// <summary>The fewest paired cases a metric is decided on; below it the metric is inconclusive.</summary>
    public int MinSamples { get; init; } = GateDefinition.DefaultRegressionMinSamples;

    /// <summary>Bootstrap resamples for the interval of the mean difference.</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>The bootstrap's seed: the same data always give the same interval.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>Which case ids this run was expected to cover (a shard covers only some); null for all.</summary>
    public Func<string, bool>? InScope { get; init; }

    /// <summary>
    /// The metric keys to compare (a suite's <c>metrics:</c>, as <see cref="SuiteMetricKeys"/> names them); null for every metric both
    /// runs scored. Dataset rows' own assertions apply to a case or two, too few to test, so the gate leaves them out.
    /// </summary>
    public IReadOnlyCollection<string>? Metrics { get; init; }

    /// <summary>The keys a suite's <c>metrics:</c> have in a baseline: display names, repeated ones numbered <c>name#2</c>… in order.</summary>
    public static IReadOnlyCollection<string> SuiteMetricKeys(SuiteDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Baseline.MetricsOf(definition.Metrics.Select(m => (m.DisplayName, (double?)null, Verdict.Pass))).Keys.ToArray();
    }

    /// <summary>The options a suite's gate asks for.</summary>
    public static RegressionOptions From(GateDefinition? gate) => gate is null ? new RegressionOptions() : new RegressionOptions
    {
        Alpha = gate.RegressionAlpha ?? GateDefinition.DefaultAlpha,
        Margin = gate.RegressionMargin ?? 0,
        MinSamples = gate.RegressionMinSamples,
    };
}
