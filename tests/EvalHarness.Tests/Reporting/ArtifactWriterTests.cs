using System.Text.Json.Nodes;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Reporting;

public sealed class ArtifactWriterTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<RunResult> RunAsync(int cases)
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(0, cases).Select(i =>
            "{\"id\":\"c" + i + "\",\"input\":\"<script>alert(" + i + ")</script> | pipe\",\"expected\":\"" + (i % 3 == 0 ? "zzz" : "echo") + "\",\"tags\":[\"t" + (i % 2) + "\"]}")) + "\n");
        var suite = _workspace.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: { field: expected }\n  - regex: \"^echo\"\ngate: { min_pass_rate: 0.5 }\n");
        var target = new DelegateTarget((c, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo " + c.Input))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 4, TotalTokenCount = 14 },
        }));
        return await EvalRun.ExecuteAsync([suite], new EvalRunOptions(), new Dictionary<string, IEvalTarget> { ["s"] = target },
            cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ResultsJsonCarriesTheContractFields()
    {
        var run = await RunAsync(6);
        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!.AsObject();
        Assert.Equal(1, results["formatVersion"]!.GetValue<int>());
        Assert.Equal(run.RunId, results["runId"]!.GetValue<string>());
        var suite = results["suites"]![0]!.AsObject();
        Assert.Equal("s", suite["name"]!.GetValue<string>());
        Assert.StartsWith("sha256:", suite["datasetHash"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("sha256:", suite["suiteHash"]!.GetValue<string>(), StringComparison.Ordinal);
        var cases = suite["cases"]!.AsArray();
        Assert.Equal(6, cases.Count);
        var first = cases[0]!.AsObject();
        Assert.Equal("c0", first["id"]!.GetValue<string>());
        Assert.Equal("echo <script>alert(0)</script> | pipe", first["output"]!.GetValue<string>());
        Assert.Equal("fail", first["verdict"]!.GetValue<string>());
        Assert.Equal(14, first["usage"]!["totalTokens"]!.GetValue<long>());
        var metric = first["metrics"]![0]!.AsObject();
        Assert.Equal(["name", "score", "rawValue", "scale", "verdict", "reason", "details", "durationMs"], metric.Select(p => p.Key));
        Assert.Equal("contains", metric["name"]!.GetValue<string>());
        Assert.Equal(0, metric["score"]!.GetValue<double>());
        Assert.Equal("fail", metric["verdict"]!.GetValue<string>());
        Assert.Equal(2, suite["aggregates"]!["metrics"]!.AsArray().Count);
        Assert.Equal(4, suite["aggregates"]!["passed"]!.GetValue<int>());
    }

    [Fact]
    public async Task LatestPointsAtTheNewestRun()
    {
        var artifacts = Path.Combine(_workspace.Root, "artifacts");
        ArtifactWriter.Write(await RunAsync(2), artifacts);
        var second = await RunAsync(3);
        ArtifactWriter.Write(second, artifacts);

        var latest = JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "latest", "results.json")))!;
        Assert.Equal(second.RunId, latest["runId"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(artifacts, "latest", "summary.md")));
        Assert.Empty(Directory.GetFiles(Path.Combine(artifacts, second.RunId), "*.tmp"));
    }

    [Fact]
    public async Task SummaryOfAThousandCasesStaysSmallAndEscapesModelText()
    {
        var run = await RunAsync(1_000);
        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));

        var summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.InRange(new FileInfo(Path.Combine(folder, "summary.md")).Length, 1, 64 * 1024);
        Assert.DoesNotContain("<script>", summary, StringComparison.Ordinal);
        Assert.Contains("… and 284 more in results.json.", summary, StringComparison.Ordinal);
        Assert.Contains("| s | ✅ pass | 1000 | 666 | 334 | 0 | 0 | 66.6% |", summary, StringComparison.Ordinal);
    }
}
