using System.Runtime.CompilerServices;
using EvalHarness.Metrics;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

/// <summary>Every built-in metric is reachable by name from a suite file and behaves on empty, blank and non-ASCII multi-line output.</summary>
public sealed class MetricCatalogTests
{
    private const string Unicode = "Grüße aus 東京 👍🏽\nzweite Zeile\r\n";

    // One entry per built-in metric: the suite entry, and the expected verdict on "", on " \n\t " and on the Unicode text above.
    public static TheoryData<string, Verdict, Verdict, Verdict> Entries => new()
    {
        { "equals: { value: \"Grüße aus 東京 👍🏽\\nzweite Zeile\\r\\n\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "contains: { value: 東京 }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "icontains: { value: GRÜSSE }", Verdict.Fail, Verdict.Fail, Verdict.Fail }, // "grüße" lower-cases to ß, never to "ss"
        { "contains-any: { value: [👍🏽, x] }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "contains-all: { value: \"Zeile, 東京\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "icontains-any: { value: [ZWEITE] }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "icontains-all: { value: [GRÜSSE, ZEILE] }", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "starts-with: { value: Grü }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "regex: { value: \"^zweite\", ignore_case: true }", Verdict.Fail, Verdict.Fail, Verdict.Fail }, // ^ is the start of the text, not of a line
        { "is-json", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "contains-json", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "word-count: 6", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "levenshtein: { value: \"Grüße\", threshold: 5 }", Verdict.Pass, Verdict.Pass, Verdict.Fail },
        { "rouge-n: { value: \"zweite zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "bleu: { value: \"Grüße aus 東京 👍🏽 zweite Zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "is-refusal", Verdict.Pass, Verdict.Pass, Verdict.Fail },
        { "bleu-score: { value: \"Grüße aus 東京 👍🏽 zweite Zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "token-f1: { value: \"zweite zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass }, // P = 2/6, R = 1: F1 = 0.5
        { "exact-match: { value: \"grüße aus 東京 👍🏽 zweite zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "edit-similarity: { value: \"Grüße aus 東京 👍🏽 zweite Zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "rouge-l: { value: \"Grüße aus 東京 👍🏽 zweite Zeile\" }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "json-schema: { schema: { type: string } }", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "pii", Verdict.Pass, Verdict.Pass, Verdict.Pass },
        { "readability", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "keyword-overlap", Verdict.Fail, Verdict.Fail, Verdict.Pass },
        { "length: { max_chars: 30 }", Verdict.Pass, Verdict.Pass, Verdict.Pass },
        { "latency: { max_ms: 10 }", Verdict.Inconclusive, Verdict.Inconclusive, Verdict.Inconclusive },
        { "cost: { max_usd: 1 }", Verdict.Inconclusive, Verdict.Inconclusive, Verdict.Inconclusive },
        { "tool-call: { name: lookup }", Verdict.Fail, Verdict.Fail, Verdict.Fail },
        { "custom: { name: shout }", Verdict.Fail, Verdict.Fail, Verdict.Pass },
    };

    [Fact]
    public void EveryBuiltInMetric_HasAnImplementationAndAnEntryHere()
    {
        var registry = MetricRegistry.CreateDefault();
        var covered = Entries.Select(row => row.Data.Item1.Split(':', ' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(MetricCatalog.BuiltIn, d => Assert.True(registry.Implements(d.Name), d.Name + " has no implementation"));
        Assert.Equal(MetricCatalog.BuiltIn.Select(d => d.Name).Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        Assert.All(MetricCatalog.BuiltIn, d => Assert.Equal(MetricFamily.Heuristic, d.Family));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task EveryMetric_HandlesEmptyBlankAndUnicodeOutput(string entry, Verdict onEmpty, Verdict onBlank, Verdict onUnicode)
    {
        var registry = MetricRegistry.CreateDefault().Register("shout", spec => new ShoutMetric(spec));
        var metric = Create(entry, registry);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "no tools"));

        var results = new[]
        {
            await Evaluate(metric, string.Empty, input: "Grüße aus Tokio", response: response),
            await Evaluate(metric, " \n\t ", input: "Grüße aus Tokio", response: response),
            await Evaluate(metric, Unicode, input: "Grüße aus 東京, zweite Zeile?", response: response),
        };

        Assert.Equal([onEmpty, onBlank, onUnicode], results.Select(r => r.Verdict));
        Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), "every result says why"));
        Assert.All(results, r => Assert.True(r.Score is null or >= 0 and <= 1, "scores are on 0..1"));
    }

    [Fact]
    public void DefaultThresholds_AreTheDocumentedOnes()
    {
        var defaults = MetricCatalog.BuiltIn.Where(d => d.DefaultThreshold is not null).ToDictionary(d => d.Name, d => d.DefaultThreshold!.Value);

        Assert.Equal(new Dictionary<string, double>
        {
            ["levenshtein"] = 5, ["rouge-n"] = 0.75, ["bleu"] = 0.5, ["bleu-score"] = 0.5, ["token-f1"] = 0.5, ["edit-similarity"] = 0.8,
            ["rouge-l"] = 0.5, ["readability"] = 0.5, ["keyword-overlap"] = 0.5,
        }, defaults);
    }

    [Fact]
    public void EveryMetric_IsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "metrics.md"));

        Assert.All(MetricCatalog.BuiltIn, d => Assert.Contains("\n## `" + d.Name + "`", docs, StringComparison.Ordinal));
    }

    // Walk up from this source file, so the check works wherever the test binaries are built.
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EvalHarness.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EvalHarness.sln not found above " + sourceFile);
    }

    /// <summary>A registered metric used through <c>custom</c>: passes when the output has an upper-case letter.</summary>
    private sealed class ShoutMetric(MetricSpec spec) : IMetric
    {
        public string Name => spec.DisplayName;

        public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(MetricResult.FromCheck(Name, context.Output.Any(char.IsUpper), "looked for an upper-case letter"));
    }
}
