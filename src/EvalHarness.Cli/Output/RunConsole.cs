using EvalHarness.Running;

namespace EvalHarness.Cli.Output;

/// <summary>How a run shows progress: a live display on a terminal, plain lines when output is redirected (CI logs, pipes, tests).</summary>
internal abstract class RunConsole
{
    public static RunConsole Create(TextWriter output, Func<string, string?> env)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected &&
            string.IsNullOrEmpty(env("CI")) && !string.Equals(env("TERM"), "dumb", StringComparison.Ordinal);
        return interactive ? new LiveRunConsole() : new PlainRunConsole(output);
    }

    public abstract Task<RunResult> RunAsync(Func<IRunObserver, Task<RunResult>> run);

    public abstract void PrintSummary(RunResult run, string artifactsFolder);
}
