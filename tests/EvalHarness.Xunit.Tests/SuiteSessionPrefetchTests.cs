using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Testing;

namespace EvalHarness.Xunit.Tests;

/// <summary>
/// <see cref="SuiteSession.Prefetch"/>: asking for one case runs the next ones ahead only where that costs nothing (replay, dataset
/// outputs), never calls a model or user code for a case nobody asked for, runs each case once and gives the same results.
/// </summary>
public sealed class SuiteSessionPrefetchTests : IDisposable
{
    // max_concurrency 2: the look-ahead is the 4 rows after the one asked for.
    private const string OutputSuite = """
        name: out
        dataset: ../../datasets/data.jsonl
        mapping: { input: question }
        max_concurrency: 2
        target: { output: answer }
        metrics:
          - contains: { value: "refund" }
        """;

    private readonly List<TempSuite> _suites = [];
    private readonly CaseLog _log = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var suite in _suites)
        {
            suite.Dispose();
        }
    }

    private TempSuite Suite(string yaml, params string[] lines)
    {
        var suite = new TempSuite(yaml, lines);
        _suites.Add(suite);
        return suite;
    }

    private static string[] Rows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "{\"id\":\"c" + i + "\",\"question\":\"q" + i + "\",\"answer\":\"" + (i % 3 == 0 ? "no" : "a refund") + "\"}")];

    private SuiteSession Session(TempSuite suite, EvalMode mode, bool prefetch, Func<EndpointDefinition?, string?, Microsoft.Extensions.AI.IChatClient>? endpoint = null)
    {
        var session = suite.Session(new EvalRunOptions { Mode = mode, LoggerFactory = _log, ChatClientFactory = endpoint });
        session.Prefetch = prefetch;
        return session;
    }

    [Fact]
    public async Task AskingForACaseRunsTheNextRowsAheadAndNoFurther()
    {
        var session = Session(Suite(OutputSuite, Rows(10)), EvalMode.Replay, prefetch: true);

        await session.RunCaseAsync("c0", null, Token);
        await _log.WaitForAsync(["c1", "c2", "c3", "c4"], Token);

        // The look-ahead has nothing left to run: these five are all that ran, and only the case asked for is reported.
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], _log.Completed.Order(StringComparer.Ordinal));
        Assert.Equal(["c0"], session.ToResult().Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task EveryCaseRunsOnceWhenTestsAskInAnyOrder()
    {
        var session = Session(Suite(OutputSuite, Rows(40)), EvalMode.Replay, prefetch: true);
        var order = Enumerable.Range(0, 40).Select(i => "c" + ((i * 7) % 40)).ToArray();

        foreach (var id in order)
        {
            await session.RunCaseAsync(id, null, Token);
        }

        var gate = await session.RunAllAsync(null, Token);

        Assert.All(order, id => Assert.Equal(1, _log.RunsOf(id)));
        Assert.Equal(40, _log.Completed.Count);
        Assert.True(gate.Complete);
        Assert.Equal(40, gate.Cases.Count);
    }

    [Fact]
    public async Task SkippedAndExplicitRowsAreNeverRunAhead()
    {
        var session = Session(Suite(OutputSuite,
            """{"id":"a","question":"q","answer":"a refund"}""",
            """{"id":"b","question":"q","answer":"a refund","skip":"not ready"}""",
            """{"id":"c","question":"q","answer":"a refund","explicit":true}""",
            """{"id":"d","question":"q","answer":"a refund"}"""), EvalMode.Replay, prefetch: true);

        await session.RunCaseAsync("a", null, Token);
        await _log.WaitForAsync(["d"], Token);

        Assert.Equal(["a", "d"], _log.Completed.Order(StringComparer.Ordinal));
        var suite = session.ToResult();
        Assert.Equal(["a", "b", "c"], suite.Cases.Select(c => c.Id));
        Assert.All(suite.Cases.Skip(1), c => Assert.Equal(CaseErrorKind.Excluded, c.ErrorKind));
    }

    [Fact]
    public async Task ACaseRunAheadReturnsTheSameResultAsTheCaseRunWhenAskedFor()
    {
        var suite = Suite(OutputSuite, Rows(12));
        var ahead = Session(suite, EvalMode.Replay, prefetch: true);
        var plain = Session(suite, EvalMode.Replay, prefetch: false);
        var order = new[] { "c5", "c0", "c1", "c11", "c2", "c3", "c4", "c6", "c7", "c8", "c9", "c10" };

        foreach (var id in order)
        {
            await ahead.RunCaseAsync(id, null, Token);
            await plain.RunCaseAsync(id, null, Token);
        }

        Assert.Equal(Comparable(plain.ToResult()), Comparable(ahead.ToResult()));
        Assert.Equal(Verdict.Fail, ahead.ToResult().Cases[0].Verdict);
    }

    [Fact]
    public async Task AReplayedPromptSuiteRunsAheadFromItsRecordingsAndMatchesTheRunWithoutLookAhead()
    {
        var suite = await RecordedPromptSuiteAsync(8);
        var ahead = Session(suite, EvalMode.Replay, prefetch: true);
        var plain = Session(suite, EvalMode.Replay, prefetch: false);

        await ahead.RunCaseAsync("c0", null, Token);
        await _log.WaitForAsync(["c1", "c2", "c3", "c4"], Token);
        foreach (var id in Enumerable.Range(0, 8).Select(i => "c" + i))
        {
            await ahead.RunCaseAsync(id, null, Token);
            await plain.RunCaseAsync(id, null, Token);
        }

        Assert.Equal(Comparable(plain.ToResult()), Comparable(ahead.ToResult()));
        Assert.All(ahead.ToResult().Cases, c => Assert.Equal(("ANSWER refund " + c.Id, Verdict.Pass), (c.Output, c.Verdict)));
    }

    [Theory]
    [InlineData(EvalMode.Live)]
    [InlineData(EvalMode.Record)]
    [InlineData(EvalMode.Auto)]
    public async Task APromptSuiteThatCallsTheModelNeverRunsAhead(EvalMode mode)
    {
        // The case asked for is answered slowly, so a call made ahead would reach the server before the case returns.
        await using var server = FakeOpenAIServer.Start(r => FakeReply.Text("ANSWER refund").WithDelay(TimeSpan.FromMilliseconds(200)));
        var session = Session(PromptSuite(server, 8), mode, prefetch: true, OpenAIChatClientFactory.ForSuites(n => n == "EVH_TEST_KEY" ? "key" : null));

        await session.RunCaseAsync("c0", null, Token);
        await session.RunCaseAsync("c1", null, Token);

        Assert.Equal(["c0", "c1"], server.Requests.Select(r => r.Messages[^1].Content));
        Assert.Equal(["c0", "c1"], _log.Completed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ACSharpTargetIsNeverRunAhead()
    {
        var bot = new ScriptedTarget(Enumerable.Range(0, 8).ToDictionary(i => "c" + i, _ => "a refund"));
        var session = Session(Suite("name: code\ndataset: ../../datasets/data.jsonl\nmapping: { input: question }\nmax_concurrency: 2\n" +
            "metrics:\n  - contains: { value: \"refund\" }\n", Rows(8)), EvalMode.Replay, prefetch: true);

        await session.RunCaseAsync("c0", bot.Target, Token);
        await session.RunCaseAsync("c1", bot.Target, Token);

        Assert.Equal(2, bot.Calls);
        Assert.Equal(["c0", "c1"], _log.Completed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ACancelledRequestStartsNothingAheadAndItsRowsStillRunOnceLater()
    {
        var session = Session(Suite(OutputSuite, Rows(10)), EvalMode.Replay, prefetch: true);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // The case itself may still finish (a dataset output does not wait on anything); what it queued ahead must not run.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cancelled(session.RunCaseAsync("c0", null, cancelled.Token)));
        await session.RunCaseAsync("c5", null, Token);
        await _log.WaitForAsync(["c6", "c7", "c8", "c9"], Token);
        Assert.DoesNotContain(_log.Completed, id => id is "c1" or "c2" or "c3" or "c4");

        for (var i = 0; i < 10; i++)
        {
            await session.RunCaseAsync("c" + i, null, Token);
        }

        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(1, _log.RunsOf("c" + i)));
    }

    // Turns a result into a cancellation so both outcomes of a request made with a cancelled token read the same.
    private static async Task Cancelled(Task<CaseResult> request)
    {
        await request;
        throw new OperationCanceledException();
    }

    private TempSuite PromptSuite(FakeOpenAIServer server, int cases) =>
        Suite("name: prompt\ndataset: ../../datasets/data.jsonl\nmapping: { input: question }\nmax_concurrency: 2\n" +
            "provider: { base_url: \"" + server.BaseUrl + "\", model: m, api_key_env: EVH_TEST_KEY }\ntarget: { prompt: \"{{input}}\" }\n" +
            "metrics:\n  - contains: { value: \"refund\" }\n",
            [.. Enumerable.Range(0, cases).Select(i => "{\"id\":\"c" + i + "\",\"question\":\"c" + i + "\"}")]);

    // Records every case once against a fake server that is gone before any replay.
    private async Task<TempSuite> RecordedPromptSuiteAsync(int cases)
    {
        await using var server = FakeOpenAIServer.Start(r => FakeReply.Text("ANSWER refund " + r.Messages[^1].Content));
        var suite = PromptSuite(server, cases);
        var recorder = suite.Session(new EvalRunOptions { Mode = EvalMode.Record, ChatClientFactory = OpenAIChatClientFactory.ForSuites(n => n == "EVH_TEST_KEY" ? "key" : null) });
        var recorded = await recorder.RunAllAsync(null, Token);
        Assert.All(recorded.Cases, c => Assert.Equal(Verdict.Pass, c.Verdict));
        return suite;
    }

    // What a reader sees of each case; durations differ between any two runs.
    private static string[] Comparable(SuiteResult suite) =>
        [.. suite.Cases.Select(c => string.Join(" | ", c.Id, c.Verdict, c.ErrorKind, c.Error, c.Output, c.Measurements.Usage?.TotalTokenCount,
            string.Join(";", c.Metrics.Select(m => m.Name + "=" + m.Verdict + ":" + m.Score + ":" + m.Reason))))];
}
