using System.Globalization;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Output;

/// <summary>Plain, line-oriented output: suite starts, every case that does not pass, suite totals and errors with file and line.</summary>
internal sealed class PlainRunConsole(TextWriter output) : RunConsole, IRunObserver
{
    private readonly Lock _gate = new();

    public override Task<RunResult> RunAsync(Func<IRunObserver, Task<RunResult>> run) => run(this);

    public void SuiteStarting(Suite suite)
    {
        lock (_gate)
        {
            output.WriteLine("▶ " + suite.Name + " (" + suite.Definition.File + ")");
        }
    }

    public void CaseCompleted(Suite suite, CaseResult result)
    {
        if (result.Verdict == Verdict.Pass)
        {
            return;
        }

        lock (_gate)
        {
            output.WriteLine("  " + Describe.CaseLine(suite.DatasetDisplayPath, result));
        }
    }

    public void SuiteCompleted(SuiteResult result)
    {
        lock (_gate)
        {
            foreach (var error in result.ConfigurationErrors)
            {
                output.WriteLine(error.ToString());
            }

            output.WriteLine("  " + Describe.SuiteTotals(result));
            foreach (var check in result.Gate.Checks)
            {
                output.WriteLine("    gate " + check.Name + ": " + check.Verdict.ToContractString() + " — " + check.Reason);
            }
        }
    }

    public override void PrintSummary(RunResult run, string artifactsFolder)
    {
        output.WriteLine();
        output.WriteLine("Results: " + Path.Combine(artifactsFolder, "results.json"));
        output.WriteLine("Exit code " + run.ExitCode.ToString(CultureInfo.InvariantCulture) + ": " + Describe.ExitCode(run.ExitCode));
    }
}
