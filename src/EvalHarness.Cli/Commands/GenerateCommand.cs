using System.CommandLine;
using EvalHarness.Cli.Generation;
using EvalHarness.Cli.Output;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness generate synthetic &lt;template.yaml&gt;</c> writes a dataset from a Bogus template; <c>evalharness generate perturb
/// &lt;dataset.jsonl&gt; --field f</c> writes perturbed copies of a dataset's rows. Both are deterministic for a seed and write JSON Lines to
/// <c>-o</c> (or stdout). Exit 0, or 2 with file, line and field when the template, the dataset or an option is wrong.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("generate", "Generate datasets: synthetic rows from a Bogus template, or perturbed copies of an existing dataset")
        {
            Synthetic(output, error),
            Perturb(output, error),
        };

    private static Command Synthetic(TextWriter output, TextWriter error)
    {
        var template = new Argument<string>("template") { Description = "The template (YAML: count, seed, locale(s), id, fields; see docs/generate.md)" };
        var outFile = new Option<string?>("--output", "-o") { Description = "The JSON Lines file to write (default: stdout)" };
        var count = new Option<int?>("--count", "-n") { Description = "Rows to write, overriding the template's count" };
        var seed = new Option<int?>("--seed") { Description = "Random seed, overriding the template's (same seed, same rows)" };
        var command = new Command("synthetic", "Write a dataset of synthetic rows from a Bogus template") { template, outFile, count, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(template)!;
            if (!File.Exists(file))
            {
                await error.WriteLineAsync(new ConfigError(ConfigErrorCode.SuiteFileMissing, new SourceLocation(ShownPath.Of(file), 0, 0), string.Empty,
                    "template not found").ToString()).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(count) is < 1)
            {
                await error.WriteLineAsync("evalharness: --count must be at least 1").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var errors = new List<ConfigError>();
            var parsed = SyntheticTemplate.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), ShownPath.Of(file), errors);
            if (parsed is null)
            {
                return await Report(error, errors).ConfigureAwait(false);
            }

            var rows = SyntheticGenerator.Generate(parsed, parse.GetValue(count), parse.GetValue(seed)).ToList();
            await JsonLines.WriteAsync(parse.GetValue(outFile), rows, output, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(outFile) is { } written)
            {
                await output.WriteLineAsync("Wrote " + rows.Count + " rows to " + ShownPath.Of(written)).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static Command Perturb(TextWriter output, TextWriter error)
    {
        var dataset = new Argument<string>("dataset") { Description = "A JSON Lines dataset" };
        var fields = new Option<string[]>("--field", "-f") { Description = "The text field(s) to perturb, e.g. question (repeatable; default: input)" };
        var kinds = new Option<string[]>("--kind", "-k")
        {
            Description = "typos | casing | whitespace | pii | truncate; repeat or separate with commas (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        var rate = new Option<double>("--rate") { Description = "Share of words given a typo (default 0.1; at least one per text)", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 1; same seed, same rows)", DefaultValueFactory = _ => 1 };
        var original = new Option<bool>("--include-original") { Description = "Also write each original row before its perturbations" };
        var outFile = new Option<string?>("--output", "-o") { Description = "The JSON Lines file to write (default: stdout)" };
        var command = new Command("perturb", "Write perturbed copies of a dataset's rows (typos, casing, whitespace, injected PII, truncated input)")
        {
            dataset, fields, kinds, rate, seed, original, outFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(dataset)!;
            if (!File.Exists(file))
            {
                await error.WriteLineAsync(new ConfigError(ConfigErrorCode.DatasetMissing, new SourceLocation(ShownPath.Of(file), 0, 0), string.Empty,
                    "dataset not found").ToString()).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (!file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync("evalharness: " + ShownPath.Of(file) + ": perturb reads JSON Lines datasets (.jsonl)").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var selected = new List<PerturbationKind>();
            foreach (var name in (parse.GetValue(kinds) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!Enum.TryParse<PerturbationKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(name[0]))
                {
                    await error.WriteLineAsync("evalharness: --kind " + name + " is not a perturbation; use typos, casing, whitespace, pii or truncate").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                if (!selected.Contains(kind))
                {
                    selected.Add(kind);
                }
            }

            if (parse.GetValue(rate) is not (> 0 and <= 1))
            {
                await error.WriteLineAsync("evalharness: --rate must lie in (0, 1]").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var perturber = new DatasetPerturber(parse.GetValue(fields) is { Length: > 0 } f ? f : ["input"], selected.Count > 0 ? selected : Enum.GetValues<PerturbationKind>(),
                parse.GetValue(seed), parse.GetValue(rate), parse.GetValue(original));
            var errors = new List<ConfigError>();
            var rows = perturber.Perturb(file, ShownPath.Of(file), errors);
            if (errors.Count > 0)
            {
                return await Report(error, errors).ConfigureAwait(false);
            }

            await JsonLines.WriteAsync(parse.GetValue(outFile), rows, output, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(outFile) is { } written)
            {
                await output.WriteLineAsync("Wrote " + rows.Count + " rows to " + ShownPath.Of(written)).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static async Task<int> Report(TextWriter error, IEnumerable<ConfigError> errors)
    {
        foreach (var problem in errors)
        {
            await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        return ExitCodes.BadInput;
    }
}
