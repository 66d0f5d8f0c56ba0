using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Running;

public sealed class EvalRunnerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string SuiteFile(string extra = "", string metrics = "  - contains: { field: expected }\n") =>
        _workspace.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../data.jsonl\nmetrics:\n" + metrics + extra);

    private void Data(params string[] lines) => _workspace.Write("data.jsonl", string.Join("\n", lines) + "\n");

    private static DelegateTarget Echo() => new((c, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + c.Input))));

    private static Task<SuiteResult> Run(string suiteFile, IEvalTarget target, EvalRunOptions? options = null) =>
        new EvalRunner(options ?? new EvalRunOptions()).RunSuiteAsync(EvalHarness.Suites.Suite.Load(suiteFile), target, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task EveryRowEndsWithAVerdictIncludingMalformedOnes()
    {
        Data(
            """{"id":"a","input":"one","expected":"echo: one"}""",
            """{"id":"b","input":"two","expected":"nope"}""",
            """{"id":"c","input": broken""",
            """{"id":"a","input":"dup","expected":"x"}""");

        var result = await Run(SuiteFile(), Echo());

        Assert.Equal(4, result.Cases.Count);
        Assert.Equal(["pass", "fail", "error", "error"], result.Cases.Select(c => c.Verdict.ToContractString()));
        Assert.Equal([1, 2, 3, 4], result.Cases.Select(c => c.Line));
        Assert.All(result.Cases.Skip(2), c => Assert.Equal(CaseErrorKind.InvalidInput, c.ErrorKind));
        Assert.Contains("(3,", result.Cases[2].Error, StringComparison.Ordinal);
        Assert.Contains("EVH009", result.Cases[3].Error, StringComparison.Ordinal);
        Assert.Equal(2, result.ConfigurationErrors.Count);
        Assert.Equal(Verdict.Fail, result.Gate.Verdict);
    }

    [Fact]
    public async Task TargetExceptionIsAnErrorVerdictWithItsMessage()
    {
        Data("""{"id":"a","input":"one","expected":"x"}""", """{"id":"b","input":"two","expected":"echo: two"}""");
        var target = new DelegateTarget((c, _) => c.Id == "a"
            ? throw new InvalidOperationException("database down")
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + c.Input))));

        var result = await Run(SuiteFile(), target);

        Assert.Equal(Verdict.Error, result.Cases[0].Verdict);
        Assert.Equal(CaseErrorKind.Target, result.Cases[0].ErrorKind);
        Assert.Equal("database down", result.Cases[0].Error);
        Assert.Equal(Verdict.Pass, result.Cases[1].Verdict);
    }

    [Fact]
    public async Task SlowTargetTimesOutAsAnError()
    {
        Data("""{"id":"slow","input":"one","expected":"x"}""");
        var target = new DelegateTarget(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return new ChatResponse();
        });

        var result = await Run(SuiteFile("timeout_ms: 50\n"), target);

        var c = Assert.Single(result.Cases);
        Assert.Equal(Verdict.Error, c.Verdict);
        Assert.Equal(CaseErrorKind.Timeout, c.ErrorKind);
        Assert.Equal("the target did not answer within timeout_ms = 50 ms", c.Error);
    }

    [Fact]
    public async Task RowAssertionsApplyInAdditionToSuiteMetrics()
    {
        Data("""{"id":"a","input":"one","expected":"echo","assert":[{"type":"contains","value":"one"},{"not-contains":{"value":"echo"}}]}""");

        var result = await Run(SuiteFile(), Echo());

        var c = Assert.Single(result.Cases);
        Assert.Equal(["contains", "contains", "not-contains"], c.Metrics.Select(m => m.Name));
        Assert.Equal([Verdict.Pass, Verdict.Pass, Verdict.Fail], c.Metrics.Select(m => m.Verdict));
        Assert.Equal(Verdict.Fail, c.Verdict);
    }

    [Fact]
    public async Task ConcurrencyIsBoundedByMaxConcurrency()
    {
        Data(Enumerable.Range(0, 24).Select(i => "{\"id\":\"c" + i + "\",\"input\":\"x\",\"expected\":\"x\"}").ToArray());
        var current = 0;
        var peak = 0;
        var target = new DelegateTarget(async (c, ct) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(10, ct);
            Interlocked.Decrement(ref current);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, c.Input));
        });

        var result = await Run(SuiteFile("max_concurrency: 3\n"), target);

        Assert.Equal(24, result.Cases.Count);
        Assert.InRange(peak, 1, 3);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => "c" + i), result.Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task ShardsPartitionTheCases()
    {
        Data(Enumerable.Range(0, 40).Select(i => "{\"id\":\"case-" + i + "\",\"input\":\"x\",\"expected\":\"x\"}").ToArray());
        var suite = SuiteFile();
        var seen = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var result = await Run(suite, Echo(), new EvalRunOptions { Shard = new Shard(i, 4) });
            seen.AddRange(result.Cases.Select(c => c.Id));
        }

        Assert.Equal(40, seen.Count);
        Assert.Equal(40, seen.Distinct().Count());
    }

    [Fact]
    public async Task OutputsFromTheDatasetAreScoredWithoutACall()
    {
        Data("""{"id":"a","question":"q","answer_given":"refund in 30 days"}""");
        var suite = _workspace.Write("eval-suites/o/suite.yaml",
            "name: o\ndataset: ../../data.jsonl\nmapping: { input: question }\ntarget: { output: answer_given }\nmetrics:\n  - contains: refund\n  - latency: { max_ms: 10 }\n");

        var loaded = EvalHarness.Suites.Suite.Load(suite);
        var result = await new EvalRunner(new EvalRunOptions()).RunSuiteAsync(loaded, EvalRun.ResolveTarget(loaded, new EvalRunOptions(), null),
            cancellationToken: TestContext.Current.CancellationToken);

        var c = Assert.Single(result.Cases);
        Assert.Equal("refund in 30 days", c.Output);
        Assert.Equal([Verdict.Pass, Verdict.Inconclusive], c.Metrics.Select(m => m.Verdict));
        Assert.Null(c.Measurements.LatencyMs);
    }

    [Fact]
    public async Task AutoModeWithoutRecordingOrEndpointSkipsWithAReason()
    {
        var (_, result) = await RunPromptSuiteWithoutEndpointAsync(EvalMode.Auto);

        var c = Assert.Single(result.Cases);
        Assert.Equal(Verdict.Inconclusive, c.Verdict);
        Assert.Equal(CaseErrorKind.Skipped, c.ErrorKind);
        Assert.Equal("skipped: no model endpoint can be configured in this host", c.Error);
    }

    [Fact]
    public async Task ReplayModeWithoutRecordingIsAnErrorNamingTheRecordCommand()
    {
        var (suite, result) = await RunPromptSuiteWithoutEndpointAsync(EvalMode.Replay);

        var c = Assert.Single(result.Cases);
        Assert.Equal(Verdict.Error, c.Verdict);
        Assert.Equal(CaseErrorKind.Recording, c.ErrorKind);
        Assert.StartsWith("no recording for case 'a' (key sha256:", c.Error, StringComparison.Ordinal);
        Assert.EndsWith("; record it with: EVALHARNESS_MODE=record evalharness run " + EvalHarness.Suites.Suite.DisplayPath(suite), c.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetricThatThrowsIsAnErrorNotAPass()
    {
        Data("""{"id":"a","input":"one","expected":"x"}""");
        var registry = EvalHarness.Metrics.MetricRegistry.CreateDefault().Register("explodes", _ => new ThrowingMetric());
        var suiteFile = _workspace.Write("eval-suites/t/suite.yaml", "name: t\ndataset: ../../data.jsonl\nmetrics:\n  - explodes\n");

        var result = await new EvalRunner(new EvalRunOptions { Metrics = registry })
            .RunSuiteAsync(EvalHarness.Suites.Suite.Load(suiteFile, registry), Echo(), cancellationToken: TestContext.Current.CancellationToken);

        var metric = Assert.Single(Assert.Single(result.Cases).Metrics);
        Assert.Equal(Verdict.Error, metric.Verdict);
        Assert.Equal("metric threw InvalidOperationException: boom", metric.Reason);
    }

    // A one-case prompt suite with no recordings and no endpoint factory, run in the given mode.
    private async Task<(string SuiteFile, SuiteResult Result)> RunPromptSuiteWithoutEndpointAsync(EvalMode mode)
    {
        Data("""{"id":"a","input":"one"}""");
        var suite = SuiteFile("target: { prompt: \"Q: {{input}}\", model: m }\n", "  - is-json\n");
        var loaded = EvalHarness.Suites.Suite.Load(suite);
        var options = new EvalRunOptions { Mode = mode };
        var result = await new EvalRunner(options).RunSuiteAsync(loaded, EvalRun.ResolveTarget(loaded, options, null),
            cancellationToken: TestContext.Current.CancellationToken);
        return (suite, result);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class ThrowingMetric : IMetric
    {
        public string Name => "explodes";

        public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");
    }
}
