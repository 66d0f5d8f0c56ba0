using EvalHarness.Running;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Costs;

public sealed class RunnerCostTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public RunnerCostTests()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Root, ".git"));
        _workspace.Write("data.jsonl", "{\"id\":\"a\",\"input\":\"q1\",\"out\":\"x\"}\n{\"id\":\"b\",\"input\":\"q2\",\"out\":\"y\"}\n");
    }

    public void Dispose() => _workspace.Dispose();

    private async Task<SuiteResult> RunAsync(string suiteYaml, IEvalTarget? target = null)
    {
        var suite = _workspace.Write("eval-suites/s/suite.yaml", suiteYaml);
        var run = await EvalRun.ExecuteAsync([suite], new EvalRunOptions(),
            target is null ? null : new Dictionary<string, IEvalTarget> { ["s"] = target }, cancellationToken: TestContext.Current.CancellationToken);
        return run.Suites[0];
    }

    private static DelegateTarget Answering(string? model, long input, long cached, long output) =>
        new((c, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer"))
        {
            ModelId = model,
            Usage = new UsageDetails { InputTokenCount = input, CachedInputTokenCount = cached, OutputTokenCount = output },
        }));

    [Fact]
    public async Task EachCallIsPricedFromTheModelTheResponseNames()
    {
        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: answer\n", Answering("gpt-4o-mini-2024-07-18", 2_000, 1_000, 500));

        // 1,000 × 0.15 / 1M + 1,000 × 0.075 / 1M + 500 × 0.60 / 1M = 0.00015 + 0.000075 + 0.0003.
        Assert.All(suite.Cases, c => Assert.Equal(0.000525m, c.Measurements.Cost?.Usd));
        Assert.Equal("gpt-4o-mini", suite.Cases[0].Measurements.Cost!.PricedAs);
        Assert.StartsWith("built-in (", Assert.Single(suite.PricingSources), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResponseWithoutAModelIsPricedAsTheSuitesModel()
    {
        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nprovider: { model: gpt-4o }\nmetrics:\n  - contains: answer\n", Answering(null, 1_000, 0, 0));

        // 1,000 × $2.50 / 1M.
        Assert.Equal(0.0025m, suite.Cases[0].Measurements.Cost?.Usd);
        Assert.Equal("gpt-4o", suite.Cases[0].Measurements.Cost?.Model);
    }

    [Fact]
    public async Task ARepositoryPricingFilePricesAModelTheTableLacks()
    {
        _workspace.Write("evalharness.pricing.json", """{ "models": { "acme-llm": { "input": 1, "output": 2 } } }""");

        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: answer\n", Answering("acme-llm", 1_000_000, 0, 1_000_000));

        Assert.Equal(3m, suite.Cases[0].Measurements.Cost?.Usd);
        Assert.Equal(2, suite.PricingSources.Count);
    }

    [Fact]
    public async Task AnUnpricedModelLeavesTheCostUnknown()
    {
        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: answer\n", Answering("acme-llm", 10, 0, 10));

        Assert.All(suite.Cases, c => Assert.Null(c.Measurements.Cost?.Usd));
        Assert.Equal("no price for model 'acme-llm'; add it to evalharness.pricing.json", suite.Cases[0].Measurements.Cost?.UnknownReason);
    }

    [Fact]
    public async Task OutputsFromTheDatasetMakeNoCall()
    {
        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: x\n");

        Assert.All(suite.Cases, c => Assert.Null(c.Measurements.Cost));
    }

    [Fact]
    public async Task ATimedOutCallHasAnUnknownCost()
    {
        var slow = new DelegateTarget(async (c, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new ChatResponse();
        });

        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nprovider: { model: gpt-4o }\ntimeout_ms: 50\nmetrics:\n  - contains: answer\n", slow);

        Assert.All(suite.Cases, c => Assert.Equal(CaseErrorKind.Timeout, c.ErrorKind));
        Assert.Equal("the call timed out after 50 ms and may have been billed", suite.Cases[0].Measurements.Cost?.UnknownReason);
        Assert.Equal("gpt-4o", suite.Cases[0].Measurements.Cost?.Model);
    }

    [Fact]
    public async Task ABrokenPricingFileIsAConfigurationErrorOfTheSuite()
    {
        _workspace.Write("eval-suites/s/evalharness.pricing.json", "{ \"models\": { \"acme-llm\": { \"input\": \"cheap\", \"output\": 1 } } }");

        var suite = await RunAsync("name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: answer\n", Answering("acme-llm", 1, 0, 1));

        Assert.Equal(Verdict.Error, suite.Verdict);
        var error = Assert.Single(suite.ConfigurationErrors);
        Assert.EndsWith("evalharness.pricing.json(1,29): error EVH013: models.acme-llm.input: must be a number of US dollars per million tokens, 0 or more",
            error.ToString(), StringComparison.Ordinal);
    }
}
