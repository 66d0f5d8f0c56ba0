using System.Net;
using System.Net.Sockets;
using EvalHarness.Testing;

namespace EvalHarness.Cli.Tests;

/// <summary><c>doctor</c> finds what would stop a run — bad files, missing recordings, endpoints, keys, prices — says how to fix it, and never prints a key.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private const string Secret = "sk-test-DO-NOT-PRINT-4242";
    private readonly TempRepository _repo = new("evh-doctor");

    public DoctorCommandTests() => _repo.Write("datasets/q.jsonl", "{\"id\":\"a\",\"input\":\"q1\",\"out\":\"refund\"}\n{\"id\":\"b\",\"input\":\"q2\",\"out\":\"refund\"}\n");

    public void Dispose() => _repo.Dispose();

    private Dictionary<string, string> Env(string mode = "replay") => new()
    {
        ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts,
        ["EVALHARNESS_MODE"] = mode,
        ["MY_KEY"] = Secret,
    };

    private string PromptSuite(string baseUrl, string model = "gpt-4o-mini", string gate = "") =>
        _repo.Write("eval-suites/p/suite.yaml", "name: p\ndataset: ../../datasets/q.jsonl\nprovider: { base_url: \"" + baseUrl + "\", model: " + model +
            ", api_key_env: MY_KEY }\ntarget: { prompt: \"Answer: {{input}}\" }\nmetrics:\n  - contains: refund\n" + gate);

    private static int RefusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task AHealthySuitePasses()
    {
        var suite = _repo.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../datasets/q.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: refund\n");

        var (code, output, _) = await CliRunner.RunAsync(["doctor", suite], Env());

        Assert.Equal(0, code);
        Assert.Contains("  ok      suite and dataset: valid (2 cases in ", output, StringComparison.Ordinal);
        Assert.EndsWith("doctor: 0 errors, 0 warnings — ready to run\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidSuiteOrDatasetIsAnErrorWithItsLineAndAFix()
    {
        var bad = _repo.Write("eval-suites/bad/suite.yaml", "name: bad\ndataset: ../../datasets/q.jsonl\nmetrics:\n  - contians: x\n");
        _repo.Write("datasets/broken.jsonl", "{\"id\":\"a\",\"input\":\"q\",\"out\":\"x\"}\n{oops\n");
        var rows = _repo.Write("eval-suites/rows/suite.yaml", "name: rows\ndataset: ../../datasets/broken.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: x\n");

        var (code, output, _) = await CliRunner.RunAsync(["doctor", bad, rows], Env());

        Assert.Equal(2, code);
        Assert.Contains("suite.yaml(4,5): error EVH004: metrics[0]: unknown metric 'contians'", output, StringComparison.Ordinal);
        Assert.Contains("  error   dataset: 1 invalid row(s): ", output, StringComparison.Ordinal);
        Assert.Contains("broken.jsonl(2,", output, StringComparison.Ordinal);
        Assert.Contains("          fix: ", output, StringComparison.Ordinal);
        Assert.Contains("doctor: 2 errors, 0 warnings — exit code 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRecordingsFailReplayAndRecordingThemFixesIt()
    {
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("You get a refund."));
        var suite = PromptSuite(server.BaseUrl.AbsoluteUri);

        var before = await CliRunner.RunAsync(["doctor", suite], Env());
        var record = await CliRunner.RunAsync(["run", suite], Env("record"));
        var after = await CliRunner.RunAsync(["doctor", suite], Env());

        Assert.Equal(2, before.ExitCode);
        Assert.Contains("  error   recordings: 2 of 2 cases cannot replay (a, b); in replay mode they are errors", before.Output, StringComparison.Ordinal);
        Assert.Contains("fix: record them once with 'EVALHARNESS_MODE=record evalharness run ", before.Output, StringComparison.Ordinal);
        Assert.True(record.ExitCode == 0, record.Output + record.Error);
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.Contains("  ok      recordings: every case replays (2 cases, ", after.Output, StringComparison.Ordinal);
        Assert.Contains("  ok      endpoint key: not needed for a loopback endpoint", after.Output, StringComparison.Ordinal);
        Assert.Contains("  ok      endpoint: " + server.BaseUrl.AbsoluteUri.TrimEnd('/'), after.Output, StringComparison.Ordinal);
        Assert.Contains("  ok      prices: 'gpt-4o-mini' is priced", after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, before.Output + after.Output + record.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableEndpointIsAnErrorWhenTheRunNeedsIt()
    {
        var suite = PromptSuite("http://127.0.0.1:" + RefusedPort() + "/v1");

        var live = await CliRunner.RunAsync(["doctor", suite, "--mode", "live", "--timeout", "2"], Env());
        var replay = await CliRunner.RunAsync(["doctor", suite, "--timeout", "2"], Env());

        Assert.Equal(2, live.ExitCode);
        Assert.Matches(@"  error   endpoint: http://127\.0\.0\.1:\d+/v1 is unreachable: ConnectionRefused", live.Output);
        Assert.Contains("fix: start the server or correct base_url", live.Output, StringComparison.Ordinal);
        Assert.Matches(@"  warning endpoint: http://127\.0\.0\.1:\d+/v1 is unreachable: .*\(not needed while every call replays\)", replay.Output);
    }

    [Fact]
    public async Task AMissingKeyIsNamedButNeverShownAndAnUnpricedModelSaysHowToPriceIt()
    {
        var suite = _repo.Write("eval-suites/k/suite.yaml", "name: k\ndataset: ../../datasets/q.jsonl\nprovider: { model: acme-llm-9, api_key_env: ABSENT_KEY }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: refund\ngate: { budget_usd: 1 }\n");

        var (code, output, _) = await CliRunner.RunAsync(["doctor", suite, "--mode", "live"], Env());

        Assert.Equal(2, code);
        Assert.Contains("  error   endpoint: not configured: No API key for the provider endpoint https://api.openai.com/v1/: the environment variable ABSENT_KEY", output, StringComparison.Ordinal);
        Assert.Contains("  error   prices: 'acme-llm-9' is not in the pricing table, so its cost is unknown (never $0) and the gate's budget_usd cannot be decided", output, StringComparison.Ordinal);
        Assert.Contains("fix: add \"acme-llm-9\": { \"input\": <USD per 1M tokens>, \"output\": <USD per 1M tokens> } under \"models\" in evalharness.pricing.json", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOptionsAndNoSuitesExitTwo()
    {
        var mode = await CliRunner.RunAsync(["doctor", _repo.Root, "--mode", "sometimes"], Env());
        var none = await CliRunner.RunAsync(["doctor", _repo.PathOf("datasets")], Env());

        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("is not a mode", mode.Error, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no suite.yaml found in ", none.Output, StringComparison.Ordinal);
    }
}
