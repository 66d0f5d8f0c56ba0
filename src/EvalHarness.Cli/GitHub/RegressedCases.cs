using EvalHarness.Baselines;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.GitHub;

/// <summary>
/// The cases behind a suite's fired <c>regression.&lt;metric&gt;</c> checks: results.json keeps each check's verdict and reason but not its case
/// list, so the comparison with the committed baseline is run again through <see cref="RegressionAnalysis"/>, as the gate ran it.
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
        var report = RegressionAnalysis.Compare(verified, Baseline.From(result, suite), options);
        foreach (var metric in report.Metrics.Where(m => m.Verdict == ComparisonVerdict.Regressed && metrics.Contains(m.Metric)))
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

        return worse;
    }
}
