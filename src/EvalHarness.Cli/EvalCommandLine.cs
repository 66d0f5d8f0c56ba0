using System.Runtime.InteropServices;
using EvalHarness.Targets;

namespace EvalHarness.Cli;

/// <summary>
/// The <c>evalharness</c> command line, hostable in your own program so suites without a <c>target:</c> can run a C# system under test
/// with the same commands, output, artifacts and exit codes as the installed tool.
/// </summary>
/// <example>
/// <code>
/// var bot = new SupportBot();
/// return await EvalCommandLine.RunAsync(args, new Dictionary&lt;string, IEvalTarget&gt;
/// {
///     ["support-faq"] = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct)),
/// });
/// </code>
/// </example>
public static class EvalCommandLine
{
    /// <summary>Runs the command line on the console; Ctrl+C or SIGTERM cancels the run (its partial results are written, marked incomplete).</summary>
    /// <param name="args">The arguments, for example <c>run eval-suites</c>.</param>
    /// <param name="targets">C# targets by suite name, or null.</param>
    /// <returns>The exit code: 0 passed, 1 gate failed, 2 bad input or configuration, 3 infrastructure.</returns>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, IEvalTarget>? targets = null)
    {
        using var cancel = new CancellationTokenSource();
        // SIGINT (Ctrl+C) and SIGTERM (CI cancelling a job) stop the run and still write its partial results; a second signal ends the process.
        void Stop(PosixSignalContext context)
        {
            if (!cancel.IsCancellationRequested)
            {
                context.Cancel = true;
                cancel.Cancel();
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await CliApp.RunAsync(args, Console.Out, Console.Error, null, targets, cancel.Token).ConfigureAwait(false);
    }
}
