using System.Collections.Concurrent;
using EvalHarness.Running;
using EvalHarness.Suites;
using Spectre.Console;

namespace EvalHarness.Cli.Output;

/// <summary>Terminal output: a live progress line per suite, then a table of suites and the failing cases.</summary>
internal sealed class LiveRunConsole : RunConsole
{
    public override async Task<RunResult> RunAsync(Func<IRunObserver, Task<RunResult>> run)
    {
        RunResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context => result = await run(new Observer(context)).ConfigureAwait(false))
            .ConfigureAwait(false);
        return result!;
    }

    public override void PrintSummary(RunResult run, string artifactsFolder)
    {
        var table = new Table().AddColumns("Suite", "Verdict", "Cases", "Pass", "Fail", "Inconclusive", "Error", "Pass rate");
        foreach (var suite in run.Suites)
        {
            var a = suite.Aggregates;
            var color = suite.Verdict switch { Verdict.Pass => "green", Verdict.Inconclusive => "yellow", _ => "red" };
            table.AddRow(Markup.Escape(suite.Name), "[" + color + "]" + suite.Verdict.ToContractString() + "[/]", a.Cases.ToString(), a.Passed.ToString(),
                a.Failed.ToString(), a.Inconclusive.ToString(), a.Errors.ToString(),
                a.PassRate is { } r ? (r * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a");
        }

        AnsiConsole.Write(table);
        foreach (var suite in run.Suites)
        {
            foreach (var error in suite.ConfigurationErrors)
            {
                AnsiConsole.MarkupLine("[red]" + Markup.Escape(error.ToString()) + "[/]");
            }

            foreach (var c in suite.Cases.Where(c => c.Verdict != Verdict.Pass).Take(20))
            {
                AnsiConsole.MarkupLine("  " + Markup.Escape(Describe.CaseLine(suite.Dataset ?? suite.File, c)));
            }

            foreach (var check in suite.Gate.Checks)
            {
                AnsiConsole.MarkupLine("  gate [bold]" + Markup.Escape(check.Name) + "[/]: " + Markup.Escape(check.Verdict.ToContractString() + " — " + check.Reason));
            }
        }

        AnsiConsole.MarkupLine("Results: [link]" + Markup.Escape(Path.Combine(artifactsFolder, "results.json")) + "[/]");
        AnsiConsole.MarkupLine("Exit code [bold]" + run.ExitCode + "[/]: " + Markup.Escape(Describe.ExitCode(run.ExitCode)));
    }

    private sealed class Observer(ProgressContext context) : IRunObserver
    {
        private readonly ConcurrentDictionary<string, (ProgressTask Task, int Done, int NotPassed)> _suites = new();

        public void SuiteStarting(Suite suite)
        {
            var task = context.AddTask(Markup.Escape(suite.Name), autoStart: true);
            task.IsIndeterminate = true;
            _suites[suite.Name] = (task, 0, 0);
        }

        public void CaseCompleted(Suite suite, CaseResult result)
        {
            var state = _suites.AddOrUpdate(suite.Name, _ => throw new InvalidOperationException("suite not started"),
                (_, s) => (s.Task, s.Done + 1, s.NotPassed + (result.Verdict == Verdict.Pass ? 0 : 1)));
            state.Task.Description = Markup.Escape(suite.Name) + ": " + state.Done + " cases" + (state.NotPassed > 0 ? " ([red]" + state.NotPassed + " not passing[/])" : string.Empty);
        }

        public void SuiteCompleted(SuiteResult result)
        {
            if (_suites.TryGetValue(result.Name, out var state))
            {
                state.Task.Description = Markup.Escape(Describe.SuiteTotals(result));
                state.Task.IsIndeterminate = false;
                state.Task.Value = state.Task.MaxValue;
                state.Task.StopTask();
            }
        }
    }
}
