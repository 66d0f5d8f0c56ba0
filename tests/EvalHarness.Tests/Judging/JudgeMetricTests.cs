using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Judging;
using EvalHarness.Recording;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>What judge metrics send, what they need from a case, and how they fail closed.</summary>
public sealed class JudgeMetricTests
{
    private const string Five = "{\"reasoning\": \"Fully addresses the question.\", \"score\": 5}";

    [Fact]
    public async Task AJudgeCall_AsksForJsonAtTemperature0WithASeed_AndShowsTheJudgeTheCase()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));

        var result = await Evaluate(Create("faithfulness", Judge(server, time)));

        var request = Assert.Single(server.Requests);
        Assert.Equal("judge-model", request.Model);
        Assert.Equal(0, request.GetProperty("temperature")!.Value.GetDouble());
        Assert.Equal(JudgeOptions.DefaultSeed, request.GetProperty("seed")!.Value.GetInt32());
        Assert.Equal("json_object", request.GetProperty("response_format")!.Value.GetProperty("type").GetString());
        var prompt = Assert.Single(request.Messages).Content!;
        Assert.Contains("[1] Refunds are paid within 14 days of the return arriving.\n\n[2] Shipping is free.", prompt, StringComparison.Ordinal);
        Assert.Contains(Output, prompt, StringComparison.Ordinal);
        Assert.Contains("How long do refunds take?", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", prompt, StringComparison.Ordinal);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal((1.0, 5.0, "1..5"), (result.Score!.Value, result.RawValue!.Value, result.Scale!));
        Assert.Equal("faithfulness 1 (judge: 5 on 1..5) >= threshold 0.75: Fully addresses the question.", result.Reason);
        Assert.Equal("Fully addresses the question.", result.Details[JudgeDetails.Reasoning]);
        Assert.Equal("faithfulness@1", result.Details[JudgeDetails.MetricVersion]);
        Assert.Equal("built-in:faithfulness.md", result.Details[JudgeDetails.Prompt]);
        Assert.Equal(JudgePrompt.BuiltIn("faithfulness.md").Hash, result.Details[JudgeDetails.PromptHash]);
        Assert.Equal("judge-model", result.Details[JudgeDetails.Model]);
    }

    [Theory]
    [InlineData(4, 0.75, Verdict.Pass)]
    [InlineData(3, 0.5, Verdict.Fail)]
    [InlineData(1, 0.0, Verdict.Fail)]
    public async Task ScoresAreNormalisedFromTheirScale_AndTheRawValueIsKept(int raw, double score, Verdict verdict)
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"r\", \"score\": \"" + raw + "\"}"));

        var result = await Evaluate(Create("correctness", Judge(server, time)));

        Assert.Equal((score, (double)raw, verdict), (result.Score!.Value, result.RawValue!.Value, result.Verdict));
    }

    [Fact]
    public async Task AnAnswerUsableOnlyAfterTheRepairRequest_IsScored_AndKeepsTheFirstAnswer()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("The response is excellent, I'd give it top marks."), FakeReply.Text("```json\n" + Five + "\n```"));

        var result = await Evaluate(Create("relevance", Judge(server, time)));

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal("true", result.Details[JudgeDetails.Repaired]);
        Assert.Equal("The response is excellent, I'd give it top marks.", result.Details[JudgeDetails.Raw]);
        Assert.Equal("2", result.Details[JudgeDetails.Calls]);
        var repair = server.Requests[1].Messages;
        Assert.Equal(["user", "assistant", "user"], repair.Select(m => m.Role));
        Assert.Equal("The response is excellent, I'd give it top marks.", repair[1].Content);
        Assert.StartsWith("Your previous answer could not be used: the answer contains no JSON object with 'score'", repair[2].Content, StringComparison.Ordinal);
        Assert.Contains("{\"reasoning\": \"<one or two sentences>\", \"score\": <integer from 1 to 5>}", repair[2].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AContentFilteredAnswer_IsAnError()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Text(string.Empty).WithFinishReason("content_filter"));

        var result = await Evaluate(Create("fluency", Judge(server, time)));

        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.Contains("content filter", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInputs_AreErrorsNamingTheDatasetLine_AndNoCallIsMade()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));
        var judge = Judge(server, time);
        var bare = new EvalCase("bare", "How long do refunds take?", source: new EvalHarness.Suites.SourceLocation("datasets/judged.jsonl", 9, 1));

        var faithfulness = await Evaluate(Create("faithfulness", judge), bare);
        var correctness = await Evaluate(Create("correctness", judge), bare);
        var hallucination = await Evaluate(Create("hallucination", judge), bare);
        var pairwise = await Evaluate(Create("pairwise: { field: baseline }", judge), bare);

        Assert.Equal("faithfulness needs context passages, but the case has none: map 'context:' in the suite or give the metric 'context: <field>' (datasets/judged.jsonl(9,1))",
            faithfulness.Reason);
        Assert.StartsWith("correctness needs a reference answer: the case has no 'expected' value", correctness.Reason, StringComparison.Ordinal);
        Assert.StartsWith("hallucination needs context passages or a reference answer", hallucination.Reason, StringComparison.Ordinal);
        Assert.StartsWith("pairwise needs the other response to compare with: field 'baseline' is missing", pairwise.Reason, StringComparison.Ordinal);
        Assert.All([faithfulness, correctness, hallucination, pairwise], r => Assert.Equal((Verdict.Error, "input"), (r.Verdict, r.Details[JudgeDetails.ErrorKind])));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TheContextParameter_TakesPassagesFromAField()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));
        var fields = new JsonObject { ["docs"] = new JsonArray(new JsonObject { ["text"] = "Doc one." }, new JsonObject { ["text"] = "Doc two." }) };

        await Evaluate(Create("faithfulness: { context: \"docs[*].text\" }", Judge(server, time)), Case(fields: fields));

        Assert.Contains("[1] Doc one.\n\n[2] Doc two.", server.Requests[0].Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetricWithoutAJudge_IsAnError_NeverAPass()
    {
        var result = await Evaluate(Create("relevance", judge: null));

        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.StartsWith("no judge is bound to this metric", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindingAJudge_ReplacesOnlyJudgeMetrics()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));
        var judge = Judge(server, time);
        var heuristic = Create("contains: { value: refund }", null);
        var unbound = Create("relevance", null);

        var bound = judge.Bind([heuristic, unbound]);

        Assert.Same(heuristic, bound[0]);
        Assert.Equal(Verdict.Pass, (await Evaluate(bound[1])).Verdict);
        Assert.Equal("judge-model", ((IJudgeMetric)bound[1]).Provenance.Model);
        Assert.Null(((IJudgeMetric)unbound).Provenance.Model);
    }

    [Fact]
    public async Task WithNoEndpointAndNoRecording_TheCaseIsNotJudged_AndSaysWhy()
    {
        var judge = new JudgeConfiguration(new UnconfiguredChatClient("EVALHARNESS_JUDGE_MODEL is not set"), new JudgeOptions { Model = "judge-model" });

        var result = await Evaluate(Create("coherence", judge));

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal("skipped: the judge call has no recording and no judge endpoint is configured: EVALHARNESS_JUDGE_MODEL is not set", result.Reason);
    }

    [Fact]
    public async Task PerMetricModel_OverridesTheSuites_AndTheEnvironmentOverridesBoth()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));

        await Evaluate(Create("relevance: { model: big-judge }", Judge(server, time, new JudgeOptions { Model = "suite-judge" })));
        await Evaluate(Create("relevance", Judge(server, time, new JudgeOptions { Model = "suite-judge" })));
        await Evaluate(Create("relevance: { model: big-judge }", Judge(server, time, new JudgeOptions { Model = "suite-judge", ModelOverride = "env-judge" })));

        Assert.Equal(["big-judge", "suite-judge", "env-judge"], server.Requests.Select(r => r.Model));
    }

    [Fact]
    public async Task StructuredOutput_SendsTheMetricsSchema()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"ok\", \"coherence\": 4, \"goal_completion\": 2}"));

        var result = await Evaluate(Create("conversation", Judge(server, time, new JudgeOptions { OutputMode = JudgeOutputMode.JsonSchema })));

        var format = server.Requests[0].GetProperty("response_format")!.Value;
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var schema = format.GetProperty("json_schema").GetProperty("schema");
        Assert.Equal(["reasoning", "coherence", "goal_completion"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, schema.GetProperty("properties").GetProperty("coherence").GetProperty("maximum").GetInt32());
        Assert.Equal((0.5, "4", "2"), (result.Score!.Value, result.Details["judge.coherence"], result.Details["judge.goal_completion"]));
    }

    [Fact]
    public async Task TextOutputMode_SendsNoResponseFormat()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));

        await Evaluate(Create("relevance", Judge(server, time, new JudgeOptions { OutputMode = JudgeOutputMode.Text })));

        Assert.Null(server.Requests[0].GetProperty("response_format"));
    }

    [Fact]
    public async Task Conversation_ShowsEveryTurnWithTheOutputAsTheLastAssistantTurn()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"ok\", \"coherence\": 5, \"goal_completion\": 5}"));

        await Evaluate(Create("conversation", Judge(server, time)));

        Assert.Contains("[user] I want a refund.\n\n[assistant] Sure, which order?\n\n[user] How long do refunds take?\n\n[assistant] " + Output,
            server.Requests[0].Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RubricSteps_AreDerivedOncePerRubric_AndUsedForEveryCase()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(r => FakeReply.Text(IsStepsRequest(r) ? Steps : Five));
        var judge = Judge(server, time);
        var metric = Create("rubric: { criteria: \"Polite, and names the refund window.\" }", judge);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Evaluate(metric, Case("case-" + i))));

        Assert.Single(server.Requests, IsStepsRequest);
        Assert.Equal(7, server.Requests.Count);
        Assert.Contains("CRITERIA:\n<<<\nPolite, and names the refund window.\n>>>", server.Requests.Single(IsStepsRequest).Messages[0].Content, StringComparison.Ordinal);
        Assert.All(server.Requests.Where(r => !IsStepsRequest(r)), r =>
            Assert.Contains("EVALUATION STEPS:\n1. Check the refund window is named.\n2. Check the tone is polite.", r.Messages[0].Content, StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal("Check the refund window is named.\nCheck the tone is polite.", r.Details[JudgeDetails.Steps]));
        Assert.All(results, r => Assert.StartsWith("sha256:", r.Details[JudgeDetails.RubricHash], StringComparison.Ordinal));

        // The derivation's usage is charged once, to the case that ran it.
        Assert.Equal(7, results.Sum(r => int.Parse(r.Details[JudgeDetails.Calls], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task RubricStepsGivenInTheSuite_AreUsedWithoutDerivation()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));

        var result = await Evaluate(Create("rubric: { criteria: \"Be brief.\", steps: [\"Count the sentences.\", \"Three or fewer passes.\"] }", Judge(server, time)));

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Contains("1. Count the sentences.\n2. Three or fewer passes.", Assert.Single(server.Requests).Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeUsage_IsReportedApartFromTheSystemUnderTest()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five, promptTokens: 120, completionTokens: 30));
        var sut = new CallMeasurements { LatencyMs = 800, Usage = new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 }, ModelId = "app-model" };
        var metric = Create("relevance: { samples: 3 }", Judge(server, time));

        var result = await metric.EvaluateAsync(new MetricContext(Case(), Output, null, sut), TestContext.Current.CancellationToken);

        Assert.Equal((360L, 90L), (result.JudgeMeasurements!.Usage!.InputTokenCount!.Value, result.JudgeMeasurements.Usage.OutputTokenCount!.Value));
        Assert.Equal("judge-model", result.JudgeMeasurements.ModelId);
        Assert.Null(result.JudgeMeasurements.Cost);
        Assert.Equal((7L, 800.0), (sut.Usage.InputTokenCount!.Value, sut.LatencyMs!.Value));
    }

    [Fact]
    public async Task CalibrationLabels_AreReadFromTheCase_AndCompared()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text(Five));
        var metric = Create("relevance: { human_label: human }", Judge(server, time));

        var agrees = await Evaluate(metric, Case(fields: new JsonObject { ["human"] = "pass" }));
        var disagrees = await Evaluate(metric, Case(fields: new JsonObject { ["human"] = 2 }));
        var unlabelled = await Evaluate(metric, Case(fields: new JsonObject()));
        var unreadable = await Evaluate(metric, Case(fields: new JsonObject { ["human"] = "maybe" }));

        Assert.Equal(("pass", "true"), (agrees.Details[JudgeDetails.HumanLabel], agrees.Details[JudgeDetails.Agrees]));
        Assert.Equal(("fail", "false"), (disagrees.Details[JudgeDetails.HumanLabel], disagrees.Details[JudgeDetails.Agrees]));
        Assert.False(unlabelled.Details.ContainsKey(JudgeDetails.HumanLabel));
        Assert.StartsWith("field 'human' is \"maybe\" (datasets/judged.jsonl(7,1)); use true/false, pass/fail", unreadable.Details[JudgeDetails.LabelError], StringComparison.Ordinal);
        Assert.Equal(new CalibrationSettings("human"), ((IJudgeMetric)metric).Calibration);
    }

    [Fact]
    public void TheParserReadsJsonInEveryShapeJudgesWriteIt()
    {
        var scale = JudgeScale.OneToFive;

        Assert.Equal(4, JudgeAnswerParser.Scores("{\"score\": 4}", scale).Value!.Raw);
        Assert.Equal(4, JudgeAnswerParser.Scores("```json\n{\"score\": 4, \"reasoning\": \"x\"}\n```", scale).Value!.Raw);
        Assert.Equal(3.5, JudgeAnswerParser.Scores("Verdict: {\"reasoning\": \"meh\", \"score\": \"3.5\"} — done", scale).Value!.Raw);
        Assert.Equal("the JSON has no 'score' (found: 'rating')", JudgeAnswerParser.Scores("{\"rating\": 4}", scale).Problem);
        Assert.Equal("'score' is \"high\", not a number", JudgeAnswerParser.Scores("{\"score\": \"high\"}", scale).Problem);
        Assert.Equal("the answer is empty", JudgeAnswerParser.Scores("  ", scale).Problem);
        var outOfRange = JudgeAnswerParser.Scores("{\"score\": 0}", scale);
        Assert.Equal(("'score' is 0, outside the scale 1..5", false), (outOfRange.Problem, outOfRange.Repairable));
        Assert.Equal("tie", JudgeAnswerParser.Winner("{\"winner\": \"TIE\"}").Value!.Winner);
        Assert.Equal("B", JudgeAnswerParser.Winner("{\"winner\": \"Response B\"}").Value!.Winner);
    }
}
