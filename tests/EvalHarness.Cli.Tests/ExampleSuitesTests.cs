using System.Text.Json.Nodes;
using Acme.Support;
using EvalHarness.Targets;

namespace EvalHarness.Cli.Tests;

/// <summary>The README's first command, in-process: the example suites run offline, every dataset line gets a verdict, replay is exact.</summary>
public sealed class ExampleSuitesTests : IDisposable
{
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "evh-examples-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_artifacts))
        {
            Directory.Delete(_artifacts, recursive: true);
        }
    }

    private async Task<(int Code, JsonObject Results)> RunExamplesAsync()
    {
        var bot = new SupportBot();
        var targets = new Dictionary<string, IEvalTarget> { ["support-faq"] = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct)) };
        var env = new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _artifacts, ["EVALHARNESS_MODE"] = "replay" };
        var (code, output, error) = await CliRunner.RunAsync(["run", Path.Combine(RepositoryRoot.Path, "eval-suites")], env, targets);
        Assert.True(code == 0, "exit code " + code + "\n" + output + error);
        return (code, JsonNode.Parse(File.ReadAllText(Path.Combine(_artifacts, "latest", "results.json")))!.AsObject());
    }

    private static int DatasetLines(string name) =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, "datasets", name)).Count(l => !string.IsNullOrWhiteSpace(l));

    private static JsonObject SuiteNamed(JsonObject results, string name) =>
        results["suites"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public async Task EveryDatasetLineHasAVerdictAndTheGatesPass()
    {
        var (code, results) = await RunExamplesAsync();

        Assert.Equal(0, code);
        Assert.Equal(DatasetLines("support-faq.jsonl"), SuiteNamed(results, "support-faq")["cases"]!.AsArray().Count);
        Assert.Equal(DatasetLines("support-logs.jsonl"), SuiteNamed(results, "support-logs")["cases"]!.AsArray().Count);
        Assert.All(results["suites"]!.AsArray(), s => Assert.Equal("pass", s!["verdict"]!.GetValue<string>()));
        Assert.All(results["suites"]!.AsArray().SelectMany(s => s!["cases"]!.AsArray()),
            c => Assert.Contains(c!["verdict"]!.GetValue<string>(), new[] { "pass", "fail", "inconclusive", "error" }));
    }

    [Fact]
    public async Task ReplayingTwiceGivesIdenticalOutputsAndVerdicts()
    {
        var (_, first) = await RunExamplesAsync();
        var (_, second) = await RunExamplesAsync();

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.NotEqual(first["runId"]!.GetValue<string>(), second["runId"]!.GetValue<string>());
    }

    // Everything that must be deterministic: ids, outputs, case and metric verdicts, scores and reasons — except the reasons of
    // wall-clock metrics (scale "ms"), which quote the live latency of the in-process C# target.
    private static string Fingerprint(JsonObject results) => string.Join("\n", results["suites"]!.AsArray().SelectMany(s => s!["cases"]!.AsArray()).Select(c =>
        c!["id"] + "|" + c["output"] + "|" + c["verdict"] + "|" + string.Join(";", c["metrics"]!.AsArray().Select(m =>
            m!["name"] + "=" + m["verdict"] + ":" + m["score"] + ":" + (m["scale"]?.GetValue<string>() == "ms" ? "" : m["reason"])))));
}
