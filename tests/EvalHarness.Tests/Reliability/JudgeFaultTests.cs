using System.Collections.Concurrent;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Resilience;
using EvalHarness.Running;
using EvalHarness.Testing;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// A whole run (EvalRun, the real OpenAI client for the judge, ArtifactWriter, ResultsJsonReader) whose judge endpoint answers some cases in
/// prose or JSON without a score, even when asked again: those cases are errors, never passes, one for each fault, and the run is not exit 3.
/// </summary>
public sealed class JudgeFaultTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // Each case's kind is in its input, which the judge prompt quotes (the repair request repeats the conversation, so it is there too).
    private static string KindOf(FakeChatRequest request)
    {
        var text = string.Join("\n", request.Messages.Select(m => m.Content));
        return new[] { "kind=prose-always", "kind=noscore-always", "kind=prose-once" }.FirstOrDefault(k => text.Contains(k, StringComparison.Ordinal)) ?? "kind=valid";
    }

    private static string CaseOf(FakeChatRequest request)
    {
        var text = string.Join("\n", request.Messages.Select(m => m.Content));
        var start = text.IndexOf("case#", StringComparison.Ordinal);
        return text[start..text.IndexOf('#', start + 5)];
    }

    [Fact]
    public async Task JudgeAnswersWithoutAScoreEvenAfterRepairAreErrorsOneForEachFaultAndTheRunIsNotExitThree()
    {
        const int cases = 40;
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var judge = FakeOpenAIServer.Start(request =>
        {
            var attempt = attempts.AddOrUpdate(CaseOf(request), 1, (_, n) => n + 1);
            return KindOf(request) switch
            {
                "kind=prose-always" => FakeReply.Text("This answer is quite relevant and addresses the question well; I would rate it highly."),
                "kind=noscore-always" => FakeReply.Text("{\"reasoning\": \"addresses the question\"}"),
                "kind=prose-once" when attempt == 1 => FakeReply.Text("Looks fine to me."),
                _ => FakeReply.Text("{\"reasoning\": \"on topic\", \"score\": 5}"),
            };
        });
        var kinds = new[] { "valid", "prose-always", "valid", "noscore-always", "prose-once" };
        string Kind(int i) => kinds[i % kinds.Length];
        _workspace.Write("data.jsonl", string.Concat(Enumerable.Range(0, cases).Select(i =>
            "{\"id\":\"c" + i + "\",\"input\":\"case#" + i + "# kind=" + Kind(i) + " How long is the refund window?\",\"output\":\"Refunds within 30 days.\"}\n")));
        var suite = _workspace.Write("eval-suites/judged/suite.yaml",
            "name: judged\ndataset: ../../data.jsonl\ntarget: { output: output }\nmax_concurrency: 8\n" +
            "judge: { base_url: \"" + judge.BaseUrl + "\", model: judge-model }\nmetrics:\n  - relevance\n");
        var options = new EvalRunOptions
        {
            Mode = EvalMode.Live,
            JudgeClientFactory = OpenAIChatClientFactory.ForJudges(_ => null),
            Resilience = new ResilienceOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), UseJitter = false },
        };

        var run = await EvalRun.ExecuteAsync([suite], options, cancellationToken: TestContext.Current.CancellationToken);

        var results = run.Suites.Single().Cases;
        var faulted = Enumerable.Range(0, cases).Where(i => Kind(i) is "prose-always" or "noscore-always").Select(i => "c" + i).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(cases, results.Count);
        Assert.Equal(faulted.Count, results.Count(c => c.Verdict == Verdict.Error));
        Assert.All(results, c =>
        {
            var metric = Assert.Single(c.Metrics);
            if (faulted.Contains(c.Id))
            {
                Assert.True(c.Verdict == Verdict.Error && metric.Verdict == Verdict.Error, c.Id + ": " + c.Verdict + " " + metric.Reason);
                Assert.False(metric.IsInfrastructureError);
                Assert.Null(metric.Score);
                Assert.Contains("repair", metric.Reason, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(c.Verdict == Verdict.Pass, c.Id + ": " + c.Verdict + " " + metric.Reason);
            }

            Assert.NotEqual(CaseErrorKind.Infrastructure, c.ErrorKind);
        });

        // One request per case, plus exactly one repair request for each case whose first answer had no score.
        Assert.All(Enumerable.Range(0, cases), i => Assert.Equal(Kind(i) == "valid" ? 1 : 2, attempts["case#" + i]));
        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);

        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));
        var back = ResultsJsonReader.Read(Path.Combine(folder, "results.json"));
        Assert.True(back.Complete);
        Assert.Equal(run.ExitCode, back.ExitCode);
        Assert.Equal(
            results.Select(c => (c.Id, c.Verdict, c.Metrics.Single().Verdict, c.Metrics.Single().Score)),
            back.Suites.Single().Cases.Select(c => (c.Id, c.Verdict, c.Metrics.Single().Verdict, c.Metrics.Single().Score)));
    }
}
