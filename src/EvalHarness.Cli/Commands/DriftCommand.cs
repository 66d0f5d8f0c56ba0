using System.CommandLine;
using System.Globalization;
using EvalHarness.Baselines;
using EvalHarness.Importing;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness drift --baseline &lt;file&gt; --current &lt;file&gt; [--pct-threshold t] [--seed n]</c>: drift of latency, cost, error rate,
/// token counts and scores between two windows — two <c>results.json</c> files (or run folders) or two JSONL trace exports. Prints a
/// severity and a one-line recommendation per quantity; exits 1 on a critical drift, 0 otherwise, 2 on bad input.
/// </summary>
internal static class DriftCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var baseline = new Option<string>("--baseline", "-b") { Description = "The reference window: a results.json, a run folder or a .jsonl export", Required = true };
        var current = new Option<string>("--current", "-c") { Description = "The window to judge: a results.json, a run folder or a .jsonl export", Required = true };
        var threshold = new Option<double>("--pct-threshold")
        {
            Description = "Relative change of a mean that counts as drift (default 0.1 = 10%)",
            DefaultValueFactory = _ => GateDefinition.DefaultDriftPctThreshold,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the reservoir sampling of windows larger than 100,000 values per quantity (default 0)" };
        var command = new Command("drift", "Drift between two windows of results or traces: latency, cost, error rate, tokens and scores; exit 1 on a critical drift")
        {
            baseline, current, threshold, seed,
        };
        command.SetAction(async (parse, _) =>
        {
            var pct = parse.GetValue(threshold);
            if (!(pct is > 0 and < 1))
            {
                await error.WriteLineAsync("evalharness: --pct-threshold must lie in (0, 1)").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            DriftWindow before, after;
            try
            {
                before = DriftWindowReader.Read(parse.GetValue(baseline)!, parse.GetValue(seed));
                after = DriftWindowReader.Read(parse.GetValue(current)!, parse.GetValue(seed));
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var measurements = WindowDrift.Compare(before, after, pct);
            await output.WriteLineAsync("drift: " + before.Count.ToString(CultureInfo.InvariantCulture) + " → " + after.Count.ToString(CultureInfo.InvariantCulture) +
                " observations (pct_threshold " + (pct * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%, KS α 0.05)").ConfigureAwait(false);
            if (measurements.Count == 0)
            {
                await output.WriteLineAsync("  nothing to compare: the two windows share no measured quantity").ConfigureAwait(false);
            }

            foreach (var m in measurements)
            {
                var level = m.Level switch { DriftLevel.Critical => "critical", DriftLevel.Drift => "drift", _ => "ok" };
                await output.WriteLineAsync("  " + level.PadRight(9) + m.Summary + (m.Recommendation.Length == 0 ? string.Empty : "; " + m.Recommendation)).ConfigureAwait(false);
            }

            var critical = measurements.Count(m => m.Level == DriftLevel.Critical);
            var drifted = measurements.Count(m => m.Level == DriftLevel.Drift);
            await output.WriteLineAsync(critical > 0 ? "critical drift in " + critical + " quantity(ies)" : drifted > 0 ? "drift in " + drifted + " quantity(ies), none critical" : "no drift")
                .ConfigureAwait(false);
            return critical > 0 ? ExitCodes.GateFailed : ExitCodes.Passed;
        });
        return command;
    }
}
