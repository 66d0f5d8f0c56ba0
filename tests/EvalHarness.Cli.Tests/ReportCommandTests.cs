namespace EvalHarness.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-report-" + Guid.NewGuid().ToString("N")[..12]);

    public ReportCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> RunSuiteAsync()
    {
        Write("data.jsonl", "{\"id\":\"a\",\"input\":\"q1\",\"out\":\"refund within 30 days <script>x()</script>\"}\n{\"id\":\"b\",\"input\":\"q2\",\"out\":\"no idea\"}\n");
        var suite = Write("s/suite.yaml", "name: s\ndataset: ../data.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: refund\ngate: { min_pass_rate: 0.5 }\n");
        var (code, _, _) = await CliRunner.RunAsync(["run", suite], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = Path.Combine(_root, "artifacts") });
        Assert.Equal(0, code);
        return Path.Combine(_root, "artifacts", "latest");
    }

    [Fact]
    public async Task RendersTheRequestedFormatsAgainFromARunFolder()
    {
        var latest = await RunSuiteAsync();
        var output = Path.Combine(_root, "again");

        var (code, stdout, stderr) = await CliRunner.RunAsync(["report", latest, "--format", "html,csv", "-f", "json", "-o", output]);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(["report.html", "results.csv", "results.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("report.html", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(latest, "results.csv")), File.ReadAllText(Path.Combine(output, "results.csv")));
        Assert.Contains("&lt;script&gt;x()&lt;/script&gt;", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutOptionsItRewritesTheHumanFormatsBesideTheResults()
    {
        var latest = await RunSuiteAsync();
        File.Delete(Path.Combine(latest, "summary.md"));

        var (code, _, _) = await CliRunner.RunAsync(["report", Path.Combine(latest, "results.json")]);

        Assert.Equal(0, code);
        Assert.StartsWith("# Eval run ", File.ReadAllText(Path.Combine(latest, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenResultsFileExitsTwoNamingFileAndLine()
    {
        var file = Write("results.json", "{\n  \"formatVersion\": 1,\n  \"runId\": \"r\",\n  \"suites\": [ { \"cases\": [] } ]\n}\n");

        var (code, _, stderr) = await CliRunner.RunAsync(["report", file, "-o", Path.Combine(_root, "out")]);

        Assert.Equal(2, code);
        Assert.Contains("results.json(4,15): error EVH013: suites[0].name: is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileAnUnknownFormatOrOverwritingTheInputExitTwo()
    {
        var latest = await RunSuiteAsync();

        var missing = await CliRunner.RunAsync(["report", Path.Combine(_root, "nope.json")]);
        var format = await CliRunner.RunAsync(["report", latest, "--format", "pdf"]);
        var overwrite = await CliRunner.RunAsync(["report", latest, "--format", "json"]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such results file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("--format pdf is not a report format; use json, md, csv, html", format.Error, StringComparison.Ordinal);
        Assert.Equal(2, overwrite.ExitCode);
        Assert.Contains("would overwrite", overwrite.Error, StringComparison.Ordinal);
    }
}
