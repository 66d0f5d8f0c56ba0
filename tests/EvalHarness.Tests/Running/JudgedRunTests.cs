using EvalHarness.Costs;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Testing;

namespace EvalHarness.Tests.Running;

/// <summary>A suite with a judge run end to end: the judge client is built from `judge:`, recorded, priced apart, calibrated and replayed.</summary>
public sealed class JudgedRunTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string Suite(Uri judge, string labels = "label")
    {
        _workspace.Write("data.jsonl", """
            {"id":"a","input":"How do refunds work?","answer":"Refunds take 30 days.","label":"pass"}
            {"id":"b","input":"Reset my password","answer":"Use the reset link.","label":"pass"}
            {"id":"c","input":"Weather in Paris?","answer":"I only answer billing questions.","label":"fail"}
            """);
        return _workspace.Write("eval-suites/judged/suite.yaml",
            "name: judged\ndataset: ../../data.jsonl\ntarget: { output: answer }\njudge: { base_url: \"" + judge + "\", model: gpt-4o-mini }\n" +
            "metrics:\n  - relevance: { threshold: 0.5, human_label: " + labels + ", min_agreement: 0.6 }\n");
    }

    private static EvalRunOptions Options(EvalMode mode) => new()
    {
        Mode = mode,
        JudgeClientFactory = OpenAIChatClientFactory.ForJudges(_ => null),
        Resilience = EvalHarness.Resilience.ResilienceOptions.Default with { MaxRetries = 0 },
    };

    // The judge rates the Paris case 1 (irrelevant) and the others 5, matching the human labels.
    private static FakeOpenAIServer Judge() => FakeOpenAIServer.Start(request =>
        FakeReply.Text(request.Body.Contains("Paris", StringComparison.Ordinal)
            ? "{\"reasoning\": \"off topic\", \"score\": 1}"
            : "{\"reasoning\": \"answers it\", \"score\": 5}", promptTokens: 100, completionTokens: 20));

    [Fact]
    public async Task JudgeCallsAreRecordedPricedApartCalibratedAndReplayed()
    {
        RunResult recorded;
        string suite;
        await using (var server = Judge())
        {
            suite = Suite(server.BaseUrl);
            recorded = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Record), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(3, server.Requests.Count);
        }

        var cases = recorded.Suites.Single().Cases;
        Assert.Equal([Verdict.Pass, Verdict.Pass, Verdict.Fail], cases.Select(c => c.Verdict));
        Assert.All(cases, c => Assert.Null(c.Measurements.Cost));
        var costs = CostReport.From(recorded.Suites.Single());
        Assert.Equal(0, costs.SystemUnderTest.Calls);
        Assert.Equal(3, costs.Judge.Calls);
        // gpt-4o-mini: 100 input tokens at $0.15/M and 20 output tokens at $0.60/M per call.
        Assert.Equal(3 * ((100 * 0.15m + 20 * 0.60m) / 1_000_000m), costs.Judge.Usd);
        var calibration = Assert.Single(recorded.Suites.Single().Gate.Checks, c => c.Name == "calibration:relevance");
        Assert.Equal(Verdict.Pass, calibration.Verdict);

        var replayed = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Replay), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(cases.Select(c => (c.Id, c.Verdict, c.Metrics[0].Score)),
            replayed.Suites.Single().Cases.Select(c => (c.Id, c.Verdict, c.Metrics[0].Score)));
        Assert.All(replayed.Suites.Single().Cases, c => Assert.True(c.Metrics[0].JudgeMeasurements!.Replayed));
    }

    [Fact]
    public async Task AJudgeThatNeverAnswersIsAnInfrastructureErrorNotAPass()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var run = await EvalRun.ExecuteAsync([Suite(new Uri("http://127.0.0.1:" + port + "/v1/"))], Options(EvalMode.Live),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(run.Suites.Single().Cases, c => Assert.Equal(Verdict.Error, c.Metrics[0].Verdict));
        Assert.Equal(ExitCodes.Infrastructure, run.ExitCode);
    }
}
