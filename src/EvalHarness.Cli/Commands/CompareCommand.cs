using System.CommandLine;
using System.Globalization;
using EvalHarness.Baselines;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness compare &lt;baseline&gt; &lt;current&gt; [--suite name] [--alpha a] [--margin m] [--min-samples n]</c>: the regression and drift
/// statistics between two runs — each a <c>*.baseline.json</c>, a <c>results.json</c> or a run folder — paired on case ids. Exits 1 when
/// a suite regressed, 0 otherwise, 2 on bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var before = new Argument<string>("baseline") { Description = "The reference: a <suite>.baseline.json, a results.json, or a run folder" };
        var after = new Argument<string>("current") { Description = "The run to judge: a <suite>.baseline.json, a results.json, or a run folder" };
        var suiteNames = new Option<string[]>("--suite", "-s") { Description = "Only the suite with this name (repeatable)" };
        var alpha = new Option<double>("--alpha") { Description = "Significance level, family-wise across a suite's metrics (default 0.05)", DefaultValueFactory = _ => GateDefinition.DefaultAlpha };
        var margin = new Option<double>("--margin") { Description = "Non-inferiority margin on the rate or score scale (default 0)" };
        var minSamples = new Option<int>("--min-samples") { Description = "Fewest paired cases a metric is decided on (default 10)", DefaultValueFactory = _ => GateDefinition.DefaultRegressionMinSamples };
        var command = new Command("compare", "Compare two runs or baselines: paired regression tests per metric, drift, cases added or removed")
        {
            before, after, suiteNames, alpha, margin, minSamples,
        };
        command.SetAction(async (parse, _) =>
        {
            var options = new RegressionOptions { Alpha = parse.GetValue(alpha), Margin = parse.GetValue(margin), MinSamples = parse.GetValue(minSamples) };
            if (!(options.Alpha is > 0 and < 1) || !(options.Margin is >= 0 and < 1) || options.MinSamples < 1)
            {
                await error.WriteLineAsync("evalharness: --alpha must lie in (0, 1), --margin in [0, 1) and --min-samples be at least 1").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            IReadOnlyList<Baseline> left, right;
            try
            {
                left = Load(parse.GetValue(before)!);
                right = Load(parse.GetValue(after)!);
            }
            catch (Exception ex) when (ex is BaselineFormatException or EvalConfigurationException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var wanted = parse.GetValue(suiteNames) ?? [];
            var pairs = left.Count == 1 && right.Count == 1 && wanted.Length == 0
                ? [(left[0], right[0])]
                : left.Where(l => wanted.Length == 0 || wanted.Contains(l.Suite))
                    .SelectMany(l => right.Where(r => r.Suite == l.Suite).Select(r => (l, r))).ToList();
            if (pairs.Count == 0)
            {
                await error.WriteLineAsync("evalharness: no suite to compare: the baseline has " + Names(left) + ", the current run " + Names(right) +
                    (wanted.Length == 0 ? string.Empty : ", and --suite asked for " + string.Join(", ", wanted))).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var regressed = false;
            foreach (var (baseline, current) in pairs)
            {
                var report = RegressionAnalysis.Compare(baseline, current, options);
                regressed |= report.Verdict == ComparisonVerdict.Regressed;
                await output.WriteLineAsync(Describe(baseline, current, report, options)).ConfigureAwait(false);
            }

            return regressed ? ExitCodes.GateFailed : ExitCodes.Passed;
        });
        return command;
    }

    private static string Names(IReadOnlyList<Baseline> baselines) => baselines.Count == 0 ? "no suites" : string.Join(", ", baselines.Select(b => b.Suite));

    private static IReadOnlyList<Baseline> Load(string input)
    {
        var file = Directory.Exists(input) ? Path.Combine(input, "results.json") : input;
        if (!File.Exists(file))
        {
            throw new IOException(input + ": no such file (expected a <suite>.baseline.json, a results.json or a run folder)");
        }

        var shown = AcceptCommand.Shown(file);
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(file).Contains(".baseline.", StringComparison.Ordinal))
        {
            return [Baseline.Parse(File.ReadAllText(file), shown)];
        }

        return ResultsJsonReader.Read(file, shown).Suites.Where(s => s.Cases.Count > 0).Select(s => Baseline.From(s)).ToList();
    }

    private static string Describe(Baseline baseline, Baseline current, RegressionReport report, RegressionOptions options)
    {
        var lines = new List<string>
        {
            current.Suite + ": " + report.Verdict.ToString().ToLowerInvariant() + " (α " + options.Alpha.ToString(CultureInfo.InvariantCulture) + ", margin " +
                options.Margin.ToString(CultureInfo.InvariantCulture) + ", Holm across " + report.Metrics.Count + " metric(s))",
        };
        lines.AddRange(report.Metrics.Select(m => "  " + m.Verdict.ToString().ToLowerInvariant().PadRight(12) + " " + m.Summary));
        if (report.Added.Count > 0)
        {
            lines.Add("  cases added (not compared): " + string.Join(", ", report.Added));
        }

        if (report.Removed.Count > 0)
        {
            lines.Add("  cases removed: " + string.Join(", ", report.Removed));
        }

        foreach (var difference in baseline.Provenance.RulerDifferences(current.Provenance))
        {
            lines.Add("  different ruler: " + difference);
        }

        foreach (var drift in DriftAnalysis.Measure(baseline, current, GateDefinition.DefaultDriftPctThreshold).Where(d => d.Level != DriftLevel.None))
        {
            lines.Add("  " + (drift.Level == DriftLevel.Critical ? "critical drift" : "drift").PadRight(12) + " " + drift.Summary + "; " + drift.Recommendation);
        }

        return string.Join("\n", lines);
    }
}
