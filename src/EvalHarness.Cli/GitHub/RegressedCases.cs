using EvalHarness.Baselines;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.GitHub;

/// <summary>
/// The cases behind a suite's fired <c>regression.&lt;metric&gt;</c> checks: read from the checks' metric comparisons (results.json keeps
/// each regressed metric's <c>worse</c> case ids); for a results.json written before it kept them, the comparison with the committed
/// baseline is run again through <see cref="RegressionAnalysis"/>, as the gate ran it.
/// </summary>
internal static class RegressedCases
{
    /// <summary>Case id → the metrics it got worse on, for the given metrics; empty when the suite or its baseline cannot be read.</summary>
    public static IReadOnlyDictionary<string, List<string>> Find(SuiteResult result, string suiteFile, Shard? shard, IReadOnlyCollection<string> metrics)
    {
        var worse = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (metrics.Count == 0)
        {
            return worse;
        }

        var kept = result.Gate.Checks.Where(c => c.Name.StartsWith("regression.", StringComparison.Ordinal)).SelectMany(c => c.Metrics).ToList();
        if (kept.Count > 0)
        {
            Add(worse, kept, metrics);
            return worse;
        }

        Suite suite;
        Baseline verified;
        try
        {
            suite = Suite.Load(suiteFile);
            var path = BaselineFiles.VerifiedBaseline(suite.BaselinesDirectory, suite.Name);
            if (BaselineFiles.Read(path) is not { } text)
            {
                return worse;
            }

            verified = Baseline.Parse(text, path);
        }
        catch (Exception ex) when (ex is EvalConfigurationException or BaselineFormatException or IOException or UnauthorizedAccessException)
        {
            return worse;
        }

        var options = RegressionOptions.From(suite.Definition.Gate) with
        {
            Metrics = RegressionOptions.SuiteMetricKeys(suite.Definition),
            InScope = shard is { } s ? s.Includes : null,
        };
        Add(worse, RegressionAnalysis.Compare(verified, Baseline.From(result, suite), options).Metrics, metrics);
        return worse;
    }

    private static void Add(Dictionary<string, List<string>> worse, IEnumerable<MetricComparison> comparisons, IReadOnlyCollection<string> metrics)
    {
        foreach (var metric in comparisons.Where(m => m.Verdict == ComparisonVerdict.Regressed && metrics.Contains(m.Metric)))
        {
            foreach (var id in metric.Worse)
            {
                if (!worse.TryGetValue(id, out var list))
                {
                    worse[id] = list = [];
                }

                list.Add(metric.Metric);
            }
        }
    }
}
