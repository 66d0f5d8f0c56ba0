using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Baselines;

/// <summary>
/// The A/B report of a suite with <c>variants:</c>: both variants ran every case, and each metric is compared paired on case ids with
/// the same statistics as a regression check (McNemar mid-p or Wilcoxon signed-rank, bootstrap interval, Holm, Cliff's δ). A metric has
/// a winner only when the difference is significant and larger than the gate's margin; otherwise the report says there is none.
/// </summary>
public static class VariantComparison
{
    /// <summary>Adds the A/B checks — <c>variants</c> and <c>variants.&lt;metric&gt;</c>, informational (they never fail the run) — to <paramref name="b"/>'s gate.</summary>
    /// <param name="definition">The suite (its gate's alpha, margin and min_samples apply; only its <c>metrics:</c> are compared).</param>
    /// <param name="a">Variant A's results.</param>
    /// <param name="nameA">Variant A's name.</param>
    /// <param name="b">Variant B's results.</param>
    /// <param name="nameB">Variant B's name.</param>
    /// <returns><paramref name="b"/> with the checks added.</returns>
    public static SuiteResult Apply(SuiteDefinition definition, SuiteResult a, string nameA, SuiteResult b, string nameB)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var options = RegressionOptions.From(definition.Gate) with { Metrics = RegressionOptions.SuiteMetricKeys(definition) };
        var report = RegressionAnalysis.Compare(Baseline.From(a), Baseline.From(b), options);
        var checks = b.Gate.Checks.ToList();
        var winners = report.Metrics.Where(m => m.Verdict is ComparisonVerdict.Improved or ComparisonVerdict.Regressed)
            .Select(m => m.Metric + ": " + (m.Verdict == ComparisonVerdict.Improved ? nameB : nameA)).ToList();
        checks.Add(new GateCheck("variants", Verdict.Pass, nameA + " vs " + nameB + " on " + GateText.Count(report.Metrics.FirstOrDefault()?.Pairs ?? 0, "case", "cases") +
            " (α " + GateText.Number(options.Alpha) + ", margin " + GateText.Number(options.Margin) + ", Holm across " + GateText.Count(report.Metrics.Count, "metric", "metrics") + "): " +
            (winners.Count == 0 ? "no winner on any metric" : "winner " + string.Join(", ", winners))) { Metrics = report.Metrics });
        foreach (var m in report.Metrics)
        {
            var verdict = m.Verdict switch
            {
                ComparisonVerdict.Improved => nameB + " wins",
                ComparisonVerdict.Regressed => nameA + " wins",
                ComparisonVerdict.Inconclusive when m.Pairs < options.MinSamples => "no winner: only " + GateText.Count(m.Pairs, "paired case", "paired cases"),
                _ => "no winner",
            };
            checks.Add(new GateCheck("variants." + m.Metric, Verdict.Pass, m.Metric + ": " + verdict + " (" + nameA + " → " + nameB + "): " +
                RegressionAnalysis.Figures(m, options)) { Metrics = [m] });
        }

        return b with { Gate = GateResult.From(checks) };
    }
}
