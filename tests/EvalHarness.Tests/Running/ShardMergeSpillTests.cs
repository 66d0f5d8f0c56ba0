using System.Globalization;
using EvalHarness.Baselines;
using EvalHarness.Merging;
using EvalHarness.Running;

namespace EvalHarness.Tests.Running;

/// <summary>
/// Merging shards of a large suite streams their cases into dataset order (spilling past 2,000 like a run) and must give what the
/// unsharded run gives: the same cases in the same order, the same aggregates and the same gate.
/// </summary>
public sealed class ShardMergeSpillTests : IDisposable
{
    private const int Rows = 2_600;
    private readonly TempWorkspace _workspace = new();
    private readonly string _suiteFile;

    public ShardMergeSpillTests()
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(0, Rows).Select(Row)) + "\n");
        _suiteFile = _workspace.Write("eval-suites/merge/suite.yaml",
            "name: merge\ndataset: ../../data.jsonl\ntarget: { output: output }\nmax_concurrency: 8\nmetrics:\n" +
            "  - contains: { field: expected, metric: answer }\n" +
            "gate:\n  min_pass_rate: 0.7\n");
    }

    public void Dispose() => _workspace.Dispose();

    // Every 4th row answers wrongly; ids are not in line order (a merge must follow lines, not ids).
    private static string Row(int i) =>
        "{\"id\":\"r" + ((i * 7919) % Rows).ToString("D4", CultureInfo.InvariantCulture) + "\",\"input\":\"q" + i + "\",\"expected\":\"answer " + i +
        "\",\"output\":\"" + (i % 4 == 3 ? "no idea" : "the answer " + i + " it is") + "\"}";

    private Task<RunResult> RunAsync(Shard? shard) =>
        EvalRun.ExecuteAsync([_suiteFile], new EvalRunOptions { Shard = shard, ArtifactsDirectory = Path.Combine(_workspace.Root, "artifacts") }, new BaselineSettings());

    [Fact]
    public async Task ThreeMergedShardsOfALargeSuiteEqualTheUnshardedRunAndStaySpilled()
    {
        var whole = await RunAsync(null);
        var shards = new List<RunResult>();
        for (var i = 1; i <= 3; i++)
        {
            shards.Add(await RunAsync(Shard.Parse(i + "/3")));
        }

        var merged = RunMerger.Merge(shards).Suites.Single();
        var expected = whole.Suites.Single();

        Assert.All(shards, s => Assert.InRange(s.Suites.Single().Cases.Count, 700, 1_000));
        Assert.IsType<CaseResultStore.SpilledCaseList>(merged.Cases);
        Assert.Equal(Rows, merged.Cases.Count);
        Assert.Equal(expected.Cases.Select(c => (c.Id, c.Line, c.Verdict, c.Output)), merged.Cases.Select(c => (c.Id, c.Line, c.Verdict, c.Output)));
        Assert.Equal(Enumerable.Range(1, Rows), merged.Cases.Select(c => c.Line));
        Assert.Equal(expected.Aggregates.Passed, merged.Aggregates.Passed);
        Assert.Equal(Rows / 4, merged.Aggregates.Failed);
        Assert.Equal(expected.Gate.Verdict, merged.Gate.Verdict);
        Assert.Equal(expected.Gate.Checks.Select(c => (c.Name, c.Verdict, c.Reason)), merged.Gate.Checks.Select(c => (c.Name, c.Verdict, c.Reason)));
    }
}
