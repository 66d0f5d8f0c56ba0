using BenchmarkDotNet.Attributes;
using EvalHarness.Baselines;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Comparing a 10,000-case run with a 10,000-case baseline: the whole gate step as EvalRun applies it (read and parse the verified file,
/// write the received file, paired tests per metric with bootstrap intervals, drift of scores, latency and cost), and its parts.
/// The current run is slightly worse than the baseline, so the tests have something to find.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter *BaselineComparisonBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class BaselineComparisonBenchmarks
{
    private const int Cases = 10_000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-bench-baseline-" + Guid.NewGuid().ToString("N")[..8]);
    private Suite _suite = null!;
    private SuiteResult _currentResult = null!;
    private Baseline _baseline = null!;
    private Baseline _current = null!;
    private string _baselineText = null!;

    /// <summary>Writes the suite and its verified baseline (from a seeded 10,000-case run) to a temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(_root, "eval-suites", "faq");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(_root, "faq.jsonl"), "{\"id\":\"case-00000\",\"input\":\"x\"}\n");
        var suitePath = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(suitePath, "name: faq\ndataset: ../../faq.jsonl\nmetrics:\n  - contains: { value: receipt, metric: keywords }\n" +
            "  - regex: { value: \"^Returns\", metric: cites-or-declines }\n  - rouge-l\ngate:\n  min_pass_rate: 0.7\n" +
            "  regression: { alpha: 0.05, margin: 0.02 }\n  drift: { pct_threshold: 0.1 }\n");
        _suite = Suite.Load(suitePath);

        var baselineResult = SyntheticRun.Suite("faq", Cases, seed: 1);
        _currentResult = SyntheticRun.Suite("faq", Cases, seed: 2, shift: 0.01);
        _baseline = Baseline.From(baselineResult, _suite);
        _current = Baseline.From(_currentResult, _suite);
        _baselineText = _baseline.ToCanonicalText();
        Directory.CreateDirectory(_suite.BaselinesDirectory);
        File.WriteAllText(BaselineFiles.VerifiedBaseline(_suite.BaselinesDirectory, _suite.Name), _baselineText);
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>The whole step: <c>BaselineGate.Apply</c> on a finished run (file read and write included).</summary>
    [Benchmark]
    public SuiteResult GateApply() => BaselineGate.Apply(_suite, _currentResult, new BaselineSettings());

    /// <summary>The paired regression tests of every metric (McNemar mid-p, Wilcoxon, bootstrap CI, Cliff's δ, Holm).</summary>
    [Benchmark]
    public RegressionReport RegressionCompare() => RegressionAnalysis.Compare(_baseline, _current);

    /// <summary>Drift of each metric, latency and cost (mean shift, KS, PSI).</summary>
    [Benchmark]
    public IReadOnlyList<DriftMeasurement> DriftMeasure() => DriftAnalysis.Measure(_baseline, _current, 0.1);

    /// <summary>A run's results as the baseline they would be accepted as.</summary>
    [Benchmark]
    public Baseline BaselineFromResult() => Baseline.From(_currentResult, _suite);

    /// <summary>Writing the canonical baseline text.</summary>
    [Benchmark]
    public string WriteCanonicalText() => _current.ToCanonicalText();

    /// <summary>Parsing a 10,000-case baseline file's text.</summary>
    [Benchmark]
    public Baseline ParseBaseline() => Baseline.Parse(_baselineText, "faq.baseline.json");

    /// <summary>Whether the run matches the verified baseline (decides if a received file is written).</summary>
    [Benchmark]
    public bool SameResults() => _baseline.SameResults(_current);
}
