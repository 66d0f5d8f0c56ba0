using System.CommandLine;
using EvalHarness.Baselines;
using EvalHarness.Cli.Filtering;
using EvalHarness.Cli.Logging;
using EvalHarness.Cli.Output;
using EvalHarness.OpenAI;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Targets;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness run &lt;suite.yaml|folder&gt;… [--mode m] [--shard i/n] [--filter f]… [--max-concurrency n] [--json] [--log-level l] [--log-format f]</c>:
/// runs suites, writes artifacts, exits 0/1/2/3; structured logs go to stderr (see <see cref="RunLogging"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> env, IReadOnlyDictionary<string, IEvalTarget>? targets)
    {
        var suites = new Argument<string[]>("suites")
        {
            Description = "Suite files, or folders searched for suite.yaml (e.g. eval-suites)",
            Arity = ArgumentArity.OneOrMore,
        };
        var mode = new Option<string?>("--mode") { Description = "replay | record | live | auto (default: EVALHARNESS_MODE, else auto)" };
        var artifacts = new Option<string?>("--artifacts") { Description = "Artifacts folder (default: EVALHARNESS_ARTIFACTS, else artifacts/evals)" };
        var concurrency = new Option<int?>("--max-concurrency") { Description = "Cases run at once, overriding each suite's max_concurrency" };
        var shard = new Option<string?>("--shard") { Description = "Run a deterministic slice i/n of the cases (default: EVALHARNESS_SHARD)" };
        var filter = new Option<string[]>("--filter")
        {
            Description = "Only cases matching tag:<name>, id:<id> or a bare id or tag (wildcards * ?; '!' excludes; comma-separated or repeated)",
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout (progress goes to stderr)" };
        var logLevel = new Option<string?>("--log-level")
        {
            Description = "Logs on stderr from this level: trace | debug | information | warning | error | critical | none (default: EVALHARNESS_LOG_LEVEL, else warning)",
        };
        var logFormat = new Option<string?>("--log-format") { Description = "simple | json: one JSON object per log line (default: EVALHARNESS_LOG_FORMAT, else simple)" };

        var command = new Command("run", "Run eval suites and write results.json and summary.md")
        {
            suites, mode, artifacts, concurrency, shard, filter, json, logLevel, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            EvalRunOptions options;
            try
            {
                options = EvalRunOptions.FromEnvironment(name => name switch
                {
                    "EVALHARNESS_MODE" => parse.GetValue(mode) ?? env(name),
                    "EVALHARNESS_ARTIFACTS" => parse.GetValue(artifacts) ?? env(name),
                    "EVALHARNESS_SHARD" => parse.GetValue(shard) ?? env(name),
                    _ => env(name),
                });
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(concurrency) is { } max)
            {
                if (max < 1)
                {
                    await error.WriteLineAsync("evalharness: --max-concurrency must be at least 1").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                options = options with { MaxConcurrency = max };
            }

            if (parse.GetValue(filter) is { Length: > 0 } terms)
            {
                try
                {
                    options = options with { Filter = CaseFilter.Parse(terms).Includes };
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }
            }

            options = options with
            {
                ChatClientFactory = OpenAIChatClientFactory.ForSuites(env),
                JudgeClientFactory = OpenAIChatClientFactory.ForJudges(env),
                Resilience = EvalHarness.Resilience.ResilienceOptions.FromEnvironment(env),
            };
            var arguments = parse.GetValue(suites) ?? [];
            if (arguments.FirstOrDefault(a => a.StartsWith('-') && !File.Exists(a)) is { } unknown)
            {
                await error.WriteLineAsync("evalharness: unknown option '" + unknown + "'; run 'evalharness run --help' for the options").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var files = SuiteFiles.Expand(arguments);
            if (files.Count == 0)
            {
                await error.WriteLineAsync("evalharness: no suite.yaml found in " + string.Join(", ", parse.GetValue(suites) ?? [])).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            using var logging = RunLogging.Create(parse.GetValue(logLevel), parse.GetValue(logFormat), env, error, options.ArtifactsDirectory, out var logProblem);
            if (logging is null)
            {
                await error.WriteLineAsync("evalharness: " + logProblem).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            options = options with { LoggerFactory = logging.Factory };
            var machine = parse.GetValue(json);
            var console = machine ? new PlainRunConsole(error) : RunConsole.Create(output, env);
            var baselines = BaselineSettings.FromEnvironment(env);
            string? folder = null;
            RunResult run;
            try
            {
                // The report writers compile on a spare core while the cases run, not after them.
                _ = Task.Run(ArtifactWriter.WarmUp, CancellationToken.None);
                run = await console.RunAsync(observer => EvalRun.ExecuteAsync(files, options, baselines, targets, observer, cancellationToken)).ConfigureAwait(false);
                folder = ArtifactWriter.Write(run, options.ArtifactsDirectory);
            }
            finally
            {
                // The log is complete once the run is: it goes into the run folder beside results.json.
                logging.Complete(folder);
            }

            console.PrintSummary(run, folder);
            if (machine)
            {
                await output.WriteLineAsync(RunJson.Render(run, folder)).ConfigureAwait(false);
            }

            return run.ExitCode;
        });
        return command;
    }
}
