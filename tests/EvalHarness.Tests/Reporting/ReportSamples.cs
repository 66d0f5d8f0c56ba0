using EvalHarness.Costs;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Reporting;

/// <summary>
/// A deterministic, realistic run for report tests (also compiled into the browser tests): three suites on priced and unpriced models,
/// streamed calls, failures, a timeout and an endpoint error, tags, and one case whose every text is an injection attempt.
/// </summary>
internal static class ReportSamples
{
    /// <summary>What the hostile case's texts try to do when run: mark the page as compromised.</summary>
    public const string Payload =
        "<script>document.title='pwned';document.body.setAttribute('data-pwned','script')</script>" +
        "<img src=x onerror=\"document.title='pwned';document.body.setAttribute('data-pwned','img')\">" +
        "<a href=\"javascript:document.body.setAttribute('data-pwned','link')\">open</a> \" onmouseover=\"alert(1)\" ' ${alert(2)} </textarea>";

    public const string HostileId = "xss-probe";

    public static DateTimeOffset Started { get; } = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public static RunResult Run(int casesPerSuite = 40, bool hostile = true)
    {
        var random = new Random(20261122);
        var faq = Suite("support-faq", "gpt-4o-mini-2024-07-18", casesPerSuite, random, ["billing", "account", "security", "refunds"],
            ["keywords", "relevance", "latency"], meanLatency: 650, streamed: true, hostile: hostile, budget: 0.05);
        var summaries = Suite("ticket-summaries", "claude-sonnet-4-5-20250929", casesPerSuite * 3 / 4, random, ["email", "chat", "escalation"],
            ["rouge-l", "no-pii"], meanLatency: 1_400, streamed: false, hostile: false, budget: 0.20);
        var legacy = Suite("legacy-bot", "acme-llm-v2", Math.Max(4, casesPerSuite / 5), random, ["legacy"], ["contains"], meanLatency: 300, streamed: false,
            hostile: false, budget: null);
        return new RunResult
        {
            RunId = "20261122-093000-a1b2",
            StartedAt = Started,
            FinishedAt = Started.AddSeconds(42),
            GitCommit = "3f2c9a1e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39",
            Mode = EvalMode.Replay,
            Suites = [faq, summaries, legacy],
        };
    }

    /// <summary>Six earlier runs of the same suites, oldest first, drifting towards this run's figures.</summary>
    public static RunHistory History() => new(Enumerable.Range(0, 6).Select(i => new HistoryEntry
    {
        RunId = "2026111" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-090000-0000",
        StartedAt = Started.AddDays(i - 7),
        Mode = "replay",
        Suites =
        [
            new HistorySuite { Name = "support-faq", Cases = 40, Passed = 27 + (i % 4), CostUsd = 0.0094m - (i * 0.0003m), KnownCostUsd = 0.0094m - (i * 0.0003m), LatencyP95Ms = 1_500 - (i * 40) },
            new HistorySuite { Name = "ticket-summaries", Cases = 30, Passed = 23 - (i % 3), CostUsd = 0.118m + (i * 0.004m), KnownCostUsd = 0.118m + (i * 0.004m), LatencyP95Ms = 2_300 + (i * 30) },
            new HistorySuite { Name = "legacy-bot", Cases = 8, Passed = 6, KnownCostUsd = 0, UnknownCostCalls = 8 },
        ],
    }).ToArray(), []);

    private static SuiteResult Suite(string name, string model, int count, Random random, string[] tags, string[] metricNames, double meanLatency, bool streamed,
        bool hostile, double? budget)
    {
        var cases = new List<CaseResult>();
        for (var i = 0; i < count; i++)
        {
            var id = name + "-" + (i + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var line = i + 1;
            if (i == 5 && streamed)
            {
                cases.Add(new CaseResult
                {
                    Id = id, Line = line, Input = "How do I export my data?", Verdict = Verdict.Error, ErrorKind = CaseErrorKind.Timeout,
                    Error = "the target did not answer within timeout_ms = 30000 ms", Tags = [tags[i % tags.Length]],
                    Measurements = new CallMeasurements { Cost = CallCost.Unknown(model, "the call timed out after 30000 ms and may have been billed") },
                });
                continue;
            }

            if (i == 9 && streamed)
            {
                cases.Add(new CaseResult
                {
                    Id = id, Line = line, Input = "Can I change my plan mid-cycle?", Verdict = Verdict.Error, ErrorKind = CaseErrorKind.Infrastructure,
                    Error = "HTTP 503 from the endpoint after 3 attempts", Tags = [tags[i % tags.Length]],
                });
                continue;
            }

            var latency = Math.Round(meanLatency * Math.Exp((random.NextDouble() - 0.5) * 1.2) + (random.NextDouble() < 0.05 ? meanLatency * 2 : 0), 1);
            var input = 350 + random.Next(900);
            var cached = random.NextDouble() < 0.4 ? 256 : 0;
            var output = 60 + random.Next(240);
            var usage = new UsageDetails { InputTokenCount = input, CachedInputTokenCount = cached, OutputTokenCount = output, TotalTokenCount = input + output };
            var metrics = metricNames.Select(metric => Metric(metric, random, latency)).ToList();
            var isHostile = hostile && i == 2;
            if (isHostile)
            {
                metrics[0] = metrics[0] with
                {
                    Verdict = Verdict.Fail, Score = 0, Reason = "output does not contain " + Payload,
                    Details = new Dictionary<string, string> { ["matched"] = Payload },
                };
            }

            cases.Add(new CaseResult
            {
                Id = isHostile ? HostileId : id,
                Line = line,
                Input = isHostile ? "Summarise: " + Payload : "Customer question " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " about " + tags[i % tags.Length] + "?",
                Expected = isHostile ? Payload : "An answer that cites the " + tags[i % tags.Length] + " article.",
                Output = isHostile ? "Here you go: " + Payload : "According to 'the " + tags[i % tags.Length] + " article', you can do this from Settings.",
                Tags = isHostile ? [tags[0], "<b>tag</b>"] : i % 7 == 0 ? [tags[i % tags.Length], "paraphrase"] : [tags[i % tags.Length]],
                Metrics = metrics,
                Verdict = VerdictExtensions.Combine(metrics.Select(m => m.Verdict)),
                Duration = TimeSpan.FromMilliseconds(latency + 3),
                Measurements = new CallMeasurements
                {
                    LatencyMs = latency,
                    TimeToFirstTokenMs = streamed ? Math.Round(latency * 0.28, 1) : null,
                    Usage = usage,
                    ModelId = model,
                    Replayed = true,
                    Cost = PricingTable.BuiltIn.Price(model, usage),
                },
            });
        }

        var aggregates = SuiteAggregates.From(cases);
        var checks = new List<GateCheck>
        {
            new("min_pass_rate", aggregates.PassRate >= 0.6 ? Verdict.Pass : Verdict.Fail, "pass rate " + Percent(aggregates.PassRate) + " against a minimum of 60%"),
        };
        if (budget is { } b)
        {
            checks.AddRange(BudgetRule.Evaluate(b, CostReport.From(new SuiteResult { Name = name, File = name, Cases = cases }).Total));
        }

        return new SuiteResult
        {
            Name = name,
            File = "eval-suites/" + name + "/suite.yaml",
            Dataset = "datasets/" + name + ".jsonl",
            DatasetHash = "sha256:0f1e2d3c",
            SuiteHash = "sha256:4b5a6978",
            Target = TargetKind.Prompt,
            Model = model,
            Cases = cases,
            Aggregates = aggregates,
            Gate = new GateResult(checks.Any(c => c.Verdict == Verdict.Fail) ? Verdict.Fail : checks.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive : Verdict.Pass, checks),
            PricingSources = PricingTable.BuiltIn.Sources,
        };
    }

    private static MetricResult Metric(string name, Random random, double latency)
    {
        switch (name)
        {
            case "latency":
                return MetricResult.FromCheck(name, latency <= 1_500, latency.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms against max 1500 ms") with { RawValue = latency, Scale = "ms" };
            case "relevance":
            case "rouge-l":
                var score = Math.Round(Math.Clamp(0.78 + ((random.NextDouble() - 0.55) * 0.6), 0, 1), 3);
                return new MetricResult
                {
                    Name = name, Score = score, RawValue = score, Scale = "0..1", Verdict = score >= 0.6 ? Verdict.Pass : Verdict.Fail,
                    Reason = name + " " + score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + (score >= 0.6 ? " >= " : " < ") + "threshold 0.6",
                };
            default:
                var pass = random.NextDouble() < 0.85;
                return MetricResult.FromCheck(name, pass, pass ? "found every expected keyword" : "missing \"30 days\" & \"refund\"");
        }
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
}
