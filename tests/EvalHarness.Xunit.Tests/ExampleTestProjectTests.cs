using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EvalHarness.Xunit.Tests;

/// <summary>
/// The example test project (samples/SupportBot.EvalTests) run as `dotnet test` runs it: its test executable in a child process.
/// It is built before this project (a ProjectReference without the assembly).
/// </summary>
public sealed class ExampleTestProjectTests : IDisposable
{
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "evh-example-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_artifacts))
        {
            Directory.Delete(_artifacts, recursive: true);
        }
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    // bin/<Configuration>/<tfm>/ of this project, mirrored for the example project.
    private static string ExampleAssembly
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = tfm.Parent!.Name;
            return Path.Combine(RepositoryRoot, "samples", "SupportBot.EvalTests", "bin", configuration, tfm.Name, "SupportBot.EvalTests.dll");
        }
    }

    private static int DatasetLines(string name) =>
        File.ReadLines(Path.Combine(RepositoryRoot, "datasets", name)).Count(l => !string.IsNullOrWhiteSpace(l));

    [Fact]
    public async Task ListsOneTestPerDatasetLinePlusAGatePerSuite()
    {
        var (code, output) = await RunExampleAsync("--list-tests");

        Assert.True(code == 0, output);
        var tests = output.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Equal(DatasetLines("support-faq.jsonl"), tests.Count(t => t.StartsWith("support-faq [", StringComparison.Ordinal)));
        Assert.Equal(DatasetLines("support-logs.jsonl"), tests.Count(t => t.StartsWith("support-logs [", StringComparison.Ordinal)));
        Assert.Equal(1, tests.Count(t => t == "support-faq: Gate"));
        Assert.Equal(1, tests.Count(t => t == "support-logs: Gate"));
        Assert.Contains("support-faq [payment-methods]", tests);
    }

    [Fact]
    public async Task RunsGreenAndWritesTheRunsArtifactsOnce()
    {
        var (code, output) = await RunExampleAsync();

        Assert.True(code == 0, output);
        Assert.Contains("failed: 0", output, StringComparison.Ordinal);
        Assert.Contains("support-faq › export-format: FAIL, reported as a warning", output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(_artifacts), d => Path.GetFileName(d) != "latest");
        Assert.True(File.Exists(Path.Combine(run, "summary.md")));
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!;
        var suites = results["suites"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.Equal(["support-faq", "support-logs"], suites.Keys.Order());
        Assert.Equal(DatasetLines("support-faq.jsonl"), suites["support-faq"]["cases"]!.AsArray().Count);
        Assert.Equal(DatasetLines("support-logs.jsonl"), suites["support-logs"]["cases"]!.AsArray().Count);
        Assert.All(suites.Values, s => Assert.Equal("pass", s["verdict"]!.GetValue<string>()));
    }

    private async Task<(int Code, string Output)> RunExampleAsync(params string[] arguments)
    {
        Assert.True(File.Exists(ExampleAssembly), "build samples/SupportBot.EvalTests first: " + ExampleAssembly + " is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ExampleAssembly)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ExampleAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["EVALHARNESS_ARTIFACTS"] = _artifacts;
        start.Environment["EVALHARNESS_MODE"] = "replay";
        start.Environment["EVALHARNESS_SHARD"] = null;
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout + await stderr).ReplaceLineEndings("\n"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EvalHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
