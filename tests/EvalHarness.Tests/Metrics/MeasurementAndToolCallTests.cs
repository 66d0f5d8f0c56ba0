using System.Text.Json;
using EvalHarness.Metrics;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class MeasurementAndToolCallTests
{
    private static readonly CallMeasurements Measured = new()
    {
        LatencyMs = 1200,
        Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500 },
    };

    [Fact]
    public async Task Latency_UsesTheMeasuredCallAndIsInconclusiveWithoutOne()
    {
        var fast = await Run("latency: { max_ms: 1500 }", "", measurements: Measured);
        var slow = await Run("latency: { max_ms: 1000 }", "", measurements: Measured);
        var none = await Run("latency: { max_ms: 1000 }", "");

        Assert.Equal((Verdict.Pass, 1200.0), (fast.Verdict, fast.RawValue!.Value));
        Assert.Equal(Verdict.Fail, slow.Verdict);
        Assert.Equal(Verdict.Inconclusive, none.Verdict);
    }

    [Fact]
    public async Task Cost_PricesTheMeasuredUsage()
    {
        // 1000 input tokens at $0.15/M + 500 output tokens at $0.60/M = $0.00015 + $0.0003 = $0.00045.
        var result = await Run("cost: { max_usd: 0.001, input_per_million: 0.15, output_per_million: 0.60 }", "ok", measurements: Measured);
        var over = await Run("cost: { max_usd: 0.0004, input_per_million: 0.15, output_per_million: 0.60 }", "ok", measurements: Measured);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0.00045, result.RawValue!.Value, 1e-12);
        Assert.Equal(Verdict.Fail, over.Verdict);
        Assert.Equal("$0.00045 > max $0.0004 (1000 input + 500 output tokens)", over.Reason);
    }

    [Theory]
    [InlineData("cost: { max_usd: 1 }", "cost unknown: no price is known: set input_per_million and output_per_million (USD per million tokens)")]
    [InlineData("cost: { max_usd: 1, input_per_million: 1, output_per_million: 1 }", "cost unknown: no token usage was measured for this case")]
    public async Task Cost_Unknown_IsInconclusiveNeverAPass(string entry, string reason)
    {
        var result = await Run(entry, "ok", measurements: entry.Contains("input_per_million", StringComparison.Ordinal) ? CallMeasurements.None : Measured);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cost: { input_per_million: 1 }", "error EVH005: metrics[0].cost.max_usd: metric 'cost' requires 'max_usd'")]
    [InlineData("not-cost: { max_usd: 1 }", "error EVH004: metrics[0]: metric 'cost' has no 'not-' form")]
    [InlineData("cost: { max_usd: -1 }", "error EVH005: metrics[0].cost.max_usd: -1 is out of range")]
    public void InvalidCostParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);

    [Theory]
    [InlineData("tool-call: { name: get_weather }", Verdict.Pass, 1.0)]
    [InlineData("tool-call: { name: get_weather, arguments: { city: Zürich } }", Verdict.Pass, 1.0)]
    [InlineData("tool-call: { name: get_weather, arguments: { city: Zürich, days: 3 } }", Verdict.Pass, 1.0)] // numbers compare by value
    [InlineData("tool-call: { name: get_weather, arguments: { city: Paris } }", Verdict.Fail, 0.0)]
    [InlineData("tool-call: { name: get_weather, arguments: { city: Zürich, unit: f } }", Verdict.Fail, 0.0)]
    [InlineData("tool-call: { name: [get_weather, book_table] }", Verdict.Pass, 1.0)]
    [InlineData("tool-call: { name: [get_weather, send_mail] }", Verdict.Fail, 0.5)]
    [InlineData("tool-call: { calls: [ { name: book_table, arguments: { guests: 2 } }, { name: get_weather } ] }", Verdict.Pass, 1.0)]
    [InlineData("tool-call: { ordered: true, calls: [ { name: book_table }, { name: get_weather } ] }", Verdict.Fail, 0.5)]
    [InlineData("tool-call: { ordered: true, calls: [ { name: get_weather }, { name: book_table } ] }", Verdict.Pass, 1.0)]
    [InlineData("tool-call: { calls: [ { name: get_weather }, { name: get_weather } ] }", Verdict.Fail, 0.5)] // one actual call serves one expected call
    [InlineData("not-tool-call: { name: send_mail }", Verdict.Pass, 1.0)]
    public async Task ToolCall_MatchesNamesAndArgumentSubsets(string entry, Verdict verdict, double score)
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
        [
            new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Zürich", ["days"] = JsonSerializer.SerializeToElement(3.0), ["unit"] = "c" }),
            new FunctionCallContent("call-2", "book_table", new Dictionary<string, object?> { ["guests"] = 2, ["note"] = "window 🙂" }),
        ]));

        var result = await Run(entry, string.Empty, response: response);

        Assert.Equal((verdict, score), (result.Verdict, result.Score!.Value));
    }

    [Fact]
    public async Task ToolCall_ReportsWhatWasCalledAndErrsWithoutAResponse()
    {
        var noCalls = await Run("tool-call: { name: get_weather }", "I think it is sunny.", response: new ChatResponse(new ChatMessage(ChatRole.Assistant, "I think it is sunny.")));
        var noResponse = await Run("tool-call: { name: get_weather }", "from the dataset");

        Assert.Equal(Verdict.Fail, noCalls.Verdict);
        Assert.Equal("missing get_weather(…); called: nothing", noCalls.Reason);
        Assert.Equal(Verdict.Error, noResponse.Verdict);
    }

    [Theory]
    [InlineData("tool-call", "error EVH005: metrics[0].tool-call: give the expected call(s) as 'name'")]
    [InlineData("tool-call: { name: [a, b], arguments: { x: 1 } }", "error EVH005: metrics[0].tool-call.arguments: 'arguments' applies to a single 'name'")]
    [InlineData("tool-call: { name: a, arguments: [1] }", "error EVH005: metrics[0].tool-call.arguments: arguments are a mapping of argument names to expected values, found a list")]
    [InlineData("tool-call: { calls: [ { arguments: { x: 1 } } ] }", "error EVH005: metrics[0].tool-call.calls: each call is { name: <function>, arguments: { … } }")]
    [InlineData("tool-call: { name: a, ordered: maybe }", "error EVH005: metrics[0].tool-call.ordered: expected true or false, found 'maybe'")]
    public void InvalidToolCallParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);

    [Fact]
    public async Task Custom_NamesAMetricRegisteredInCSharp()
    {
        var registry = MetricRegistry.CreateDefault().Register("polite", spec => new PoliteMetric(spec), "the answer says please");

        var byName = await Evaluate(Create("polite", registry), "Please wait.");
        var viaCustom = await Evaluate(Create("custom: { name: polite, config: { word: danke } }", registry), "Vielen Dank, danke!");
        var negated = await Evaluate(Create("not-custom: { name: polite }", registry), "Please wait.");

        Assert.Equal(("polite", Verdict.Pass), (byName.Name, byName.Verdict));
        Assert.Equal(("polite", Verdict.Pass), (viaCustom.Name, viaCustom.Verdict));
        Assert.Equal(("not-polite", Verdict.Fail), (negated.Name, negated.Verdict));
    }

    [Fact]
    public void Custom_UnregisteredName_IsALoadTimeError()
    {
        var registry = MetricRegistry.CreateDefault().Register("polite", spec => new PoliteMetric(spec));

        Assert.Contains("(4,21): error EVH005: metrics[0].custom.name: no metric named 'kind' is registered; register it with MetricRegistry.Register(\"kind\", spec => new MyMetric(spec)) (registered: polite)",
            LoadError("custom: { name: kind }", registry), StringComparison.Ordinal);
        Assert.Contains("error EVH005: metrics[0].custom.name: metric 'custom' requires 'name'", LoadError("custom: { config: 1 }"), StringComparison.Ordinal);
    }

    /// <summary>A user's metric: passes when the output contains a word (from <c>config.word</c>, default "please").</summary>
    private sealed class PoliteMetric(MetricSpec spec) : IMetric
    {
        private readonly string _word = spec.Get("config")?.Get("word")?.Scalar ?? "please";

        public string Name => spec.DisplayName;

        public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(MetricResult.FromCheck(Name, context.Output.Contains(_word, StringComparison.OrdinalIgnoreCase), "looked for " + _word));
    }
}
