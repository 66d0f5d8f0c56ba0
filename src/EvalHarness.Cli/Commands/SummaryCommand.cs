using System.CommandLine;
using System.Text;
using EvalHarness.Cli.GitHub;
using EvalHarness.Cli.Output;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness summary [results.json|run folder] [--github] [--comment &lt;file&gt;] [--max-annotations n]</c>: the run's summary for people.
/// Without options it prints summary.md; <c>--github</c> appends it to <c>$GITHUB_STEP_SUMMARY</c> and prints <c>::error</c>/<c>::warning</c>
/// annotations at the dataset lines of failing and regressed cases and at the gate rules in suite files; <c>--comment</c> writes the short
/// pull-request comment. Exits 0 when it could read the results, 2 when not.
/// </summary>
internal static class SummaryCommand
{
    public const int DefaultMaxAnnotations = 50;

    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> env)
    {
        var results = new Argument<string?>("results")
        {
            Description = "A results.json or a run folder (default: the latest run, EVALHARNESS_ARTIFACTS/latest or artifacts/evals/latest)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var github = new Option<bool>("--github") { Description = "Append the summary to $GITHUB_STEP_SUMMARY and print annotations for GitHub Actions" };
        var comment = new Option<string?>("--comment") { Description = "Write the short pull-request comment (Markdown) to this file" };
        var max = new Option<int>("--max-annotations")
        {
            Description = "The most annotations printed, errors first (default 50; GitHub shows 10 of each kind per step)",
            DefaultValueFactory = _ => DefaultMaxAnnotations,
        };
        var command = new Command("summary", "Summarise a run: step summary and annotations for GitHub Actions, or a pull-request comment")
        {
            results, github, comment, max,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(results) ?? Path.Combine(env("EVALHARNESS_ARTIFACTS") is { Length: > 0 } root ? root : "artifacts/evals", "latest");
            var file = Directory.Exists(input) ? Path.Combine(input, "results.json") : input;
            if (!File.Exists(file))
            {
                await error.WriteLineAsync("evalharness: " + ShownPath.Of(file) + ": no such results file" +
                    (parse.GetValue(results) is null ? " (no run yet? 'evalharness run' writes one; or pass the results.json)" : string.Empty)).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(max) < 0)
            {
                await error.WriteLineAsync("evalharness: --max-annotations must be 0 or more").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            RunResult run;
            try
            {
                run = ResultsJsonReader.Read(file, ShownPath.Of(file));
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            var paths = new RepositoryPaths(env("GITHUB_WORKSPACE"), Environment.CurrentDirectory);
            var markdown = Render(run);
            if (parse.GetValue(comment) is { } commentFile)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(commentFile))!);
                await File.WriteAllTextAsync(commentFile, PullRequestComment.Render(run, paths), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }

            if (!parse.GetValue(github))
            {
                if (parse.GetValue(comment) is null)
                {
                    await output.WriteAsync(markdown).ConfigureAwait(false);
                }

                return ExitCodes.Passed;
            }

            if (env("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryFile)
            {
                await File.AppendAllTextAsync(summaryFile, markdown + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await error.WriteLineAsync("evalharness: GITHUB_STEP_SUMMARY is not set (not in GitHub Actions?): printed the annotations only").ConfigureAwait(false);
            }

            var annotations = AnnotationBuilder.Build(run, paths).OrderBy(a => a.Level).ToList();
            var limit = parse.GetValue(max);
            foreach (var annotation in annotations.Take(limit))
            {
                await output.WriteLineAsync(WorkflowCommand.Annotation(annotation)).ConfigureAwait(false);
            }

            if (annotations.Count > limit)
            {
                await output.WriteLineAsync(WorkflowCommand.Format("notice", [("title", "evalharness")],
                    (annotations.Count - limit) + " more annotations not shown (--max-annotations " + limit + "); every case is in the step summary and results.json"))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static string Render(RunResult run)
    {
        using var buffer = new MemoryStream();
        new MarkdownSummaryExporter().Export(RunReport.Create(run), buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
