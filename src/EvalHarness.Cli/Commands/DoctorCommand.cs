using System.CommandLine;
using System.Globalization;
using EvalHarness.Cli.Doctor;
using EvalHarness.Recording;
using EvalHarness.Running;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness doctor [suites…] [--mode m] [--timeout s]</c>: checks what a run needs — valid suite files and datasets, recordings for replay,
/// endpoint configured with its key (never printed) and reachable, every model priced — and says how to fix each problem. Exits 0 when
/// nothing is wrong (warnings allowed), 2 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> env)
    {
        var paths = new Argument<string[]>("suites")
        {
            Description = "Suite files, or folders searched for suite.yaml (default: eval-suites, else the current folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var mode = new Option<string?>("--mode") { Description = "The mode to check for: replay | record | live | auto (default: EVALHARNESS_MODE, else auto)" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for an endpoint to answer (default 5)", DefaultValueFactory = _ => 5 };
        var command = new Command("doctor", "Check that suites can run: files, datasets, recordings, endpoints and keys, prices") { paths, mode, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            EvalMode evalMode;
            try
            {
                evalMode = EvalModes.Parse(parse.GetValue(mode) ?? env("EVALHARNESS_MODE"));
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(timeout) is not (> 0 and <= 600) || double.IsNaN(parse.GetValue(timeout)))
            {
                await error.WriteLineAsync("evalharness: --timeout must lie in (0, 600] seconds").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var roots = parse.GetValue(paths) is { Length: > 0 } given ? given : [Directory.Exists("eval-suites") ? "eval-suites" : "."];
            var files = SuiteFiles.Expand(roots);
            if (files.Count == 0)
            {
                await output.WriteLineAsync("error   no suite.yaml found in " + string.Join(", ", roots)).ConfigureAwait(false);
                await output.WriteLineAsync("        fix: create one with 'evalharness init <name>', or pass the suite files").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await output.WriteLineAsync("evalharness doctor — checking " + files.Count + " suite(s) for " + evalMode.ToContractString() + " mode").ConfigureAwait(false);
            var doctor = new SuiteDoctor(evalMode, env, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            int errors = 0, warnings = 0;
            foreach (var file in files)
            {
                var (title, findings) = await doctor.CheckAsync(file, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync(title).ConfigureAwait(false);
                foreach (var finding in findings)
                {
                    errors += finding.Level == FindingLevel.Error ? 1 : 0;
                    warnings += finding.Level == FindingLevel.Warning ? 1 : 0;
                    var label = finding.Level.ToString().ToLowerInvariant();
                    await output.WriteLineAsync("  " + label.PadRight(8) + finding.Check + ": " + finding.Message).ConfigureAwait(false);
                    if (finding.Fix is { } fix && finding.Level != FindingLevel.Ok)
                    {
                        await output.WriteLineAsync("          fix: " + fix).ConfigureAwait(false);
                    }
                }
            }

            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("doctor: " + Count(errors, "error") + ", " + Count(warnings, "warning") +
                (errors > 0 ? " — exit code 2" : " — ready to run")).ConfigureAwait(false);
            return errors > 0 ? ExitCodes.BadInput : ExitCodes.Passed;
        });
        return command;
    }

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what + (n == 1 ? string.Empty : "s");
}
