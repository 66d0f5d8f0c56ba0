using System.Globalization;
using EvalHarness.Costs;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Seeded results of a finished suite run as the runner produces them: per case an input, expected text and a ~60-word output, three
/// metrics (two pass/fail checks and a 0–1 score), latency, token usage and cost. The same seed gives the same run.
/// </summary>
internal static class SyntheticRun
{
    private static readonly string[] Vocabulary =
    [
        "refund", "policy", "returns", "within", "30", "days", "of", "purchase", "with", "a", "receipt", "store", "credit", "items", "must",
        "be", "unused", "and", "in", "the", "original", "packaging", "warranty", "covers", "defects", "for", "two", "years", "café", "naïve",
    ];

    /// <summary>A suite's results with <paramref name="cases"/> cases; <paramref name="shift"/> lowers scores and pass rates (a regression).</summary>
    public static SuiteResult Suite(string name, int cases, int seed, double shift = 0)
    {
        var random = new Random(seed);
        var results = new CaseResult[cases];
        for (var i = 0; i < cases; i++)
        {
            var passesKeywords = random.NextDouble() > 0.15 + shift;
            var passesRegex = random.NextDouble() > 0.05 + shift;
            var score = Math.Round(Math.Clamp(0.8 - shift + (0.15 * (random.NextDouble() - 0.5)), 0, 1), 6);
            var metrics = new[]
            {
                MetricResult.FromCheck("keywords", passesKeywords, passesKeywords ? "found every keyword" : "missing 'receipt'"),
                MetricResult.FromCheck("cites-or-declines", passesRegex, passesRegex ? "matched" : "no match for ^(According to '|I'm sorry)"),
                new MetricResult { Name = "rouge-l", Score = score, RawValue = score, Scale = "0-1", Verdict = score >= 0.7 ? Verdict.Pass : Verdict.Fail, Reason = "F1 of the LCS" },
            };
            var input = 120 + random.Next(400);
            var output = 40 + random.Next(200);
            results[i] = new CaseResult
            {
                Id = "case-" + i.ToString("D5", CultureInfo.InvariantCulture),
                Line = i + 1,
                Input = "How do I return item " + i.ToString(CultureInfo.InvariantCulture) + " without a receipt?",
                Expected = "Returns within 30 days; without a receipt you get store credit.",
                Output = Words(random, 60),
                Verdict = metrics.All(m => m.Verdict == Verdict.Pass) ? Verdict.Pass : Verdict.Fail,
                Metrics = metrics,
                Measurements = new CallMeasurements
                {
                    LatencyMs = Math.Round(400 + (random.NextDouble() * 900), 1),
                    ModelId = "gpt-4o-mini",
                    Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
                    Cost = new CallCost { Model = "gpt-4o-mini", PricedAs = "gpt-4o-mini", Usd = ((input * 0.15m) + (output * 0.6m)) / 1_000_000m },
                },
                Tags = i % 3 == 0 ? ["billing"] : ["returns", "faq"],
                Duration = TimeSpan.FromMilliseconds(450 + random.Next(900)),
            };
        }

        return new SuiteResult
        {
            Name = name,
            File = "eval-suites/" + name + "/suite.yaml",
            Dataset = "datasets/" + name + ".jsonl",
            DatasetHash = "sha256:" + new string('a', 64),
            SuiteHash = "sha256:" + new string('b', 64),
            Target = TargetKind.Prompt,
            Model = "gpt-4o-mini",
            Cases = results,
            Aggregates = SuiteAggregates.From(results),
            Gate = GateResult.From([new GateCheck("min_pass_rate", Verdict.Pass, "0.80 ≥ 0.70")]),
        };
    }

    /// <summary>A run holding one suite.</summary>
    public static RunResult Run(SuiteResult suite) => new()
    {
        RunId = "20260101-000000-beef",
        StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 1, 1, 0, 12, 0, TimeSpan.Zero),
        GitCommit = "0123456789abcdef0123456789abcdef01234567",
        Mode = EvalMode.Live,
        Suites = [suite],
    };

    private static string Words(Random random, int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Vocabulary[random.Next(Vocabulary.Length)];
        }

        return string.Join(' ', words);
    }
}
