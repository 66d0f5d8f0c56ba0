using EvalHarness.Targets;

namespace EvalHarness.Cli.Tests;

/// <summary>Runs the command line in-process with captured output and an explicit environment.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyDictionary<string, IEvalTarget>? targets = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, name => env is not null && env.TryGetValue(name, out var v) ? v : null, targets,
            TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
