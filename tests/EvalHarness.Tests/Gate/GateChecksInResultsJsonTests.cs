using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Baselines;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Gate;

/// <summary>
/// results.json carries each gate check's severity, comparison verdict, per-metric paired-test figures with the cases that got worse,
/// and drift measurements, so other tools need not parse reasons; reading the file back gives them again.
/// </summary>
public sealed class GateChecksInResultsJsonTests : IDisposable
{
    private const int Cases = 60;
    private readonly TempWorkspace _workspace = new();

    public GateChecksInResultsJsonTests()
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(1, Cases).Select(i =>
            "{\"id\":\"q" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "\",\"input\":\"question " + i +
            "\",\"expected\":\"alpha beta gamma delta epsilon " + i + "\"}")) + "\n");
        _workspace.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: { field: expected, metric: answer }\n" +
            "  - token-f1: { metric: overlap }\ngate:\n  regression: { alpha: 0.05, margin: 0.02 }\n  drift: { severity: warning }\n");
    }

    public void Dispose() => _workspace.Dispose();

    private string SuiteFile => Path.Combine(_workspace.Root, "eval-suites", "s", "suite.yaml");

    private static int Number(EvalCase c) => int.Parse(c.Id[1..], System.Globalization.CultureInfo.InvariantCulture);

    // Answers with the expected text, or an apology on the cases 'broken' picks.
    private static DelegateTarget Target(Func<EvalCase, bool> broken) => new((c, _) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, broken(c) ? "Sorry, I cannot help with that." : c.Expected))));

    private async Task<RunResult> RunAsync(DelegateTarget target, BaselineSettings settings) =>
        await EvalRun.ExecuteAsync([SuiteFile], new EvalRunOptions(), settings, new Dictionary<string, IEvalTarget> { ["s"] = target },
            cancellationToken: TestContext.Current.CancellationToken);

    private static byte[] Export(RunResult run)
    {
        using var stream = new MemoryStream();
        new JsonResultsExporter().Export(RunReport.Create(run), stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task ARegressionsFiguresAndWorseCasesAndTheDriftAreInResultsJsonAndReadBack()
    {
        await RunAsync(Target(_ => false), new BaselineSettings { AcceptRequested = true });

        // 12 of 60 cases (every 5th) stop containing the answer.
        var run = await RunAsync(Target(c => Number(c) % 5 == 0), new BaselineSettings());
        var bytes = Export(run);

        var checks = JsonNode.Parse(bytes)!["suites"]![0]!["gate"]!["checks"]!.AsArray();
        var answer = checks.Single(c => (string?)c!["name"] == "regression.answer")!;
        Assert.Equal("fail", (string?)answer["verdict"]);
        Assert.Equal("critical", (string?)answer["severity"]);
        Assert.Equal("regressed", (string?)answer["comparison"]);
        var figures = Assert.Single(answer["metrics"]!.AsArray())!;
        Assert.Equal("answer", (string?)figures["metric"]);
        Assert.True((bool)figures["passFail"]!);
        Assert.Equal(60, (int)figures["pairs"]!);
        Assert.Equal(1.0, (double)figures["baselineMean"]!);
        Assert.Equal(0.8, (double)figures["currentMean"]!, 12);
        Assert.Equal(-0.2, (double)figures["delta"]!, 12);
        Assert.True((double)figures["deltaUpper"]! < 0);
        // 12 cases passed before and fail now, none the other way: exact mid-p = 2^-12.
        Assert.Equal(Math.Pow(2, -12), (double)figures["pValue"]!, 12);
        Assert.Equal("regressed", (string?)figures["verdict"]);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => "q" + (i * 5).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
            figures["worse"]!.AsArray().Select(n => (string?)n));
        Assert.Empty(figures["better"]!.AsArray());
        var drift = checks.Single(c => (string?)c!["name"] == "drift")!;
        Assert.Equal("warning", (string?)drift["severity"]);
        Assert.Contains(drift["drift"]!.AsArray(), d => (string?)d!["quantity"] == "overlap" && (string?)d["level"] is "drift" or "critical");

        var read = ResultsJsonReader.Parse(bytes, "results.json").Suites.Single().Gate.Checks;
        var original = run.Suites.Single().Gate.Checks;
        Assert.Equal(original.Select(c => (c.Name, c.Verdict, c.Reason, c.Severity, c.Comparison, c.Metrics.Count, c.Drift.Count)),
            read.Select(c => (c.Name, c.Verdict, c.Reason, c.Severity, c.Comparison, c.Metrics.Count, c.Drift.Count)));
        foreach (var (before, after) in original.SelectMany(c => c.Metrics).Zip(read.SelectMany(c => c.Metrics)))
        {
            Assert.Equal(Finite(before) with { Worse = [], Better = [] }, after with { Worse = [], Better = [] });
            Assert.Equal(before.Worse, after.Worse);
            Assert.Equal(before.Better, after.Better);
        }

        // results.json writes a figure that is not finite (a z of −∞ when the baseline had no spread) as null, read back as NaN.
        Assert.Contains(original.SelectMany(c => c.Drift), d => double.IsNegativeInfinity(d.Z));
        Assert.Equal(original.SelectMany(c => c.Drift).Select(Finite), read.SelectMany(c => c.Drift));

        // Written again from what was read, the file is the same byte for byte.
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(Export(ResultsJsonReader.Parse(bytes, "results.json"))));
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

    private static DriftMeasurement Finite(DriftMeasurement d) => d with
    {
        BaselineMean = Finite(d.BaselineMean), CurrentMean = Finite(d.CurrentMean), Change = Finite(d.Change), Z = Finite(d.Z),
        KsStatistic = Finite(d.KsStatistic), KsPValue = Finite(d.KsPValue), Psi = Finite(d.Psi),
    };

    private static MetricComparison Finite(MetricComparison m) => m with
    {
        BaselineMean = Finite(m.BaselineMean), CurrentMean = Finite(m.CurrentMean), Delta = Finite(m.Delta),
        Interval = new EvalHarness.Statistics.Interval(Finite(m.Interval.Lower), Finite(m.Interval.Upper)), Statistic = Finite(m.Statistic),
        PValue = Finite(m.PValue), AdjustedPValue = Finite(m.AdjustedPValue), CliffsDelta = Finite(m.CliffsDelta),
    };

    [Fact]
    public async Task AnUnknownSeverityOrComparisonNamesItsLineAndField()
    {
        var run = await RunAsync(Target(_ => false), new BaselineSettings { AcceptRequested = true });
        var text = Encoding.UTF8.GetString(Export(run));
        var at = text.IndexOf("\"severity\": \"critical\"", StringComparison.Ordinal);
        var line = text[..at].Count(ch => ch == '\n') + 1;

        var ex = Assert.Throws<EvalConfigurationException>(() =>
            ResultsJsonReader.Parse(Encoding.UTF8.GetBytes(text[..at] + "\"severity\": \"fatal\"" + text[(at + "\"severity\": \"critical\"".Length)..]), "r.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(line, error.Location.Line);
        Assert.EndsWith("suites[0].gate.checks[0].severity: 'fatal' is not a severity; expected critical or warning", error.ToString(), StringComparison.Ordinal);
    }
}
