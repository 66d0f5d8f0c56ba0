using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EvalHarness.Costs;
using EvalHarness.Reporting;
using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Benchmarks;

/// <summary>
/// What spilling finished cases to disk (<see cref="CaseResultStore"/>) costs and saves on a 10,000-case suite: keeping the cases
/// (in memory vs encoded into the temporary file), one pass over them (array vs decoding), and the report phase (RunReport.Create and
/// results.json) over an in-memory run vs the same cases spilled. Each category's in-memory method is its baseline.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter '*SpillBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SpillBenchmarks
{
    private const int CaseCount = 10_000;
    private CaseResult[] _cases = null!;
    private IReadOnlyList<CaseResult> _spilled = null!;
    private RunResult _inMemoryRun = null!;
    private RunResult _spilledRun = null!;

    /// <summary>Builds the cases, a spilled copy of them, and a run over each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var suite = Suite(CaseCount);
        _cases = [.. suite.Cases];
        _spilled = Store(_cases, spillAfter: 0);
        _inMemoryRun = SyntheticRun.Run(suite);
        _spilledRun = SyntheticRun.Run(suite with { Cases = _spilled });
    }

    /// <summary>Adding every case to a store that never spills, then completing it (an array).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Store")]
    public IReadOnlyList<CaseResult> StoreInMemory() => Store(_cases, int.MaxValue);

    /// <summary>Adding every case to a store that spills from the first one (encode and write each), then completing it.</summary>
    [Benchmark]
    [BenchmarkCategory("Store")]
    public IReadOnlyList<CaseResult> StoreSpilled() => Store(_cases, spillAfter: 0);

    /// <summary>One pass over the cases held in an array.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Enumerate")]
    public long EnumerateInMemory() => Enumerate(_cases);

    /// <summary>One pass over the spilled cases: read back in 64 KB windows and decoded one at a time.</summary>
    [Benchmark]
    [BenchmarkCategory("Enumerate")]
    public long EnumerateSpilled() => Enumerate(_spilled);

    /// <summary>The report model and results.json (to a discarding stream) for the run whose cases are in memory.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Report")]
    public RunReport ReportInMemory() => Report(_inMemoryRun);

    /// <summary>The same for the run whose cases are spilled: every pass the report makes over the cases decodes them again.</summary>
    [Benchmark]
    [BenchmarkCategory("Report")]
    public RunReport ReportSpilled() => Report(_spilledRun);

    /// <summary>
    /// The 10,000-case suite every method uses: <see cref="SyntheticRun"/>'s cases (three metrics, latency, usage, cost) with, on every
    /// other case, a fourth LLM-judge metric carrying the judge's raw text and its own measurements, as a suite with a judge produces.
    /// </summary>
    internal static SuiteResult Suite(int cases)
    {
        var suite = SyntheticRun.Suite("faq", cases, seed: 1);
        var results = suite.Cases.Select((c, i) => i % 2 == 0 ? c with { Metrics = [.. c.Metrics, Judged(i)] } : c).ToArray();
        return suite with { Cases = results, Aggregates = SuiteAggregates.From(results) };
    }

    /// <summary>The cases kept by a store that spills past <paramref name="spillAfter"/> cases, as the runner would hand them on.</summary>
    internal static IReadOnlyList<CaseResult> Store(IReadOnlyList<CaseResult> cases, int spillAfter)
    {
        var store = new CaseResultStore(spillAfter);
        for (var i = 0; i < cases.Count; i++)
        {
            store.Add(i, cases[i]);
        }

        return store.Complete();
    }

    private static MetricResult Judged(int i)
    {
        var rating = 3 + (i % 3);
        var input = 600 + (i % 250);
        var output = 40 + (i % 60);
        return new MetricResult
        {
            Name = "faithfulness",
            Score = (rating - 1) / 4.0,
            RawValue = rating,
            Scale = "1-5",
            Verdict = rating >= 4 ? Verdict.Pass : Verdict.Fail,
            Reason = "The answer follows the policy text but omits the 30-day limit.",
            Details = new Dictionary<string, string>
            {
                ["judge_raw"] = "{\"score\": " + rating.ToString(CultureInfo.InvariantCulture) + ", \"reason\": \"The answer follows the policy text but omits the 30-day limit.\"}",
                ["samples"] = "1",
            },
            Duration = TimeSpan.FromMilliseconds(700 + (i % 500)),
            JudgeMeasurements = new CallMeasurements
            {
                LatencyMs = 650 + (i % 500),
                ModelId = "gpt-4o",
                Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
                Cost = new CallCost { Model = "gpt-4o", PricedAs = "gpt-4o", Usd = ((input * 2.5m) + (output * 10m)) / 1_000_000m },
                Retries = i % 50 == 0 ? 1 : 0,
            },
        };
    }

    // Touches what a report reads of every case, so neither pass can skip the work.
    private static long Enumerate(IReadOnlyList<CaseResult> cases)
    {
        long total = 0;
        foreach (var c in cases)
        {
            total += c.Output!.Length + c.Metrics.Count + (c.Measurements.Usage?.TotalTokenCount ?? 0);
        }

        return total;
    }

    private static RunReport Report(RunResult run)
    {
        var report = RunReport.Create(run);
        new JsonResultsExporter().Export(report, Stream.Null);
        return report;
    }
}
