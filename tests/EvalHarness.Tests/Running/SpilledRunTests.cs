using System.Collections.Concurrent;
using System.Globalization;
using EvalHarness.Baselines;
using EvalHarness.Costs;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Running.CaseResultCodecTests;

namespace EvalHarness.Tests.Running;

/// <summary>
/// A whole run with its finished cases spilled to disk must be indistinguishable from one kept in memory: the same reports byte for
/// byte, the same gate and exit code. The suite scores outputs from its dataset (no model), with pass, fail, error and skipped rows.
/// </summary>
public sealed class SpilledRunTests : IDisposable
{
    private const int Rows = 320;
    private static readonly BaselineSettings Local = new();
    private static readonly BaselineSettings AcceptLocally = new() { AcceptRequested = true };

    private readonly TempWorkspace _workspace = new();
    private readonly string _suiteFile;

    public SpilledRunTests()
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(0, Rows).Select(Row)) + "\n");
        _suiteFile = _workspace.Write("eval-suites/spill/suite.yaml",
            "name: spill\ndataset: ../../data.jsonl\ntarget: { output: output }\nmax_concurrency: 8\nmetrics:\n" +
            "  - contains: { field: expected, metric: answer }\n" +
            "  - keyword-overlap: { threshold: 0.5 }\n" +
            "  - token-f1: { metric: overlap }\n" +
            "gate:\n  min_pass_rate: 0.9\n  regression: { alpha: 0.05, margin: 0.02 }\n");
    }

    public void Dispose() => _workspace.Dispose();

    private static string Id(int i) => "c" + i.ToString("D3", CultureInfo.InvariantCulture);

    // Rows: every 10th (from 7) has an input without words (keyword-overlap errors), every 5th (from 1) a wrong answer, every 9th (from 4) half an answer,
    // every 50th (from 13) is skipped in the dataset; tags and context on some.
    private static string Row(int i)
    {
        var fields = new List<string>
        {
            "\"id\":\"" + Id(i) + "\"",
            "\"input\":\"" + (i % 10 == 7 ? "?" : "how do refunds work for order " + i + " shipped " + (i % 2 == 0 ? "abroad" : "locally")) + "\"",
            "\"expected\":\"refund " + i + " within thirty days\"",
        };
        var output = i % 5 == 1 ? "sorry, I have no idea about " + i + " 👍🏽"
            : i % 9 == 4 ? "refund " + i
            : "refund " + i + " within thirty days for order shipped " + (i % 2 == 0 ? "abroad" : "locally");
        fields.Add("\"output\":\"" + output + "\"");

        if (i % 3 != 2)
        {
            fields.Add("\"tags\":[\"t" + (i % 3) + "\"" + (i % 2 == 0 ? ",\"even\"" : string.Empty) + "]");
        }

        if (i % 4 == 0)
        {
            fields.Add("\"context\":[\"doc " + i + "\",\"policy é 東京\"]");
        }

        if (i % 50 == 13)
        {
            fields.Add("\"skip\":\"flaky upstream\"");
        }

        return "{" + string.Join(",", fields) + "}";
    }

    private IReadOnlyList<CaseResult> Spill(IReadOnlyList<CaseResult> cases)
    {
        var store = new CaseResultStore(0, _workspace.Root);
        for (var i = 0; i < cases.Count; i++)
        {
            store.Add(i, cases[i]);
        }

        var spilled = store.Complete();
        Assert.IsType<CaseResultStore.SpilledCaseList>(spilled);
        return spilled;
    }

    private static byte[] Export(IResultsExporter exporter, RunResult run)
    {
        using var stream = new MemoryStream();
        exporter.Export(RunReport.Create(run), stream);
        return stream.ToArray();
    }

    private static void AssertSomeOfEveryVerdict(IReadOnlyList<CaseResult> cases)
    {
        Assert.Equal(Rows, cases.Count);
        var kinds = cases.GroupBy(c => c.Verdict + "/" + c.ErrorKind).Select(g => g.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["Error/None", "Fail/None", "Inconclusive/Excluded", "Pass/None"], kinds);
        Assert.Contains(cases, c => c.Tags.Count == 2);
        Assert.Contains(cases, c => c.Metrics.Any(m => m.Details.ContainsKey("missing")));
    }

    [Fact]
    public async Task ASpilledRunWritesTheSameReportsGateAndExitCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var memoryOptions = new EvalRunOptions { SpillAfterCases = int.MaxValue };
        await EvalRun.ExecuteAsync([_suiteFile], memoryOptions, AcceptLocally, cancellationToken: ct);
        var memory = await EvalRun.ExecuteAsync([_suiteFile], memoryOptions, Local, cancellationToken: ct);
        var suiteResult = Assert.Single(memory.Suites);
        Assert.IsNotType<CaseResultStore.SpilledCaseList>(suiteResult.Cases);
        AssertSomeOfEveryVerdict(suiteResult.Cases);
        Assert.StartsWith("matches ", Assert.Single(suiteResult.Gate.Checks, c => c.Name == "baseline").Reason, StringComparison.Ordinal);

        var spilled = memory with { Suites = [.. memory.Suites.Select(s => s with { Cases = Spill(s.Cases) })] };

        // Every report format, straight from the exporters and through the artifact writer (which runs them in parallel).
        Assert.Equal(["csv", "html", "json", "md"], ArtifactWriter.DefaultExporters.Select(e => e.Format).Order(StringComparer.Ordinal));
        foreach (var exporter in ArtifactWriter.DefaultExporters)
        {
            var expected = Export(exporter, memory);
            var actual = Export(exporter, spilled);
            Assert.True(expected.Length > 1_000, exporter.Format + " wrote almost nothing");
            Assert.True(expected.AsSpan().SequenceEqual(actual), exporter.Format + " differs for the spilled run");
        }

        var memoryFolder = ArtifactWriter.Write(memory, Path.Combine(_workspace.Root, "artifacts-memory"));
        var spilledFolder = ArtifactWriter.Write(spilled, Path.Combine(_workspace.Root, "artifacts-spilled"));
        var files = Directory.GetFiles(memoryFolder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["report.html", "results.csv", "results.json", "summary.md"], files);
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(memoryFolder, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(spilledFolder, file))), file + " differs");
        }

        Assert.Equal(File.ReadAllText(Path.Combine(memoryFolder, "..", RunHistory.FileName)), File.ReadAllText(Path.Combine(spilledFolder, "..", RunHistory.FileName)));

        // The gate read from the spilled cases: the absolute rules, then the baseline comparison.
        Assert.Equal(ExitCodes.GateFailed, memory.ExitCode);
        Assert.Equal(memory.ExitCode, spilled.ExitCode);
        var suite = Suite.Load(_suiteFile);
        var spilledSuite = spilled.Suites[0];
        var memoryGate = GateEvaluator.Evaluate(suite.Definition.Gate, suiteResult.Cases, CostReport.From(suiteResult).Total);
        var spilledGate = GateEvaluator.Evaluate(suite.Definition.Gate, spilledSuite.Cases, CostReport.From(spilledSuite).Total);
        Deep.AssertEqual(memoryGate, spilledGate);
        Assert.Equal(Verdict.Fail, Assert.Single(memoryGate.Checks, c => c.Name == "min_pass_rate").Verdict);
        var memoryBaseline = BaselineGate.Apply(suite, suiteResult with { Gate = memoryGate }, Local).Gate;
        var spilledBaseline = BaselineGate.Apply(suite, spilledSuite with { Gate = spilledGate }, Local).Gate;
        Deep.AssertEqual(memoryBaseline, spilledBaseline);
        Deep.AssertEqual(suiteResult.Gate, spilledBaseline);
        Assert.Equal(ComparisonVerdict.Pass, Assert.Single(spilledBaseline.Checks, c => c.Name == "regression").Comparison);
        Deep.AssertEqual(suiteResult.Aggregates, SuiteAggregates.From(spilledSuite.Cases));
    }

    [Fact]
    public async Task SpillingEveryCaseGivesTheSameResultsAsKeepingThemInMemory()
    {
        var suite = Suite.Load(_suiteFile);

        var spillDirectory = Directory.CreateDirectory(Path.Combine(_workspace.Root, "spill")).FullName;

        var memory = await RunAsync(suite, int.MaxValue, spillDirectory);
        var spilled = await RunAsync(suite, 0, spillDirectory);

        Assert.IsType<CaseResultStore.SpilledCaseList>(spilled.Cases);
        Assert.IsNotType<CaseResultStore.SpilledCaseList>(memory.Cases);
        AssertSomeOfEveryVerdict(memory.Cases);
        Assert.Equal(Enumerable.Range(0, Rows).Select(Id), spilled.Cases.Select(c => c.Id));
        Assert.Equal(memory.Cases.Select(c => c.Verdict), spilled.Cases.Select(c => c.Verdict));
        Assert.Equal(memory.Cases.Select(c => c.Output), spilled.Cases.Select(c => c.Output));
        Assert.Equal(memory.Cases.Select(c => c.Metrics.Select(m => m.Score)), spilled.Cases.Select(c => c.Metrics.Select(m => m.Score)));
        Assert.Equal(memory.Cases.Select(c => c.Metrics.Select(m => m.Reason)), spilled.Cases.Select(c => c.Metrics.Select(m => m.Reason)));

        // Everything else too, bit for bit, except wall-clock durations, which differ from run to run.
        Deep.AssertEqual(memory.Cases, spilled.Cases, nameof(CaseResult.Duration));
        Deep.AssertEqual(memory.Aggregates, spilled.Aggregates);
        Deep.AssertEqual(memory.Gate, spilled.Gate);
        Assert.Equal(Verdict.Fail, spilled.Gate.Verdict);
        Assert.True(spilled.Complete);
        if (!OperatingSystem.IsWindows())
        {
            // The spill file was unlinked when it was created; Windows removes it only when the list's handle closes.
            Assert.Empty(Directory.EnumerateFileSystemEntries(spillDirectory));
        }
    }

    [Fact]
    public async Task ACancelledSpilledRunReturnsOnlyTheFinishedCasesInOrder()
    {
        var suite = Suite.Load(_suiteFile);
        var target = new DelegateTarget(async (c, ct) =>
        {
            // Uneven delays, so cases finish out of order and a cancelled run leaves gaps.
            var n = int.Parse(c.Id[1..], CultureInfo.InvariantCulture);
            await Task.Delay(n % 4 == 0 ? 12 : 1, ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, n % 5 == 1 ? "wrong" : c.Expected ?? string.Empty));
        });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var observer = new CancelAfter(60, cancellation);

        var cancelled = await new EvalRunner(new EvalRunOptions { SpillAfterCases = 0, SpillDirectory = _workspace.Root, MaxConcurrency = 8 })
            .RunSuiteAsync(suite, target, observer, cancellation.Token);
        var full = await new EvalRunner(new EvalRunOptions { SpillAfterCases = int.MaxValue, MaxConcurrency = 8 })
            .RunSuiteAsync(suite, target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(cancelled.Complete);
        Assert.IsType<CaseResultStore.SpilledCaseList>(cancelled.Cases);
        Assert.InRange(cancelled.Cases.Count, 60, Rows - 1);
        var ids = cancelled.Cases.Select(c => c.Id).ToList();
        Assert.DoesNotContain(ids, id => id is null);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(observer.Seen.Order(StringComparer.Ordinal), ids);
        Assert.Equal(cancelled.Cases.Count, cancelled.Aggregates.Cases);
        Assert.Equal(Verdict.Error, cancelled.Gate.Verdict);
        Assert.Equal("complete", Assert.Single(cancelled.Gate.Checks).Name);

        // Each finished case is the one an uncancelled run produces (wall-clock durations and latencies aside).
        var byId = full.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Deep.AssertEqual(cancelled.Cases.Select(c => byId[c.Id]).ToList(), cancelled.Cases.ToList(), nameof(CaseResult.Duration), nameof(CallMeasurements.LatencyMs));
    }

    private static Task<SuiteResult> RunAsync(Suite suite, int spillAfter, string spillDirectory)
    {
        var options = new EvalRunOptions { SpillAfterCases = spillAfter, SpillDirectory = spillDirectory, MaxConcurrency = 8 };
        return new EvalRunner(options).RunSuiteAsync(suite, EvalRun.ResolveTarget(suite, options, null), cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Cancels the run once <paramref name="count"/> cases have finished, and remembers every case it heard about.</summary>
    private sealed class CancelAfter(int count, CancellationTokenSource cancellation) : IRunObserver
    {
        private readonly ConcurrentQueue<string> _seen = new();
        private int _finished;

        public IReadOnlyCollection<string> Seen => _seen;

        public void SuiteStarting(Suite suite)
        {
        }

        public void CaseCompleted(Suite suite, CaseResult result)
        {
            _seen.Enqueue(result.Id);
            if (Interlocked.Increment(ref _finished) == count)
            {
                cancellation.Cancel();
            }
        }

        public void SuiteCompleted(SuiteResult result)
        {
        }
    }
}
