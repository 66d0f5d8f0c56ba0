using System.CommandLine;
using EvalHarness.Baselines;
using EvalHarness.Cli.Output;
using EvalHarness.Merging;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness merge &lt;results.json|run folder|folder&gt;… [-o &lt;artifacts&gt;] [--json]</c>: merges the results of a sharded run into one
/// run — cases, aggregates and gate as an unsharded run computes them (<see cref="RunMerger"/>) — and writes it like <c>run</c> does. Exits
/// with the merged run's code (0/1/2/3), or 2 when the inputs cannot be merged.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> env)
    {
        var inputs = new Argument<string[]>("results")
        {
            Description = "results.json files, run folders, or folders searched for results.json (each shard's artifacts)",
            Arity = ArgumentArity.OneOrMore,
        };
        var artifacts = new Option<string?>("--output", "-o") { Description = "Artifacts folder the merged run is written to (default: EVALHARNESS_ARTIFACTS, else artifacts/evals)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout" };
        var command = new Command("merge", "Merge the results of shards (run --shard i/n) into one run, gate included") { inputs, artifacts, json };
        command.SetAction(async (parse, _) =>
        {
            var files = new List<string>();
            foreach (var input in parse.GetValue(inputs) ?? [])
            {
                var found = Find(input);
                if (found.Count == 0)
                {
                    await error.WriteLineAsync("evalharness: " + input + ": no results.json there (give results files, run folders, or folders holding them)").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                files.AddRange(found);
            }

            var runs = new List<RunResult>();
            foreach (var file in files.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    runs.Add(ResultsJsonReader.Read(file, ShownPath.Of(file)));
                }
                catch (EvalConfigurationException ex)
                {
                    foreach (var problem in ex.Errors)
                    {
                        await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                    }

                    return ExitCodes.BadInput;
                }
            }

            RunResult merged;
            try
            {
                merged = RunMerger.Merge(runs, BaselineSettings.FromEnvironment(env));
            }
            catch (RunMergeException ex)
            {
                await error.WriteLineAsync("evalharness: cannot merge: " + ex.Message).ConfigureAwait(false);
                await error.WriteLineAsync("  inputs: " + string.Join(", ", files.Zip(runs).Select(p => ShownPath.Of(p.First) + " = run " + p.Second.RunId +
                    (p.Second.Shard is { } s ? " (shard " + s + ")" : string.Empty)))).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                await error.WriteLineAsync("evalharness: merge loads each suite file for its gate; run it from the folder the shards ran in").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var root = parse.GetValue(artifacts) ?? (env("EVALHARNESS_ARTIFACTS") is { Length: > 0 } a ? a : "artifacts/evals");
            var folder = ArtifactWriter.Write(merged, root);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(RunJson.Render(merged, folder)).ConfigureAwait(false);
                return merged.ExitCode;
            }

            await output.WriteLineAsync("Merged " + runs.Count + " runs (" + string.Join(", ", runs.Select(r => r.Shard?.ToString() ?? r.RunId)) + ")").ConfigureAwait(false);
            foreach (var suite in merged.Suites)
            {
                await output.WriteLineAsync("  " + Describe.SuiteTotals(suite)).ConfigureAwait(false);
                foreach (var check in suite.Gate.Checks)
                {
                    await output.WriteLineAsync("    gate " + check.Name + ": " + check.Verdict.ToContractString() + " — " + check.Reason).ConfigureAwait(false);
                }
            }

            await output.WriteLineAsync("Results: " + Path.Combine(folder, "results.json")).ConfigureAwait(false);
            await output.WriteLineAsync("Exit code " + merged.ExitCode + ": " + Describe.ExitCode(merged.ExitCode)).ConfigureAwait(false);
            return merged.ExitCode;
        });
        return command;
    }

    // A folder that is not a run folder (e.g. a downloaded artifact holding several shards) is searched; 'latest' links are skipped to avoid doubles.
    private static List<string> Find(string input)
    {
        if (File.Exists(input))
        {
            return [input];
        }

        if (!Directory.Exists(input))
        {
            return [];
        }

        var direct = Path.Combine(input, "results.json");
        if (File.Exists(direct))
        {
            return [direct];
        }

        return Directory.EnumerateFiles(input, "results.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(input, f).Split(Path.DirectorySeparatorChar).Contains("latest"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
