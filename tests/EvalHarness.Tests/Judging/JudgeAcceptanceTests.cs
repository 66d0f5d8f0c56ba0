using EvalHarness.Judging;
using EvalHarness.Resilience;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>
/// Every judge metric against a real OpenAI-protocol server on 127.0.0.1, streaming and not, for every scripted answer and fault in the
/// acceptance criteria: each ends in its documented verdict (docs/judges.md, "What each judge answer becomes"), none is a silent pass.
/// </summary>
public sealed class JudgeAcceptanceTests
{
    private static readonly string[] Metrics =
        ["relevance", "faithfulness", "hallucination", "correctness", "completeness", "coherence", "fluency", "rubric", "pairwise", "conversation"];

    public static TheoryData<string, JudgeScenario, bool> Rows()
    {
        var rows = new TheoryData<string, JudgeScenario, bool>();
        foreach (var metric in Metrics)
        {
            foreach (var scenario in Enum.GetValues<JudgeScenario>())
            {
                rows.Add(metric, scenario, false);
                rows.Add(metric, scenario, true);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EveryJudgeAnswerAndFault_EndsInItsDocumentedVerdict(string metricName, JudgeScenario scenario, bool streaming)
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(JudgeScript.For(scenario));
        var resilience = ResilienceTestKit.Options(time, maxRetries: scenario == JudgeScenario.SlowResponse ? 1 : 2) with
        {
            AttemptTimeout = scenario == JudgeScenario.SlowResponse ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(30),
        };
        var judge = Judge(server, time, new JudgeOptions { Streaming = streaming }, resilience);
        var metric = Create(Entry(metricName), judge);

        var result = await Evaluate(metric);

        Assert.Equal(metricName, result.Name);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.All(server.Requests, r => Assert.Equal(streaming, r.Stream));
        var steps = metricName == "rubric" ? 1 : 0;
        var questions = metricName == "pairwise" ? 2 : 1;
        switch (scenario)
        {
            case JudgeScenario.ValidJson:
            case JudgeScenario.ProseAroundJson:
                Assert.Equal(Verdict.Pass, result.Verdict);
                Assert.Equal(ExpectedScore(metricName), result.Score);
                Assert.Equal(steps + questions, server.Requests.Count);
                Assert.False(result.Details.ContainsKey(JudgeDetails.Repaired));
                Assert.Equal((steps + questions).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Details[JudgeDetails.Calls]);
                Assert.Equal(10 * (steps + questions), result.JudgeMeasurements!.Usage!.InputTokenCount);
                Assert.Equal("judge-model", result.JudgeMeasurements.ModelId);
                Assert.Equal(0, result.JudgeMeasurements.Retries);
                break;
            case JudgeScenario.NoScore:
            case JudgeScenario.Refusal:
                Assert.Equal(Verdict.Error, result.Verdict);
                Assert.Equal(steps + (2 * questions), server.Requests.Count);
                Assert.Contains("even after one repair request", result.Reason, StringComparison.Ordinal);
                Assert.Contains(scenario == JudgeScenario.Refusal ? "refused" : "has no '", result.Reason, StringComparison.Ordinal);
                Assert.Equal("answer", result.Details[JudgeDetails.ErrorKind]);
                Assert.False(string.IsNullOrEmpty(result.Details[JudgeDetails.Raw]));
                Assert.False(string.IsNullOrEmpty(result.Details[JudgeDetails.RepairRaw]));
                Assert.False(result.IsInfrastructureError);
                break;
            case JudgeScenario.OutOfRange:
                Assert.Equal(Verdict.Error, result.Verdict);
                Assert.Equal(steps + questions, server.Requests.Count);
                Assert.Contains("out of range", result.Reason, StringComparison.Ordinal);
                Assert.Contains(metricName == "pairwise" ? "\"C\"" : metricName == "conversation" ? "9" : "7", result.Details[JudgeDetails.Raw], StringComparison.Ordinal);
                Assert.Null(result.Score);
                break;
            case JudgeScenario.RateLimitedThenAnswered:
                Assert.Equal(Verdict.Pass, result.Verdict);
                Assert.Equal(2 * (steps + questions), server.Requests.Count);
                Assert.Equal(steps + questions, result.JudgeMeasurements!.Retries);
                if (questions == 1)
                {
                    Assert.Equal(2000.0 * (steps + questions), result.JudgeMeasurements.BackoffMs);
                    Assert.Equal(0, result.JudgeMeasurements.LatencyMs); // the fake clock moves only for waits: latency without backoff is 0
                }
                else
                {
                    // Both orders wait at once; the fake clock runs the two 2 s waits one after the other, so each sees 2 to 4 s.
                    Assert.InRange(result.JudgeMeasurements.BackoffMs, 2000.0 * questions, 4000.0 * questions);
                }

                break;
            case JudgeScenario.ServerError:
            case JudgeScenario.ResetConnection:
            case JudgeScenario.SlowResponse:
                Assert.Equal(Verdict.Error, result.Verdict);
                Assert.True(result.IsInfrastructureError);
                Assert.Equal("infrastructure", result.Details[JudgeDetails.ErrorKind]);
                Assert.Contains("Gave up after " + (scenario == JudgeScenario.SlowResponse ? 2 : 3) + " attempt(s)", result.Reason, StringComparison.Ordinal);
                if (scenario == JudgeScenario.SlowResponse)
                {
                    Assert.Contains("attempt timeout of 100 ms", result.Reason, StringComparison.Ordinal);
                }

                break;
        }
    }

    [Fact]
    public async Task ManyCasesAtOnce_WithMixedFaults_EachEndInTheirOwnVerdict_AndNoneIsLost()
    {
        var time = new InstantTimeProvider();
        var kinds = new[] { "valid", "noscore", "down", "range" };
        await using var server = FakeOpenAIServer.Start(r =>
        {
            var prompt = Prompt(r);
            return prompt.Contains("kind=down", StringComparison.Ordinal) ? FakeReply.Error(503, "Overloaded")
                : prompt.Contains("kind=noscore", StringComparison.Ordinal) ? FakeReply.Text("{\"reasoning\": \"no score here\"}")
                : prompt.Contains("kind=range", StringComparison.Ordinal) ? FakeReply.Text("{\"reasoning\": \"x\", \"score\": 11}")
                : FakeReply.Text("{\"reasoning\": \"good\", \"score\": 4}");
        });
        var metric = Create("relevance", Judge(server, time));
        var cases = Enumerable.Range(0, 24).Select(i => new EvalCase("case-" + i, "Question " + i + " kind=" + kinds[i % 4])).ToArray();

        var results = await Task.WhenAll(cases.Select(c => metric.EvaluateAsync(new MetricContext(c, "An answer.", null, CallMeasurements.None),
            TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(24, results.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            var expected = kinds[i % 4] == "valid" ? Verdict.Pass : Verdict.Error;
            Assert.Equal(expected, results[i].Verdict);
            Assert.Equal(kinds[i % 4] == "down", results[i].IsInfrastructureError);
        }

        Assert.Equal(6 + (6 * 2) + (6 * 3) + 6, server.Requests.Count); // valid once, no score twice (repair), down 3 attempts, out of range once
    }

    private static string Entry(string metric) => metric switch
    {
        "rubric" => "rubric: { criteria: \"Polite, and names the refund window.\" }",
        "pairwise" => "pairwise: { field: baseline }",
        _ => metric,
    };

    // 5 on 1..5 is 1; conversation averages coherence 5 and goal completion 4 (0.875); pairwise: the output won in both orders.
    private static double ExpectedScore(string metric) => metric == "conversation" ? 0.875 : 1.0;
}
