using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Targets;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Per-case harness overhead on a 1,000-case run: replaying recorded model calls (the CI path), and a C# target, against a plain
/// loop that calls the same target and applies the same check with no harness at all. Each benchmark processes 1,000 cases,
/// reported per case (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class ReplayRunBenchmarks
{
    private const int Cases = 1_000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private Suite _promptSuite = null!;
    private Suite _codeSuite = null!;
    private IEvalTarget _replayTarget = null!;
    private List<string> _inputs = null!;
    private EvalRunOptions _replay = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_root);
        var data = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            data.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"case-{i}\",\"input\":\"How do I change setting number {i}?\",\"expected\":\"setting {i}\"}}\n");
        }

        File.WriteAllText(Path.Combine(_root, "data.jsonl"), data.ToString());
        _inputs = File.ReadLines(Path.Combine(_root, "data.jsonl")).Select(l => l.Split('"')[7]).ToList();

        // Record every call once against a loopback OpenAI-protocol server; the benchmark then replays them.
        var server = FakeOpenAIServer.Start(r => FakeReply.Text("Open Settings and change " + r.Messages[^1].Content));
        var promptFile = Path.Combine(_root, "eval-suites", "p", "suite.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(promptFile)!);
        File.WriteAllText(promptFile, "name: p\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: { value: Settings }\n  - regex: { value: \"setting number \\\\d+\" }\nmax_concurrency: 8\n");
        var record = new EvalRunOptions { Mode = EvalMode.Record, ChatClientFactory = OpenAIChatClientFactory.ForSuites(_ => null) };
        _promptSuite = Suite.Load(promptFile);
        new EvalRunner(record).RunSuiteAsync(_promptSuite, EvalRun.ResolveTarget(_promptSuite, record, null)).GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();

        _replay = record with { Mode = EvalMode.Replay };
        _replayTarget = EvalRun.ResolveTarget(_promptSuite, _replay, null);

        var codeFile = Path.Combine(_root, "eval-suites", "c", "suite.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(codeFile)!);
        File.WriteAllText(codeFile, "name: c\ndataset: ../../data.jsonl\nmetrics:\n  - contains: { value: Settings }\n  - regex: { value: \"setting number \\\\d+\" }\nmax_concurrency: 8\n");
        _codeSuite = Suite.Load(codeFile);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private static Task<ChatResponse> Answer(string input) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Open Settings and change " + input)));

    /// <summary>No harness: call the target and check the output by hand.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Cases)]
    public async Task<int> PlainLoop()
    {
        var passed = 0;
        foreach (var input in _inputs)
        {
            var response = await Answer(input);
            var text = response.Text;
            if (text.Contains("Settings", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(text, @"setting number \d+"))
            {
                passed++;
            }
        }

        return passed;
    }

    /// <summary>The harness with a C# target: dataset streaming, mapping, timeouts, metrics, results.</summary>
    [Benchmark(OperationsPerInvoke = Cases)]
    public Task<SuiteResult> HarnessCSharpTarget() =>
        new EvalRunner(new EvalRunOptions()).RunSuiteAsync(_codeSuite, new DelegateTarget((c, _) => Answer(c.Input)));

    /// <summary>The CI path: a prompt target whose model calls are replayed from recordings (key hashing, file read, hash check).</summary>
    [Benchmark(OperationsPerInvoke = Cases)]
    public Task<SuiteResult> HarnessReplay() => new EvalRunner(_replay).RunSuiteAsync(_promptSuite, _replayTarget);
}
