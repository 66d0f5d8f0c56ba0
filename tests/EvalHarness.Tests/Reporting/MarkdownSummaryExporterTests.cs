using System.Text;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Tests.Reporting;

public sealed class MarkdownSummaryExporterTests
{
    private static byte[] Render(RunResult run)
    {
        using var stream = new MemoryStream();
        new MarkdownSummaryExporter().Export(RunReport.Create(run), stream);
        return stream.ToArray();
    }

    private static CaseResult Case(string id, bool pass, string reason = "missing \"refund\"", string[]? tags = null) => new()
    {
        Id = id,
        Verdict = pass ? Verdict.Pass : Verdict.Fail,
        Tags = tags ?? [],
        Metrics = [MetricResult.FromCheck("keywords", pass, pass ? "found" : reason)],
    };

    private static SuiteResult Suite(string name, IReadOnlyList<CaseResult> cases) => new()
    {
        Name = name,
        File = name + ".yaml",
        Cases = cases,
        Aggregates = SuiteAggregates.From(cases),
        Gate = new GateResult(Verdict.Pass, [new GateCheck("min_pass_rate", Verdict.Pass, "ok")]),
    };

    [Fact]
    public void MetricRowsCarryTheirWilsonInterval()
    {
        var cases = Enumerable.Range(0, 86).Select(i => Case("c" + i, i < 72)).ToArray();

        var summary = Encoding.UTF8.GetString(Render(new RunResult { RunId = "r", Suites = [Suite("faq", cases)] }));

        // Wilson 95 %, 72 of 86: centre (q + z²/2n) / (1 + z²/n), half-width z·√(q(1−q)/n + z²/4n²) / (1 + z²/n) → 0.7451 .. 0.9005.
        Assert.Contains("| keywords | 83.7% | 74.5–90.0% | 0.837 | 14 | 0 |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TagSegmentsAreListedWithTheirIntervals()
    {
        var cases = Enumerable.Range(0, 10).Select(i => Case("c" + i, i < 4 || i >= 8, tags: [i < 6 ? "billing" : "security"])).ToArray();

        var summary = Encoding.UTF8.GetString(Render(new RunResult { RunId = "r", Suites = [Suite("faq", cases)] }));

        // billing: 4 of 6 → Wilson 30.0–90.3 %; security: 2 of 4 → 15.0–85.0 %.
        Assert.Contains("| billing | 6 | 66.7% | 30.0–90.3% | – |", summary, StringComparison.Ordinal);
        Assert.Contains("| security | 4 | 50.0% | 15.0–85.0% | – |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AThousandCaseRunStaysFarBelowGitHubsLimit()
    {
        var summary = Render(ReportSamples.Run(casesPerSuite: 1_000));
        var text = Encoding.UTF8.GetString(summary);

        Assert.InRange(summary.Length, 1, 1024 * 1024 - 1);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Lowest-scoring cases</summary>", text, StringComparison.Ordinal);
        Assert.Contains("- ⚠️ cost unknown for 200 calls: no price for model 'acme-llm-v2'; add it to evalharness.pricing.json", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyFailingSuitesDropTheirFoldedDetailsToFit()
    {
        var reason = new string('x', 2_000);
        var suites = Enumerable.Range(0, 60).Select(s => Suite("suite-" + s,
            Enumerable.Range(0, 120).Select(i => Case("s" + s + "-c" + i, pass: false, reason, tags: ["tag-" + (i % 40)])).ToArray())).ToArray();

        var summary = Render(new RunResult { RunId = "r", Suites = suites });
        var text = Encoding.UTF8.GetString(summary);

        Assert.InRange(summary.Length, 1, MarkdownSummaryExporter.MaxBytes);
        Assert.Contains("120 case(s) not passing: see results.json.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASummaryTooBigEvenWithoutDetailsIsCutWithANote()
    {
        var suites = Enumerable.Range(0, 200).Select(s => Suite(s + new string('n', 6_000), [])).ToArray();

        var summary = Render(new RunResult { RunId = "r", Suites = suites });

        Assert.InRange(summary.Length, 1, MarkdownSummaryExporter.MaxBytes);
        Assert.EndsWith("… summary cut at GitHub's size limit; every figure is in results.json.\n", Encoding.UTF8.GetString(summary), StringComparison.Ordinal);
    }
}
