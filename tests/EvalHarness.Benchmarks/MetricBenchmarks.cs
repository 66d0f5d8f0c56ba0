using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using EvalHarness;
using EvalHarness.Metrics;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Benchmarks;

/// <summary>Time and allocations of one evaluation of each built-in metric on a 200-word output (run: <c>dotnet run -c Release -- --filter *MetricBenchmarks* --job short</c>).</summary>
[MemoryDiagnoser]
public class MetricBenchmarks
{
    private static readonly Dictionary<string, string> Entries = new(StringComparer.Ordinal)
    {
        ["equals"] = "equals",
        ["contains"] = "contains: { value: \"refund policy\" }",
        ["icontains"] = "icontains: { value: \"REFUND POLICY\" }",
        ["contains-any"] = "contains-any: { value: \"warranty, refund, exchange\" }",
        ["contains-all"] = "contains-all: { value: [refund, days, receipt] }",
        ["icontains-any"] = "icontains-any: { value: [WARRANTY, REFUND] }",
        ["icontains-all"] = "icontains-all: { value: [REFUND, DAYS, RECEIPT] }",
        ["starts-with"] = "starts-with: { value: \"Thanks\" }",
        ["regex"] = "regex: { value: \"\\\\b\\\\d+ days\\\\b\" }",
        ["is-json"] = "is-json",
        ["contains-json"] = "contains-json",
        ["word-count"] = "word-count: { value: { min: 100, max: 300 } }",
        ["levenshtein"] = "levenshtein: { threshold: 50 }",
        ["rouge-n"] = "rouge-n",
        ["bleu"] = "bleu",
        ["is-refusal"] = "is-refusal",
        ["bleu-score"] = "bleu-score",
        ["token-f1"] = "token-f1",
        ["exact-match"] = "exact-match",
        ["edit-similarity"] = "edit-similarity",
        ["rouge-l"] = "rouge-l",
        ["json-schema"] = "json-schema: { schema: { type: object, required: [answer] } }",
        ["pii"] = "pii",
        ["readability"] = "readability",
        ["keyword-overlap"] = "keyword-overlap",
        ["length"] = "length: { max_words: 300, max_lines: 20 }",
        ["latency"] = "latency: { max_ms: 3000 }",
        ["cost"] = "cost: { max_usd: 0.01, input_per_million: 0.15, output_per_million: 0.6 }",
        ["tool-call"] = "tool-call: { name: lookup_order, arguments: { id: 42 } }",
        ["custom"] = "custom: { name: always }",
    };

    private IMetric _metric = null!;
    private MetricContext _context = null!;

    /// <summary>The metric under measurement.</summary>
    [ParamsSource(nameof(Names))]
    public string Metric { get; set; } = "contains";

    /// <summary>Every built-in metric.</summary>
    public static IEnumerable<string> Names() => MetricCatalog.BuiltIn.Select(d => d.Name);

    /// <summary>Creates the metric from a suite entry and a 200-word case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var registry = MetricRegistry.CreateDefault().Register("always", spec => new AlwaysMetric(spec));
        var errors = new List<ConfigError>();
        var suite = new SuiteParser(registry.CustomDescriptors).Parse("name: bench\ndataset: d.jsonl\nmetrics:\n  - " + Entries[Metric] + "\n", "suite.yaml", errors)
            ?? throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        _metric = registry.Create(suite.Metrics[0]);

        // JSON metrics get the same 200 words as JSON (inside prose for contains-json), so they measure parsing rather than an early failure.
        var words = Words(200, seed: 1);
        var json = "{\"answer\": " + System.Text.Json.JsonSerializer.Serialize(words) + ", \"confidence\": 0.9}";
        var output = Metric switch
        {
            "is-json" or "json-schema" => json,
            "contains-json" => "Here is the result:\n" + json + "\nHope this helps.",
            _ => words,
        };
        var @case = new EvalCase("bench", "How long do I have to return an item and get a refund without the receipt?", expected: Words(200, seed: 2),
            fields: new JsonObject());
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new TextContent(output), new FunctionCallContent("c1", "lookup_order", new Dictionary<string, object?> { ["id"] = 42 })]));
        var measurements = new CallMeasurements { LatencyMs = 850, Usage = new UsageDetails { InputTokenCount = 300, OutputTokenCount = 260 } };
        _context = new MetricContext(@case, output, response, measurements);
    }

    /// <summary>One evaluation.</summary>
    [Benchmark]
    public MetricResult Evaluate() => _metric.EvaluateAsync(_context).GetAwaiter().GetResult();

    // A deterministic 200-word support answer with punctuation, numbers, line breaks and a few non-ASCII words.
    private static string Words(int count, int seed)
    {
        string[] vocabulary =
        [
            "Thanks", "for", "asking", "our", "refund", "policy", "allows", "returns", "within", "30", "days", "of", "purchase", "with", "a",
            "receipt.", "Without", "one,", "we", "offer", "store", "credit", "instead;", "items", "must", "be", "unused", "and", "in", "the",
            "original", "packaging.", "Grüße", "naïve", "東京", "café", "exchange", "warranty", "covers", "defects", "for", "two", "years!",
        ];
        var random = new Random(seed);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? "Thanks" : vocabulary[random.Next(vocabulary.Length)]);
            builder.Append(i % 25 == 24 ? '\n' : ' ');
        }

        return builder.ToString().TrimEnd();
    }

    private sealed class AlwaysMetric(MetricSpec spec) : IMetric
    {
        public string Name => spec.DisplayName;

        public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(MetricResult.FromCheck(Name, true, "always"));
    }
}
