using EvalHarness.Statistics;

namespace EvalHarness.Baselines;

/// <summary>
/// Compares the distributions of a run's metric scores, latencies and costs with the baseline's: Kolmogorov-Smirnov, the population
/// stability index, the relative change of the mean and its z-score, classified by the rule drift monitors use.
/// </summary>
public static class DriftAnalysis
{
    /// <summary>A relative change of the mean above this is critical drift.</summary>
    public const double CriticalChange = 0.5;

    /// <summary>|z| above this is drift.</summary>
    public const double DriftZ = 3;

    /// <summary>|z| above this is critical drift.</summary>
    public const double CriticalZ = 5;

    /// <summary>KS p-values below this are drift.</summary>
    public const double KsAlpha = 0.05;

    /// <summary>Latency is not tracked when the baseline's mean is below this many milliseconds (an in-process target, no model call).</summary>
    public const double MinLatencyMs = 5;

    /// <summary>Measures drift of every metric both runs scored, of latency and of cost (where both runs measured them).</summary>
    /// <param name="baseline">The baseline.</param>
    /// <param name="current">This run, as a baseline.</param>
    /// <param name="pctThreshold">The relative change of the mean that counts as drift.</param>
    /// <param name="inScope">Which baseline case ids this run was expected to cover; null for all.</param>
    /// <param name="metrics">The metric keys to measure; null for all.</param>
    public static IReadOnlyList<DriftMeasurement> Measure(Baseline baseline, Baseline current, double pctThreshold, Func<string, bool>? inScope = null,
        IReadOnlyCollection<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = baseline.Cases.Where(c => inScope is null || inScope(c.Id)).ToList();
        var results = new List<DriftMeasurement>();
        foreach (var metric in current.Cases.SelectMany(c => c.Metrics.Keys).Distinct(StringComparer.Ordinal).Where(m => metrics is null || metrics.Contains(m)))
        {
            var b = Scores(before, metric);
            var a = Scores(current.Cases, metric);
            if (b.Length > 0 && a.Length > 0)
            {
                var kind = b.Concat(a).All(v => v is 0 or 1) ? "pass/fail" : "score";
                results.Add(Measure(metric, kind, b, a, pctThreshold));
            }
        }

        AddMeasurement(results, "latency", before.Select(c => c.LatencyMs), current.Cases.Select(c => c.LatencyMs), pctThreshold, MinLatencyMs);
        AddMeasurement(results, "cost", before.Select(c => c.CostUsd), current.Cases.Select(c => c.CostUsd), pctThreshold);
        return results;
    }

    /// <summary>Classifies one quantity's shift.</summary>
    public static DriftMeasurement Measure(string quantity, string kind, IReadOnlyList<double> baseline, IReadOnlyList<double> current, double pctThreshold)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var meanB = baseline.Count == 0 ? double.NaN : baseline.Average();
        var meanA = current.Count == 0 ? double.NaN : current.Average();
        var change = meanB == 0 ? (meanA == 0 ? 0 : double.PositiveInfinity) : (meanA - meanB) / Math.Abs(meanB);
        var sd = baseline.Count < 2 ? 0 : Math.Sqrt(baseline.Sum(v => (v - meanB) * (v - meanB)) / (baseline.Count - 1));
        var shift = meanA - meanB;
        var z = sd > 0 ? shift / (sd / Math.Sqrt(current.Count)) : shift == 0 ? 0 : Math.Sign(shift) * double.PositiveInfinity;
        var ks = HypothesisTests.KolmogorovSmirnov(baseline, current);
        var psi = Drift.PopulationStabilityIndex(baseline, current);
        var level = Math.Abs(change) > CriticalChange || Math.Abs(z) > CriticalZ ? DriftLevel.Critical
            : Math.Abs(change) > pctThreshold || Math.Abs(z) > DriftZ || ks.PValue < KsAlpha ? DriftLevel.Drift
            : DriftLevel.None;
        var summary = quantity + ": mean " + GateText.Number(meanB) + " → " + GateText.Number(meanA) + " (" +
            (double.IsInfinity(change) ? "from 0" : GateText.Signed(change * 100, "0.0") + "%") + ", z " + GateText.Signed(z, "0.0") +
            "), KS D " + GateText.Number(ks.Statistic, "0.000") + " p " + GateText.P(ks.PValue) + ", PSI " + GateText.Number(psi, "0.000");
        return new DriftMeasurement
        {
            Quantity = quantity,
            Kind = kind,
            BaselineCount = baseline.Count,
            CurrentCount = current.Count,
            BaselineMean = meanB,
            CurrentMean = meanA,
            Change = change,
            Z = z,
            KsStatistic = ks.Statistic,
            KsPValue = ks.PValue,
            Psi = psi,
            Level = level,
            Recommendation = level == DriftLevel.None ? string.Empty : Recommend(kind),
            Summary = summary,
        };
    }

    private static string Recommend(string kind) => kind switch
    {
        "pass/fail" => "read the cases whose verdict flipped; if the change is intended, accept a new baseline",
        "score" => "check first that the ruler is unchanged (judge model, rubric, dataset), then read the cases whose scores moved most",
        "latency" => "compare the model, provider and region with the baseline's; re-record stale recordings before trusting replayed latency",
        _ => "compare tokens per case (longer prompts or answers) and the pricing table with the baseline's",
    };

    private static double[] Scores(IEnumerable<BaselineCase> cases, string metric) =>
        cases.Where(c => c.Metrics.TryGetValue(metric, out var m) && m.Score is not null).Select(c => c.Metrics[metric].Score!.Value).ToArray();

    private static void AddMeasurement(List<DriftMeasurement> results, string quantity, IEnumerable<double?> baseline, IEnumerable<double?> current,
        double pctThreshold, double minMean = 0)
    {
        var b = baseline.Where(v => v is not null).Select(v => v!.Value).ToArray();
        var a = current.Where(v => v is not null).Select(v => v!.Value).ToArray();

        // Relative change means nothing near zero: a 0.3 ms in-process call that takes 0.6 ms is not drift.
        if (b.Length > 0 && a.Length > 0 && b.Average() >= minMean)
        {
            results.Add(Measure(quantity, quantity, b, a, pctThreshold));
        }
    }
}
