using EvalHarness.Baselines;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Resilience;
using EvalHarness.Running;
using EvalHarness.Testing;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// A run cancelled part-way (what SIGINT does to the CLI) returns partial results marked incomplete, never taken for a full run: its gate
/// is an error, results.json says so, existing baselines and recordings are left as they were, and no temporary file is left behind.
/// </summary>
public sealed class InterruptedRunTests : IDisposable
{
    private const int Cases = 30;
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string Suite(FakeOpenAIServer server)
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(0, Cases).Select(i => "{\"id\":\"c" + i + "\",\"input\":\"q" + i + "\"}")) + "\n");
        return _workspace.Write("eval-suites/stop/suite.yaml",
            "name: stop\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m }\nmax_concurrency: 2\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: ANSWER\n");
    }

    private static EvalRunOptions Options(EvalMode mode) => new()
    {
        Mode = mode,
        ChatClientFactory = OpenAIChatClientFactory.ForSuites(_ => null),
        Resilience = new ResilienceOptions { MaxRetries = 0 },
    };

    private Dictionary<string, byte[]> Snapshot(params string[] excluded) =>
        Directory.EnumerateFiles(_workspace.Root, "*", SearchOption.AllDirectories)
            .Where(f => !excluded.Any(e => f.Contains(e, StringComparison.Ordinal)))
            .ToDictionary(f => Path.GetRelativePath(_workspace.Root, f), File.ReadAllBytes, StringComparer.Ordinal);

    [Fact]
    public async Task ACancelledRunIsMarkedIncompleteAndLeavesBaselinesAndRecordingsIntact()
    {
        var requests = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cancelling = false;
        await using var server = FakeOpenAIServer.Start(request =>
        {
            // A full run first; during the second run the 6th request pulls the plug while it is still unanswered.
            if (Volatile.Read(ref cancelling) && Interlocked.Increment(ref requests) == 6)
            {
                _ = Task.Run(stop.Cancel, CancellationToken.None);
                return FakeReply.Text("ANSWER late").WithDelay(TimeSpan.FromSeconds(30));
            }

            return FakeReply.Text("ANSWER " + request.Messages[^1].Content);
        });
        var suite = Suite(server);

        var full = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Record), new BaselineSettings { AcceptRequested = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(full.Complete);
        Assert.Equal(Cases, full.Suites.Single().Cases.Count);
        var before = Snapshot("artifacts");
        Assert.Contains(before.Keys, k => k.Contains("baselines", StringComparison.Ordinal));
        Assert.Equal(Cases, before.Keys.Count(k => k.Contains("recordings", StringComparison.Ordinal)));

        Volatile.Write(ref cancelling, true);
        var run = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Live), new BaselineSettings { AcceptRequested = true },
            cancellationToken: stop.Token);
        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));

        var result = run.Suites.Single();
        Assert.False(run.Complete);
        Assert.False(result.Complete);
        Assert.InRange(result.Cases.Count, 1, Cases - 1);
        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.Contains(result.Gate.Checks, c => c.Name == "complete" && c.Verdict == Verdict.Error);
        Assert.DoesNotContain(result.Cases, c => c.ErrorKind == CaseErrorKind.Infrastructure);
        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);

        var back = ResultsJsonReader.Read(Path.Combine(folder, "results.json"));
        Assert.False(back.Complete);
        Assert.Equal(Verdict.Error, back.Suites.Single().Verdict);

        // Baselines (accept was requested) and recordings are byte for byte what the full run left.
        var after = Snapshot("artifacts");
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(after[kv.Key]), kv.Key + " changed"));
        Assert.DoesNotContain(Directory.EnumerateFiles(_workspace.Root, "*", SearchOption.AllDirectories),
            f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.Contains(".received.", StringComparison.Ordinal));
    }
}
