using System.Text.Json.Nodes;
using EvalHarness.Judging;
using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;

namespace EvalHarness.Tests.Judging;

/// <summary>Judge calls are recorded and replayed like the system under test's, keyed by prompt text and metric version; prompts are overridable per suite.</summary>
public sealed class JudgeRecordingTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string SuiteFile(string metrics)
    {
        _workspace.Write("datasets/faq.jsonl", "{\"id\":\"refund\",\"input\":\"How long do refunds take?\",\"answer\":\"14 days\"}\n");
        return _workspace.Write("eval-suites/faq/suite.yaml",
            "name: faq\ndataset: ../../datasets/faq.jsonl\nmapping: { expected: answer }\ntarget: { output: answer }\n" +
            "judge: { model: judge-model, temperature: 0, seed: 7 }\nmetrics:\n" + metrics);
    }

    private static Task<MetricResult> Evaluate(IMetric metric) =>
        metric.EvaluateAsync(new MetricContext(new EvalCase("refund", "How long do refunds take?", expected: "14 days"), "Refunds take 14 days.", null, CallMeasurements.None),
            TestContext.Current.CancellationToken).AsTask();

    private static JudgeConfiguration ForSuite(Suite suite, Microsoft.Extensions.AI.IChatClient endpoint, EvalMode mode) =>
        JudgeConfiguration.ForSuite(suite, endpoint, mode, ResilienceTestKit.Options(new InstantTimeProvider()), _ => null);

    [Fact]
    public async Task JudgeCalls_AreRecordedUnderTheCase_AndReplayWithoutTheEndpoint()
    {
        var suite = Suite.Load(SuiteFile("  - relevance\n  - correctness\n"));
        MetricResult[] recorded;
        await using (var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"Right.\", \"score\": 4}")))
        {
            var judge = ForSuite(suite, ResilienceTestKit.Endpoint(server), EvalMode.Record);
            recorded = await Task.WhenAll(judge.Bind(suite.Metrics).Select(Evaluate));
            Assert.Equal(2, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal(7, r.GetProperty("seed")!.Value.GetInt32()));
        }

        var files = Directory.GetFiles(Path.Combine(suite.RecordingsDirectory));
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.StartsWith("refund.", Path.GetFileName(f), StringComparison.Ordinal));
        var requests = files.Select(f => JsonNode.Parse(File.ReadAllText(f))!["request"]!["options"]!["additional"]!.AsObject()).ToArray();
        Assert.Equal(["correctness@1", "relevance@1"], requests.Select(r => r["evalharness.judge.metric"]!.GetValue<string>()).Order());
        Assert.Contains(requests, r => r["evalharness.judge.prompt_hash"]!.GetValue<string>() == JudgePrompt.BuiltIn("relevance.md").Hash);

        var replayJudge = ForSuite(suite, new UnconfiguredChatClient("no judge endpoint in CI"), EvalMode.Replay);
        var replayed = await Task.WhenAll(replayJudge.Bind(suite.Metrics).Select(Evaluate));

        Assert.Equal(recorded.Select(r => (r.Verdict, r.Score, r.Reason)), replayed.Select(r => (r.Verdict, r.Score, r.Reason)));
        Assert.All(replayed, r => Assert.True(r.JudgeMeasurements!.Replayed));
    }

    [Fact]
    public async Task AChangedPrompt_IsNotReplayedFromTheOldRecording()
    {
        _workspace.Write("eval-suites/faq/prompts/relevance.md", "Rate {{output}} for {{input}} from 1 to 5 as JSON {\"score\": n}.\n");
        var path = SuiteFile("  - relevance: { prompt: prompts/relevance.md }\n");
        await using (var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"score\": 5}")))
        {
            var suite = Suite.Load(path);
            var result = await Evaluate(ForSuite(suite, ResilienceTestKit.Endpoint(server), EvalMode.Record).Bind(suite.Metrics)[0]);
            Assert.Equal(Verdict.Pass, result.Verdict);
            Assert.Equal("Rate Refunds take 14 days. for How long do refunds take? from 1 to 5 as JSON {\"score\": n}.\n", server.Requests[0].Messages[0].Content);
            Assert.Equal("prompts/relevance.md", result.Details[JudgeDetails.Prompt]);
        }

        _workspace.Write("eval-suites/faq/prompts/relevance.md", "Rate {{output}} strictly, 1 to 5, as JSON {\"score\": n}.\n");
        var edited = Suite.Load(path);
        var replayed = await Evaluate(ForSuite(edited, new UnconfiguredChatClient("none"), EvalMode.Replay).Bind(edited.Metrics)[0]);

        Assert.Equal(Verdict.Error, replayed.Verdict);
        Assert.Equal("recording", replayed.Details[JudgeDetails.ErrorKind]);
        Assert.Contains("no recording for case 'refund'", replayed.Reason, StringComparison.Ordinal);
        Assert.Contains("EVALHARNESS_MODE=record evalharness run", replayed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APromptOverride_WithAnUnknownPlaceholder_FailsTheLoadAtItsLineAndColumn()
    {
        _workspace.Write("eval-suites/faq/prompts/relevance.md", "Rate the answer.\nQuestion: {{question}}\nAnswer: {{output}}\n");
        var path = SuiteFile("  - relevance: { prompt: prompts/relevance.md }\n");

        var error = Assert.Throws<EvalConfigurationException>(() => Suite.Load(path));

        var message = Assert.Single(error.Errors).ToString();
        Assert.EndsWith("eval-suites/faq/prompts/relevance.md(2,11): error EVH014: metrics[0].relevance.prompt: unknown placeholder '{{question}}' in a judge prompt; " +
            "use input, output, expected, context, criteria, steps, conversation, response_a, response_b, id, problem, format, vars.<name> or metadata.<name>",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPromptFile_OrOneThatNeverShowsTheOutput_FailsTheLoad()
    {
        _workspace.Write("eval-suites/faq/prompts/blind.md", "Rate {{input}} as JSON.\n");

        var missing = Assert.Throws<EvalConfigurationException>(() => Suite.Load(SuiteFile("  - relevance: { prompt: prompts/nope.md }\n")));
        var blind = Assert.Throws<EvalConfigurationException>(() => Suite.Load(SuiteFile("  - coherence: { prompt: prompts/blind.md }\n")));

        Assert.Contains("suite.yaml(7,26): error EVH005: metrics[0].relevance.prompt: prompt file 'prompts/nope.md' not found (resolved relative to ", missing.Message, StringComparison.Ordinal);
        Assert.Contains("error EVH005: metrics[0].coherence.prompt: prompt file 'prompts/blind.md' never shows the judge what to score: it needs {{output}}", blind.Message,
            StringComparison.Ordinal);
    }
}
