using System.CommandLine;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness report &lt;results.json|run folder&gt; [--format html|md|csv|json] [-o &lt;dir&gt;]</c>: renders reports again from a results
/// file. Exits 0 when every file was written, 2 when the results file (or an option) is bad.
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] DefaultFormats = ["html", "md", "csv"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var results = new Argument<string>("results") { Description = "A results.json, or a run folder holding one (e.g. artifacts/evals/latest)" };
        var formats = new Option<string[]>("--format", "-f")
        {
            Description = "html | md | csv | json; repeat or separate with commas (default: html, md and csv)",
            AllowMultipleArgumentsPerToken = true,
        };
        var outputDir = new Option<string?>("--output", "-o") { Description = "Folder to write into (default: the results file's folder)" };
        var history = new Option<string?>("--history")
        {
            Description = "history.jsonl for the trend charts (default: the one beside the run folder, if any)",
        };

        var command = new Command("report", "Render report.html, summary.md, results.csv or results.json again from a results file")
        {
            results, formats, outputDir, history,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(results)!;
            var file = Directory.Exists(input) ? Path.Combine(input, "results.json") : input;
            if (!File.Exists(file))
            {
                await error.WriteLineAsync("evalharness: " + Shown(file) + ": no such results file").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var requested = (parse.GetValue(formats) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var exporters = new List<IResultsExporter>();
            foreach (var name in requested.Count == 0 ? [.. DefaultFormats] : requested)
            {
                if (ReportFormats.Find(name) is not { } exporter)
                {
                    await error.WriteLineAsync("evalharness: --format " + name + " is not a report format; use " + string.Join(", ", ReportFormats.Names))
                        .ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                if (!exporters.Contains(exporter))
                {
                    exporters.Add(exporter);
                }
            }

            var folder = Path.GetFullPath(parse.GetValue(outputDir) ?? Path.GetDirectoryName(Path.GetFullPath(file))!);
            if (exporters.Any(e => string.Equals(Path.Combine(folder, e.FileName), Path.GetFullPath(file), StringComparison.Ordinal)))
            {
                await error.WriteLineAsync("evalharness: --format json would overwrite " + Shown(file) + " with itself; pass -o <folder>")
                    .ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var historyFile = parse.GetValue(history) ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(file))!) ?? ".", RunHistory.FileName);
            if (parse.GetValue(history) is { } explicitHistory && !File.Exists(explicitHistory))
            {
                await error.WriteLineAsync("evalharness: --history " + explicitHistory + ": no such file").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            RunResult run;
            try
            {
                run = ResultsJsonReader.Read(file, Shown(file));
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var report = RunReport.Create(run, RunHistory.Read(historyFile));
            foreach (var written in ArtifactWriter.Export(report, folder, exporters))
            {
                await output.WriteLineAsync("Wrote " + Shown(written)).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    // Paths as the user would type them: relative below the current folder, else full.
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative).Replace('\\', '/');
    }
}
