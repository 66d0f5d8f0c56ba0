using EvalHarness.Baselines;
using EvalHarness.Running;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Gate;

/// <summary>
/// The baseline flow end to end through <see cref="EvalRun"/>: a 60-case suite with a pass/fail metric (<c>answer</c>) and a score
/// (<c>overlap</c>, token F1), a C# system under test whose behaviour each test changes, and baselines in a temporary folder.
/// </summary>
public sealed class BaselineGateTests : IDisposable
{
    private const int Cases = 60;
    private static readonly BaselineSettings Local = new();
    private static readonly BaselineSettings AcceptLocally = new() { AcceptRequested = true };
    private static readonly BaselineSettings Ci = new() { IsContinuousIntegration = true };

    private readonly TempWorkspace _workspace = new();

    public BaselineGateTests()
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(1, Cases).Select(i =>
            "{\"id\":\"q" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "\",\"input\":\"question " + i +
            "\",\"expected\":\"alpha beta gamma delta epsilon " + i + "\"}")) + "\n");
        WriteSuite();
    }

    private string SuiteFile => Path.Combine(_workspace.Root, "eval-suites", "s", "suite.yaml");

    private string Baselines => Path.Combine(_workspace.Root, "eval-suites", "s", "baselines");

    public void Dispose() => _workspace.Dispose();

    private void WriteSuite(string gate = "gate:\n  regression: { alpha: 0.05, margin: 0.02 }\n", string overlap = "  - token-f1: { metric: overlap }\n") =>
        _workspace.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../data.jsonl\nmetrics:\n  - contains: { field: expected, metric: answer }\n" + overlap + gate);

    // The system under test: the expected answer, plus an extra word on the cases 'extra' picks (token F1 5/6·… < 1, still contains it).
    private static DelegateTarget Target(Func<EvalCase, bool>? broken = null, Func<EvalCase, bool>? extra = null) => new((c, _) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
            broken?.Invoke(c) == true ? "Sorry, I cannot help with that." : c.Expected + (extra?.Invoke(c) == true ? " indeed" : string.Empty)))));

    private static int Number(EvalCase c) => int.Parse(c.Id[1..], System.Globalization.CultureInfo.InvariantCulture);

    private static readonly DelegateTarget Good = Target(extra: c => Number(c) % 3 == 0);

    private async Task<SuiteResult> RunAsync(DelegateTarget target, BaselineSettings settings, EvalRunOptions? options = null)
    {
        var run = await EvalRun.ExecuteAsync([SuiteFile], options ?? new EvalRunOptions(), settings, new Dictionary<string, IEvalTarget> { ["s"] = target },
            cancellationToken: TestContext.Current.CancellationToken);
        return Assert.Single(run.Suites);
    }

    private static GateCheck Check(SuiteResult result, string name) => Assert.Single(result.Gate.Checks, c => c.Name == name);

    [Fact]
    public async Task SuitesThatUseNoBaselineAreLeftAlone()
    {
        WriteSuite(gate: "gate: { min_pass_rate: 0.5 }\n");

        var result = await RunAsync(Good, Local);

        Assert.Equal(["min_pass_rate"], result.Gate.Checks.Select(c => c.Name));
        Assert.False(Directory.Exists(Baselines));
    }

    [Fact]
    public async Task TheFirstRunProposesABaselineAndCannotCompareYet()
    {
        var result = await RunAsync(Good, Local);

        var check = Check(result, "baseline");
        Assert.Equal(Verdict.Inconclusive, check.Verdict);
        Assert.Contains("no baseline yet: wrote ", check.Reason, StringComparison.Ordinal);
        Assert.Contains("s.baseline.received.json (60 cases); review it and accept it with evalharness accept ", check.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(BaselineFiles.ReceivedBaseline(Baselines, "s")));
        Assert.False(File.Exists(BaselineFiles.VerifiedBaseline(Baselines, "s")));
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
    }

    [Fact]
    public async Task InCiAMissingBaselineFails()
    {
        var result = await RunAsync(Good, Ci);

        Assert.Equal(Verdict.Fail, Check(result, "baseline").Verdict);
        Assert.StartsWith("no committed baseline ", Check(result, "baseline").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptingWritesTheBaselineAndTheSameSystemThenPasses()
    {
        var accepted = await RunAsync(Good, AcceptLocally);
        var again = await RunAsync(Good, Local);

        Assert.StartsWith("accepted a new baseline: wrote ", Check(accepted, "baseline").Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(BaselineFiles.VerifiedBaseline(Baselines, "s")));
        Assert.False(File.Exists(BaselineFiles.ReceivedBaseline(Baselines, "s")));
        Assert.StartsWith("matches ", Check(again, "baseline").Reason, StringComparison.Ordinal);
        Assert.Equal(ComparisonVerdict.Pass, Check(again, "regression").Comparison);
        Assert.Equal(Verdict.Pass, again.Verdict);
        Assert.Equal(["answer", "overlap"], Check(again, "regression").Metrics.Select(m => m.Metric));
        Assert.False(File.Exists(BaselineFiles.ReceivedBaseline(Baselines, "s")));
    }

    [Fact]
    public async Task AWorseSystemRegressesWithMetricDeltaIntervalPValueCasesAndTheAcceptCommand()
    {
        await RunAsync(Good, AcceptLocally);

        // Worse on 12 of 60 cases: they no longer contain the answer, and their token F1 drops to 0.
        var worse = await RunAsync(Target(broken: c => Number(c) % 5 == 0, extra: c => Number(c) % 3 == 0), Local);

        Assert.Equal(Verdict.Fail, worse.Verdict);
        var answer = Check(worse, "regression.answer");
        Assert.Equal(Verdict.Fail, answer.Verdict);
        Assert.Equal(ComparisonVerdict.Regressed, answer.Comparison);
        Assert.StartsWith("answer: regressed: pass rate 100.0% → 80.0% (Δ −20.0 pts, 95% CI −", answer.Reason, StringComparison.Ordinal);
        // 12 cases passed before and fail now, none the other way: mid-p = 2·(2⁻¹² − ½·2⁻¹²) = 2⁻¹² ≈ 0.00024.
        Assert.Contains("McNemar exact mid-p p = 0.0002 (Holm ", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("), 60 paired cases; worse: q05, q10, q15, q20, q25, q30, q35, q40, q45, q50 (+2 more)", answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; if intended: evalharness accept " + Path.Combine(_workspace.Root, "eval-suites", "s", "suite.yaml").Replace('\\', '/') +
            " (or rerun with EVALHARNESS_ACCEPT=1)", answer.Reason, StringComparison.Ordinal);
        var overlap = Check(worse, "regression.overlap");
        Assert.Equal(Verdict.Fail, overlap.Verdict);
        Assert.Contains("Wilcoxon signed-rank (Pratt) p ", overlap.Reason, StringComparison.Ordinal);
        Assert.StartsWith("regressed: answer, overlap against ", Check(worse, "regression").Reason, StringComparison.Ordinal);
        Assert.Equal(1, new RunResult { RunId = "r", Suites = [worse] }.ExitCode);

        // The difference is shown, and proposed as a received baseline beside the verified one.
        Assert.Contains("verdict changed in 12 cases: q05 (pass → fail)", Check(worse, "baseline").Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(BaselineFiles.ReceivedBaseline(Baselines, "s")));
    }

    [Fact]
    public async Task ANoisierSystemThatIsNotWorseIsNeverRegressed()
    {
        await RunAsync(Good, AcceptLocally);

        // The extra word moves to other cases: 20 scores drop a little and 20 rise a little; nothing fails.
        var noisy = await RunAsync(Target(extra: c => Number(c) % 3 == 1), Local);

        Assert.NotEqual(Verdict.Fail, noisy.Verdict);
        Assert.All(Check(noisy, "regression").Metrics, m => Assert.NotEqual(ComparisonVerdict.Regressed, m.Verdict));
        Assert.Contains(Check(noisy, "regression").Comparison, new ComparisonVerdict?[] { ComparisonVerdict.Pass, ComparisonVerdict.Inconclusive });
    }

    [Fact]
    public async Task AWarningSeverityReportsARegressionWithoutFailing()
    {
        WriteSuite(gate: "gate:\n  regression: { severity: warning }\n");
        await RunAsync(Good, AcceptLocally);

        var worse = await RunAsync(Target(broken: c => Number(c) % 5 == 0), Local);

        var check = Check(worse, "regression.answer");
        Assert.Equal(Verdict.Pass, check.Verdict);
        Assert.Equal(RuleSeverity.Warning, check.Severity);
        Assert.StartsWith("warning: answer: regressed", check.Reason, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Fail, worse.Verdict);
    }

    [Fact]
    public async Task AcceptIsIgnoredInCi()
    {
        var result = await RunAsync(Good, new BaselineSettings { AcceptRequested = true, IsContinuousIntegration = true });

        Assert.False(File.Exists(BaselineFiles.VerifiedBaseline(Baselines, "s")));
        Assert.EndsWith("(EVALHARNESS_ACCEPT is ignored because CI is set)", Check(result, "baseline").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShardComparesItsCasesButWritesNoBaseline()
    {
        await RunAsync(Good, AcceptLocally);
        var before = File.ReadAllText(BaselineFiles.VerifiedBaseline(Baselines, "s"));

        var shard = await RunAsync(Target(extra: c => Number(c) % 2 == 0), AcceptLocally, new EvalRunOptions { Shard = new Shard(1, 2) });

        Assert.Equal(before, File.ReadAllText(BaselineFiles.VerifiedBaseline(Baselines, "s")));
        Assert.False(File.Exists(BaselineFiles.ReceivedBaseline(Baselines, "s")));
        Assert.Contains("a sharded run writes no baseline", Check(shard, "baseline").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("removed since the baseline", Check(shard, "regression").Reason, StringComparison.Ordinal);
        Assert.Equal(shard.Cases.Count, Check(shard, "regression").Metrics[0].Pairs);
    }

    [Theory]
    [InlineData("", Verdict.Inconclusive)]
    [InlineData("  different_ruler: fail\n", Verdict.Fail)]
    public async Task ADifferentRulerIsReportedNotSilentlyCompared(string setting, Verdict expected)
    {
        WriteSuite(gate: "gate:\n  regression: {}\n" + setting);
        await RunAsync(Good, AcceptLocally);
        WriteSuite(gate: "gate:\n  regression: {}\n" + setting, overlap: "  - token-f1: { metric: overlap, threshold: 0.9 }\n");

        var result = await RunAsync(Good, Local);

        var check = Check(result, "different_ruler");
        Assert.Equal(expected, check.Verdict);
        Assert.StartsWith("different ruler: rubric sha256:", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableBaselineIsAnError()
    {
        _workspace.Write("eval-suites/s/baselines/s.baseline.json", "{ not json");

        var result = await RunAsync(Good, Local);

        Assert.Equal(Verdict.Error, Check(result, "baseline").Verdict);
        Assert.StartsWith("the baseline cannot be read: ", Check(result, "baseline").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidRowsAreNotMistakenForRemovedCases()
    {
        await RunAsync(Good, AcceptLocally);
        File.AppendAllText(Path.Combine(_workspace.Root, "data.jsonl"), "{\"id\": broken\n");

        var result = await RunAsync(Good, AcceptLocally);

        Assert.Equal("not compared with the baseline: the dataset has 1 invalid row; fix them first", Check(result, "baseline").Reason);
        Assert.DoesNotContain(result.Gate.Checks, c => c.Name.StartsWith("regression", StringComparison.Ordinal));
        Assert.Equal(Cases, EvalHarness.Baselines.Baseline.Parse(File.ReadAllText(BaselineFiles.VerifiedBaseline(Baselines, "s")), "b").Cases.Count);
    }

    [Theory]
    [InlineData("1", null, true, false)]
    [InlineData("true", "true", false, true)]
    [InlineData("0", "false", false, false)]
    [InlineData(null, "1", false, true)]
    public void SettingsComeFromTheEnvironment(string? accept, string? ci, bool accepts, bool isCi)
    {
        var settings = BaselineSettings.FromEnvironment(name => name switch { "EVALHARNESS_ACCEPT" => accept, "CI" => ci, _ => null });

        Assert.Equal(accepts, settings.Accept);
        Assert.Equal(isCi, settings.IsContinuousIntegration);
    }

    [Fact]
    public async Task DriftIsAWarningUnlessItsSeverityIsCritical()
    {
        await RunAsync(Good, AcceptLocally);
        var broken = Target(broken: c => Number(c) <= 40);

        var warned = await RunAsync(broken, Local);
        WriteSuite(gate: "gate:\n  regression: { severity: warning }\n  drift: { severity: critical }\n");
        var failed = await RunAsync(broken, Local);

        var warning = Check(warned, "drift.overlap");
        Assert.Equal(Verdict.Pass, warning.Verdict);
        Assert.StartsWith("warning: critical drift: overlap: mean ", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("check first that the ruler is unchanged", warning.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, Check(failed, "drift.overlap").Verdict);
        Assert.Equal(Verdict.Fail, failed.Verdict);
    }

    [Fact]
    public async Task SnapshotsFailUntilAcceptedAndDanglingOnesFailInCi()
    {
        WriteSuite(gate: "gate:\n  snapshots: true\n");

        var first = await RunAsync(Good, Local);
        Assert.Equal(Verdict.Fail, Check(first, "snapshots").Verdict);
        Assert.StartsWith("60 of 60 outputs differ from their verified snapshots: q01 (new), ", Check(first, "snapshots").Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(BaselineFiles.ReceivedSnapshot(Baselines, "s", "q01")));

        await RunAsync(Good, AcceptLocally);
        Assert.Equal("alpha beta gamma delta epsilon 3 indeed", File.ReadAllText(BaselineFiles.VerifiedSnapshot(Baselines, "s", "q03")));
        var matching = await RunAsync(Good, Local);
        Assert.Equal("60 outputs match their verified snapshots", Check(matching, "snapshots").Reason);

        var changed = await RunAsync(Target(extra: c => Number(c) == 1 || Number(c) % 3 == 0), Local);
        Assert.Contains("q01 (line 1: expected \"alpha beta gamma delta epsilon 1\", got \"alpha beta gamma delta epsilon 1 indeed\")",
            Check(changed, "snapshots").Reason, StringComparison.Ordinal);

        _workspace.Write("eval-suites/s/baselines/s.q99.verified.txt", "a case that no longer exists");
        var local = await RunAsync(Good, Local);
        var ci = await RunAsync(Good, Ci);
        Assert.StartsWith("warning: 1 verified snapshot has no matching case", Check(local, "dangling_snapshots").Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, Check(ci, "dangling_snapshots").Verdict);

        await RunAsync(Good, AcceptLocally);
        Assert.False(File.Exists(Path.Combine(Baselines, "s.q99.verified.txt")));
    }
}
