using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Tests;

public sealed class ExitCodeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public ExitCodeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Dictionary<string, string> Env(string mode = "auto") => new() { ["EVALHARNESS_ARTIFACTS"] = Path.Combine(_root, "artifacts"), ["EVALHARNESS_MODE"] = mode };

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string OutputSuite(string metrics, string? gate = null)
    {
        Write("data.jsonl", "{\"id\":\"a\",\"input\":\"q1\",\"out\":\"refund within 30 days\"}\n{\"id\":\"b\",\"input\":\"q2\",\"out\":\"no idea\"}\n");
        return Write("s/suite.yaml", "name: s\ndataset: ../data.jsonl\ntarget: { output: out }\nmetrics:\n" + metrics + (gate ?? string.Empty));
    }

    private JsonObject LatestResults() => JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "artifacts", "latest", "results.json")))!.AsObject();

    [Fact]
    public async Task PassingSuiteExitsZeroAndWritesResults()
    {
        var (code, output, _) = await CliRunner.RunAsync(["run", OutputSuite("  - contains: \"e\"\n")], Env());

        Assert.Equal(0, code);
        Assert.Contains("Exit code 0: passed", output, StringComparison.Ordinal);
        var results = LatestResults();
        Assert.Equal(1, results["formatVersion"]!.GetValue<int>());
        Assert.Equal(2, results["suites"]![0]!["cases"]!.AsArray().Count);
    }

    [Fact]
    public async Task FailingCaseInASuiteWithoutGateExitsOne()
    {
        var (code, output, _) = await CliRunner.RunAsync(["run", OutputSuite("  - contains: refund\n")], Env());

        Assert.Equal(1, code);
        Assert.Contains("FAIL b (", output, StringComparison.Ordinal);
        Assert.Contains("data.jsonl:2): contains: output does not contain \"refund\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GateBelowMinimumPassRateExitsOneAndAboveExitsZero()
    {
        var strict = await CliRunner.RunAsync(["run", OutputSuite("  - contains: refund\n", "gate: { min_pass_rate: 0.75 }\n")], Env());
        var lenient = await CliRunner.RunAsync(["run", OutputSuite("  - contains: refund\n", "gate: { min_pass_rate: 0.5 }\n")], Env());

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("gate min_pass_rate: fail — pass rate 50% (1/2) < minimum 75%", strict.Output, StringComparison.Ordinal);
        Assert.Equal(0, lenient.ExitCode);
    }

    [Fact]
    public async Task InvalidSuiteExitsTwoNamingFileAndLine()
    {
        var suite = Write("bad/suite.yaml", "name: bad\ndataset: d.jsonl\nmetrics:\n  - contians: x\n");

        var (code, output, _) = await CliRunner.RunAsync(["run", suite], Env());

        Assert.Equal(2, code);
        Assert.Contains("suite.yaml(4,5): error EVH004: metrics[0]: unknown metric 'contians'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSuiteFileExitsTwo()
    {
        var (code, output, _) = await CliRunner.RunAsync(["run", Path.Combine(_root, "nope", "suite.yaml")], Env());

        Assert.Equal(2, code);
        Assert.Contains("error EVH001: suite file not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedDatasetLineExitsTwoAndTheRowStillHasAVerdict()
    {
        Write("data.jsonl", "{\"id\":\"a\",\"input\":\"q\",\"out\":\"x\"}\n{not json\n");
        var suite = Write("s/suite.yaml", "name: s\ndataset: ../data.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: x\n");

        var (code, output, _) = await CliRunner.RunAsync(["run", suite], Env());

        Assert.Equal(2, code);
        Assert.Contains("data.jsonl(2,", output, StringComparison.Ordinal);
        var cases = LatestResults()["suites"]![0]!["cases"]!.AsArray();
        Assert.Equal(["pass", "error"], cases.Select(c => c!["verdict"]!.GetValue<string>()));
    }

    [Fact]
    public async Task InvalidModeExitsTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync(["run", OutputSuite("  - contains: e\n"), "--mode", "sometimes"], Env());

        Assert.Equal(2, code);
        Assert.Contains("EVALHARNESS_MODE='sometimes' is not a mode; use replay, record, live or auto", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionExitsTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync(["run", "x", "--frobnicate"], Env());

        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpointExitsThree()
    {
        // A port that was free a moment ago: connections are refused, so the endpoint never answers.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Write("data.jsonl", "{\"id\":\"a\",\"input\":\"q\"}\n");
        var suite = Write("p/suite.yaml",
            "name: p\ndataset: ../data.jsonl\nprovider: { base_url: \"http://127.0.0.1:" + port + "/v1\", model: m }\ntarget: { prompt: \"{{input}}\" }\nmetrics:\n  - is-json\n");

        // No retries: the refused connection is the whole story, and the test stays fast.
        var env = Env("live");
        env["EVALHARNESS_MAX_RETRIES"] = "0";
        var (code, output, _) = await CliRunner.RunAsync(["run", suite], env);

        Assert.Equal(3, code);
        Assert.Contains("ERROR a (", output, StringComparison.Ordinal);
        Assert.Contains("Exit code 3: an endpoint was unreachable", output, StringComparison.Ordinal);
    }
}
