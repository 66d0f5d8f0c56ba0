using EvalHarness.Baselines;

namespace EvalHarness.Running;

/// <summary>One rule of a suite's gate and how the run fared against it.</summary>
/// <param name="Name">
/// The rule, named after its key in the suite file: <c>min_pass_rate</c>, <c>metrics.&lt;metric&gt;.min_pass_rate</c>,
/// <c>all_cases_pass</c>, <c>budget_usd</c>, <c>baseline</c>, <c>regression</c>, <c>regression.&lt;metric&gt;</c>, <c>drift</c>,
/// <c>drift.&lt;quantity&gt;</c>, <c>different_ruler</c>, <c>snapshots</c>, <c>dangling_snapshots</c>.
/// </param>
/// <param name="Verdict">
/// Pass, fail, or inconclusive when the rule could not be decided. A rule of <see cref="RuleSeverity.Warning"/> severity that fires
/// keeps <see cref="Verdict.Pass"/> and says so in a reason starting with <c>warning:</c>.
/// </param>
/// <param name="Reason">The figures behind the verdict, in one line.</param>
public sealed record GateCheck(string Name, Verdict Verdict, string Reason)
{
    /// <summary>What the rule does when it fires: fail the run, or only report.</summary>
    public RuleSeverity Severity { get; init; } = RuleSeverity.Critical;

    /// <summary>For comparisons with the baseline: pass, improved, regressed or inconclusive; null for other rules.</summary>
    public ComparisonVerdict? Comparison { get; init; }

    /// <summary>For <c>regression</c> checks: the per-metric comparisons behind the verdict.</summary>
    public IReadOnlyList<MetricComparison> Metrics { get; init; } = [];

    /// <summary>For <c>drift</c> checks: the measurements behind the verdict.</summary>
    public IReadOnlyList<DriftMeasurement> Drift { get; init; } = [];
}
