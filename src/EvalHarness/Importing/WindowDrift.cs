using System.Globalization;
using EvalHarness.Baselines;
using EvalHarness.Statistics;

namespace EvalHarness.Importing;

/// <summary>
/// Drift between two windows (<c>evalharness drift</c>): latency, cost, token counts and every score both windows carry, each with
/// Kolmogorov-Smirnov, the population stability index, the relative change of the mean and its z-score, classified by
/// <see cref="DriftAnalysis"/>'s rule (change &gt; pct_threshold, |z| &gt; 3 or KS p &lt; 0.05 is drift; change &gt; 50% or |z| &gt; 5 is
/// critical); and the error rate from exact counts. Latency is left out when the baseline's mean is below
/// <see cref="DriftAnalysis.MinLatencyMs"/> (replayed or in-process calls).
/// </summary>
public static class WindowDrift
{
    private const string CostQuantity = "cost per 1k calls (USD)";

    private static readonly HashSet<string> QuantityNames =
        new([DriftWindow.Latency, DriftWindow.Cost, CostQuantity, DriftWindow.InputTokens, DriftWindow.OutputTokens, "error rate"], StringComparer.Ordinal);

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>; quantities only one window measured are left out.</summary>
    /// <param name="baseline">The reference window.</param>
    /// <param name="current">The window to judge.</param>
    /// <param name="pctThreshold">The relative change of the mean that counts as drift.</param>
    public static IReadOnlyList<DriftMeasurement> Compare(DriftWindow baseline, DriftWindow current, double pctThreshold = Suites.GateDefinition.DefaultDriftPctThreshold)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var results = new List<DriftMeasurement>();
        Add(results, DriftWindow.Latency, "latency", baseline.Sample(DriftWindow.Latency), current.Sample(DriftWindow.Latency), pctThreshold);
        // Per-call costs are fractions of a cent: shown per 1,000 calls so the means stay readable (the tests are scale-invariant).
        Add(results, CostQuantity, "cost", PerThousand(baseline.Sample(DriftWindow.Cost)), PerThousand(current.Sample(DriftWindow.Cost)), pctThreshold);
        Add(results, DriftWindow.InputTokens, "tokens", baseline.Sample(DriftWindow.InputTokens), current.Sample(DriftWindow.InputTokens), pctThreshold);
        Add(results, DriftWindow.OutputTokens, "tokens", baseline.Sample(DriftWindow.OutputTokens), current.Sample(DriftWindow.OutputTokens), pctThreshold);
        foreach (var name in baseline.ScoreNames.Where(n => current.ScoreNames.Contains(n, StringComparer.Ordinal)))
        {
            var b = baseline.ScoreSample(name);
            var a = current.ScoreSample(name);
            // A metric may be called "latency" or "cost" too: its line is then labelled as a metric so the two cannot be confused.
            var label = QuantityNames.Contains(name) ? "metric " + name : name;
            Add(results, label, b.Concat(a).All(v => v is 0 or 1) ? "pass/fail" : "score", b, a, pctThreshold);
        }

        if (baseline.Count > 0 && current.Count > 0)
        {
            results.Add(ErrorRate(baseline.Errors, baseline.Count, current.Errors, current.Count, pctThreshold));
        }

        return results;
    }

    /// <summary>
    /// Error-rate drift from counts: the two-proportion z-test (pooled). The drift rule applies only to a significant change (|z| ≥ 1.96),
    /// so one error after none in a small window is not flagged; then change &gt; pct_threshold or |z| &gt; 3 is drift, change &gt; 50% or
    /// |z| &gt; 5 critical.
    /// </summary>
    public static DriftMeasurement ErrorRate(long baselineErrors, long baselineCount, long currentErrors, long currentCount, double pctThreshold)
    {
        var rateB = (double)baselineErrors / baselineCount;
        var rateA = (double)currentErrors / currentCount;
        var pooled = (double)(baselineErrors + currentErrors) / (baselineCount + currentCount);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / baselineCount) + (1.0 / currentCount)));
        var z = se > 0 ? (rateA - rateB) / se : 0;
        var change = rateB == 0 ? (rateA == 0 ? 0 : double.PositiveInfinity) : (rateA - rateB) / rateB;
        var level = Math.Abs(z) < 1.96 ? DriftLevel.None
            : Math.Abs(change) > DriftAnalysis.CriticalChange || Math.Abs(z) > DriftAnalysis.CriticalZ ? DriftLevel.Critical
            : Math.Abs(change) > pctThreshold || Math.Abs(z) > DriftAnalysis.DriftZ ? DriftLevel.Drift
            : DriftLevel.None;
        return new DriftMeasurement
        {
            Quantity = "error rate",
            Kind = "error rate",
            BaselineCount = (int)Math.Min(baselineCount, int.MaxValue),
            CurrentCount = (int)Math.Min(currentCount, int.MaxValue),
            BaselineMean = rateB,
            CurrentMean = rateA,
            Change = change,
            Z = z,
            KsStatistic = double.NaN,
            KsPValue = double.NaN,
            Psi = double.NaN,
            Level = level,
            Recommendation = level == DriftLevel.None ? string.Empty : "group the new errors by message and provider status; check quotas, timeouts and recent deploys",
            Summary = "error rate: " + GateText.Percent(rateB) + " → " + GateText.Percent(rateA) + " (" + baselineErrors.ToString(CultureInfo.InvariantCulture) + "/" +
                baselineCount.ToString(CultureInfo.InvariantCulture) + " → " + currentErrors.ToString(CultureInfo.InvariantCulture) + "/" +
                currentCount.ToString(CultureInfo.InvariantCulture) + ", two-proportion z " + GateText.Signed(z, "0.0") + ")",
        };
    }

    private static double[] PerThousand(IReadOnlyList<double> values) => values.Select(v => v * 1000).ToArray();

    private static void Add(List<DriftMeasurement> results, string quantity, string kind, IReadOnlyList<double> baseline, IReadOnlyList<double> current, double pctThreshold)
    {
        if (baseline.Count == 0 || current.Count == 0)
        {
            return;
        }

        // As in the gate: latency means nothing near zero (replayed or in-process calls), so it is not tracked below DriftAnalysis.MinLatencyMs.
        if (kind == "latency" && baseline.Average() < DriftAnalysis.MinLatencyMs)
        {
            return;
        }

        var measured = DriftAnalysis.Measure(quantity, kind, baseline, current, pctThreshold);
        if (kind == "latency")
        {
            // Percentiles are numpy's linear method (R type 7) on the window's sample (the whole window up to the reservoir size).
            measured = measured with
            {
                Summary = measured.Summary + ", p50 " + GateText.Number(Descriptive.Percentile(baseline, 50)) + " → " + GateText.Number(Descriptive.Percentile(current, 50)) +
                    " ms, p95 " + GateText.Number(Descriptive.Percentile(baseline, 95)) + " → " + GateText.Number(Descriptive.Percentile(current, 95)) + " ms",
            };
        }

        if (kind == "tokens" && measured.Level != DriftLevel.None)
        {
            measured = measured with { Recommendation = "diff the prompt templates and the answers' length against the baseline window; longer inputs usually mean a changed prompt or retrieval" };
        }

        results.Add(measured);
    }
}
