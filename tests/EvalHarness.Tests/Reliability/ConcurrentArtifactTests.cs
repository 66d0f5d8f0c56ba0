using System.Text.Json;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Tests.Reliability;

/// <summary>Two shards writing artifacts into the same folder at once: neither fails, neither run folder is touched by the other,
/// the shared history keeps one whole line per run and <c>latest</c> ends up pointing at one complete run.</summary>
public sealed class ConcurrentArtifactTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static RunResult Run(int shard, int iteration) => new()
    {
        RunId = "20261122-000000-" + shard + iteration.ToString("x3", System.Globalization.CultureInfo.InvariantCulture),
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch,
        Mode = EvalMode.Replay,
        Shard = new Shard(shard, 2),
        Suites = [new SuiteResult { Name = "s", File = "s.yaml", Cases = [new CaseResult { Id = "shard" + shard + "-" + iteration, Verdict = Verdict.Pass }] }],
    };

    [Fact]
    public async Task TwoShardsWritingAtOnceNeverCorruptEachOtherOrTheSharedFiles()
    {
        const int Iterations = 15;
        var root = Path.Combine(_workspace.Root, "artifacts");
        var runs = Enumerable.Range(1, 2).SelectMany(s => Enumerable.Range(0, Iterations).Select(i => Run(s, i))).ToList();

        using var start = new Barrier(2);
        await Task.WhenAll(Enumerable.Range(1, 2).Select(shard => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            foreach (var run in runs.Where(r => r.Shard!.Value.Index == shard))
            {
                ArtifactWriter.Write(run, root);
            }
        }, TestContext.Current.CancellationToken)));

        foreach (var run in runs)
        {
            var folder = Path.Combine(root, run.RunId);
            var back = ResultsJsonReader.Read(Path.Combine(folder, "results.json"));
            Assert.Equal(run.Suites[0].Cases[0].Id, back.Suites.Single().Cases.Single().Id);
            Assert.Equal(["report.html", "results.csv", "results.json", "summary.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }

        var history = File.ReadAllLines(Path.Combine(root, RunHistory.FileName));
        Assert.Equal(runs.Count, history.Length);
        Assert.All(history, line => JsonDocument.Parse(line).Dispose());
        var latest = ResultsJsonReader.Read(Path.Combine(root, "latest", "results.json"));
        Assert.Contains(latest.RunId, runs.Select(r => r.RunId));
        Assert.DoesNotContain(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
