using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// End to end, as a user gets the tool: pack EvalHarness.Cli, install it with <c>dotnet tool install --tool-path</c> from a local folder feed
/// (no other source), and run the example suite that needs no C# host, then check it, summarise it for GitHub and gate on it.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempRepository _work = new("evh-tool");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ThePackedToolInstallsAndRunsTheExampleSuite()
    {
        var ct = TestContext.Current.CancellationToken;
        var feed = _work.PathOf("feed");
        // A unique version and a private package folder: no cache can serve an older build of the tool.
        var version = "0.1.0-tool." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..6];
        var project = Path.Combine(RepositoryRoot.Path, "src", "EvalHarness.Cli", "EvalHarness.Cli.csproj");
        var pack = await RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version,
            "-p:PublishDir=" + _work.PathOf("publish") + "/"], RepositoryRoot.Path, ct);
        Assert.True(pack.ExitCode == 0, pack.Output);
        _work.Write("nuget.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"local\" value=\"" +
            feed + "\" />\n  </packageSources>\n</configuration>\n");

        var tools = _work.PathOf("tools");
        var install = await RunAsync("dotnet", ["tool", "install", "EvalHarness.Cli", "--version", version, "--tool-path", tools, "--configfile", _work.PathOf("nuget.config")],
            _work.Root, ct);
        Assert.True(install.ExitCode == 0, install.Output);

        // The suite and its dataset copied into a scratch repository, so the run writes nothing into this one.
        var repo = _work.PathOf("repo");
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "eval-suites", "support-logs"), Path.Combine(repo, "eval-suites", "support-logs"));
        Directory.CreateDirectory(Path.Combine(repo, "datasets"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "datasets", "support-logs.jsonl"), Path.Combine(repo, "datasets", "support-logs.jsonl"));
        var evalharness = Path.Combine(tools, OperatingSystem.IsWindows() ? "evalharness.exe" : "evalharness");

        var run = await RunAsync(evalharness, ["run", "eval-suites", "--mode", "replay"], repo, ct);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "artifacts", "evals", "latest", "results.json")))!;
        var doctor = await RunAsync(evalharness, ["doctor", "--mode", "replay"], repo, ct);
        var summary = await RunAsync(evalharness, ["summary", "--github"], repo, ct);
        var missing = await RunAsync(evalharness, ["run", "eval-suites/nope/suite.yaml"], repo, ct);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("support-logs: 16 cases", run.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadLines(Path.Combine(repo, "datasets", "support-logs.jsonl")).Count(l => l.Length > 0), results["suites"]![0]!["cases"]!.AsArray().Count);
        var installed = Assert.Single(Directory.GetFiles(tools, "EvalHarness.Cli.dll", SearchOption.AllDirectories));
        Assert.Equal(File.ReadAllBytes(typeof(CliApp).Assembly.Location), File.ReadAllBytes(installed));
        Assert.True(doctor.ExitCode == 0, doctor.Output);
        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("::warning file=datasets/support-logs.jsonl,line=5,title=support-logs%3A fail log-0005::", summary.Output, StringComparison.Ordinal);
        Assert.StartsWith("# Eval run ", File.ReadAllText(_work.PathOf("step-summary.md")), StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(repo, "eval-suites"), "*.received.*", SearchOption.AllDirectories));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NUGET_PACKAGES"] = _work.PathOf("packages");
        start.Environment["GITHUB_STEP_SUMMARY"] = _work.PathOf("step-summary.md");
        start.Environment["GITHUB_WORKSPACE"] = directory;
        start.Environment.Remove("EVALHARNESS_ARTIFACTS");
        start.Environment.Remove("EVALHARNESS_ACCEPT");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, new StringBuilder().Append(await stdout).Append(await stderr).ToString());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
