using System.CommandLine;
using EvalHarness.Cli.Commands;
using EvalHarness.Running;
using EvalHarness.Targets;

namespace EvalHarness.Cli;

/// <summary>The <c>evalharness</c> command line: parses arguments and dispatches to a command.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line with the given writers; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null,
        IReadOnlyDictionary<string, IEvalTarget>? targets = null, CancellationToken cancellationToken = default)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var root = new RootCommand("evalharness — evaluate LLM-powered software like ordinary code: suites, metrics, record/replay, gates.")
        {
            RunCommand.Create(output, error, env, targets),
            ReportCommand.Create(output, error),
            AcceptCommand.Create(output, error),
            RejectCommand.Create(output, error),
            CompareCommand.Create(output, error),
            DriftCommand.Create(output, error),
            ImportCommand.Create(output, error),
            SummaryCommand.Create(output, error, env),
            MergeCommand.Create(output, error, env),
            GenerateCommand.Create(output, error),
            DoctorCommand.Create(output, error, env),
            InitCommand.Create(output, error),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("evalharness: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'evalharness --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // No System.CommandLine signal handling: it would end the process 2 s after Ctrl+C, before a large run's partial results are written.
        var config = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
