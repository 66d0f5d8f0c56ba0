using EvalHarness.Statistics;

namespace EvalHarness.Baselines;

/// <summary>
/// Compares a run with its baseline metric by metric, paired on case ids: McNemar's exact mid-p test for pass/fail metrics and the
/// Wilcoxon signed-rank test (Pratt's zero handling) for scores, the mean difference with a seeded bootstrap interval, a
/// non-inferiority margin, and Holm's adjustment across the suite's metrics.
/// </summary>
/// <remarks>
/// <para>A metric's verdict, in order: fewer than <see cref="RegressionOptions.MinSamples"/> paired cases → inconclusive; adjusted
/// p &lt; α and Δ &lt; −margin → regressed; adjusted p &lt; α and Δ &gt; margin → improved; the interval's lower end ≥ −margin (a decline
/// bigger than the margin is ruled out) → pass; otherwise inconclusive.</para>
/// <para>Pass/fail pairs count an error as not passing (fail closed) and leave out inconclusive (unsampled) results; score pairs need a
/// score on both sides.</para>
/// </remarks>
public static class RegressionAnalysis
{
    /// <summary>The name of the pass/fail test in reports.</summary>
    public const string PassFailTest = "McNemar exact mid-p";

    /// <summary>The name of the score test in reports.</summary>
    public const string ScoreTest = "Wilcoxon signed-rank (Pratt)";

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>.</summary>
    public static RegressionReport Compare(Baseline baseline, Baseline current, RegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new RegressionOptions();
        var inScope = options.InScope ?? (_ => true);
        var before = baseline.Cases.Where(c => inScope(c.Id)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var after = current.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var paired = current.Cases.Where(c => before.ContainsKey(c.Id)).Select(c => (Before: before[c.Id], After: c)).ToList();

        var currentMetrics = current.Cases.SelectMany(c => c.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();
        var baselineMetrics = before.Values.SelectMany(c => c.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();
        var compared = currentMetrics.Where(m => baselineMetrics.Contains(m) && (options.Metrics is null || options.Metrics.Contains(m))).ToList();

        var raw = compared.Select(metric => Measure(metric, paired, options)).ToList();
        var adjusted = MultipleComparisons.Holm(raw.Select(r => r.PValue).ToArray());
        var metrics = raw.Select((r, i) => Decide(r with { AdjustedPValue = adjusted[i] }, options)).ToList();

        return new RegressionReport
        {
            Metrics = metrics,
            Added = current.Cases.Where(c => !before.ContainsKey(c.Id)).Select(c => c.Id).ToList(),
            Removed = before.Keys.Where(id => !after.ContainsKey(id)).Order(StringComparer.Ordinal).ToList(),
            NewMetrics = currentMetrics.Where(m => !baselineMetrics.Contains(m) && (options.Metrics is null || options.Metrics.Contains(m))).ToList(),
            DroppedMetrics = baselineMetrics.Where(m => !currentMetrics.Contains(m) && (options.Metrics is null || options.Metrics.Contains(m))).ToList(),
        };
    }

    private static MetricComparison Measure(string metric, List<(BaselineCase Before, BaselineCase After)> paired, RegressionOptions options)
    {
        var results = paired
            .Where(p => p.Before.Metrics.ContainsKey(metric) && p.After.Metrics.ContainsKey(metric))
            .Select(p => (p.After.Id, Before: p.Before.Metrics[metric], After: p.After.Metrics[metric]))
            .ToList();
        var passFail = results.SelectMany(r => new[] { r.Before.Score, r.After.Score }).All(s => s is null or 0 or 1);

        List<(string Id, double Before, double After)> values = passFail
            ? results.Where(r => r.Before.Verdict != Verdict.Inconclusive && r.After.Verdict != Verdict.Inconclusive)
                .Select(r => (r.Id, Passed(r.Before), Passed(r.After))).ToList()
            : results.Where(r => r.Before.Score is not null && r.After.Score is not null)
                .Select(r => (r.Id, r.Before.Score!.Value, r.After.Score!.Value)).ToList();

        var b = values.Select(v => v.Before).ToArray();
        var a = values.Select(v => v.After).ToArray();
        var differences = values.Select(v => v.After - v.Before).ToArray();
        TestResult test;
        if (passFail)
        {
            test = HypothesisTests.McNemarMidP(differences.Count(d => d < 0), differences.Count(d => d > 0));
        }
        else
        {
            test = HypothesisTests.WilcoxonSignedRank(a, b, ZeroMethod.Pratt);
        }

        // No difference at all leaves the signed-rank test undefined; that is the clearest possible "no change".
        var p = double.IsNaN(test.PValue) ? 1 : test.PValue;
        var moved = values.Where(v => v.After != v.Before).OrderBy(v => v.After - v.Before).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
        return new MetricComparison
        {
            Metric = metric,
            IsPassFail = passFail,
            Test = passFail ? PassFailTest : ScoreTest,
            Pairs = values.Count,
            BaselineMean = b.Length == 0 ? double.NaN : b.Average(),
            CurrentMean = a.Length == 0 ? double.NaN : a.Average(),
            Delta = differences.Length == 0 ? double.NaN : differences.Average(),
            Interval = differences.Length == 0 ? new Interval(double.NaN, double.NaN)
                : ConfidenceIntervals.BootstrapMean(differences, 1 - options.Alpha, options.Resamples, options.Seed),
            Statistic = test.Statistic,
            PValue = p,
            CliffsDelta = EffectSize.CliffsDelta(a, b),
            Worse = moved.Where(v => v.After < v.Before).Select(v => v.Id).ToList(),
            Better = moved.Where(v => v.After > v.Before).Reverse().Select(v => v.Id).ToList(),
        };
    }

    private static double Passed(BaselineMetric metric) => metric.Verdict == Verdict.Pass ? 1 : 0;

    private static MetricComparison Decide(MetricComparison m, RegressionOptions options)
    {
        ComparisonVerdict verdict;
        string why;
        if (m.Pairs < options.MinSamples)
        {
            verdict = ComparisonVerdict.Inconclusive;
            why = "inconclusive: only " + GateText.Count(m.Pairs, "paired case", "paired cases") + " (min_samples " + options.MinSamples + ")";
        }
        else if (m.AdjustedPValue < options.Alpha && m.Delta < -options.Margin)
        {
            verdict = ComparisonVerdict.Regressed;
            why = "regressed";
        }
        else if (m.AdjustedPValue < options.Alpha && m.Delta > options.Margin)
        {
            verdict = ComparisonVerdict.Improved;
            why = "improved";
        }
        else if (m.Interval.Lower >= -options.Margin)
        {
            verdict = ComparisonVerdict.Pass;
            why = "no decline beyond the " + Scale(m, options.Margin) + " margin";
        }
        else
        {
            verdict = ComparisonVerdict.Inconclusive;
            why = "inconclusive: the interval still admits a decline beyond the " + Scale(m, options.Margin) + " margin";
        }

        return m with { Verdict = verdict, Summary = m.Metric + ": " + why + ": " + Figures(m, options) };
    }

    private static string Scale(MetricComparison m, double value) => m.IsPassFail ? GateText.Points(value).TrimStart('+') : GateText.Number(value);

    /// <summary>The figures of a comparison in one line: means, Δ with its interval, test and p-values, pairs, effect size and moved cases.</summary>
    internal static string Figures(MetricComparison m, RegressionOptions options)
    {
        var level = GateText.Number((1 - options.Alpha) * 100, "0.#") + "% CI ";
        var figures = m.IsPassFail
            ? "pass rate " + GateText.Percent(m.BaselineMean) + " → " + GateText.Percent(m.CurrentMean) + " (Δ " + GateText.Points(m.Delta) + ", " + level +
              GateText.Points(m.Interval.Lower) + " to " + GateText.Points(m.Interval.Upper) + ")"
            : "mean score " + GateText.Number(m.BaselineMean) + " → " + GateText.Number(m.CurrentMean) + " (Δ " + GateText.Signed(m.Delta) + ", " + level +
              GateText.Signed(m.Interval.Lower) + " to " + GateText.Signed(m.Interval.Upper) + ")";
        figures += ", " + m.Test + " p " + GateText.P(m.PValue) + " (Holm " + GateText.P(m.AdjustedPValue).TrimStart('=', ' ') + ")";
        figures += ", " + GateText.Count(m.Pairs, "paired case", "paired cases");
        if (!m.IsPassFail && !double.IsNaN(m.CliffsDelta))
        {
            figures += ", Cliff's δ " + GateText.Signed(m.CliffsDelta, "0.00") + " (" + EffectSize.Magnitude(m.CliffsDelta).ToString().ToLowerInvariant() + ")";
        }

        if (m.Worse.Count > 0)
        {
            figures += "; worse: " + GateText.Ids(m.Worse);
        }

        if (m.Better.Count > 0)
        {
            figures += "; better: " + GateText.Ids(m.Better, 5);
        }

        return figures;
    }
}
