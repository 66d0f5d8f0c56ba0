using EvalHarness.Recording;
using EvalHarness.Running;
using Xunit.Sdk;

namespace EvalHarness.Xunit.Tests;

/// <summary>The bodies of the generated tests, run inside this test: they fail, skip or pass it as the generated test would.</summary>
public sealed class EvalSuiteTestsTests : IDisposable
{
    private const string NoGate = """
        name: faq
        dataset: ../../datasets/data.jsonl
        mapping: { input: question, expected: answer }
        metrics:
          - contains: { value: "refund", metric: mentions-refund }
        """;

    private const string PromptSuite = """
        name: prompted
        dataset: ../../datasets/data.jsonl
        mapping: { input: question }
        target: { prompt: "Answer briefly: {{input}}", model: test-model }
        metrics:
          - contains: { value: "refund" }
        """;

    private readonly ScriptedTarget _bot = new(new Dictionary<string, string> { ["good"] = "You get a refund.", ["bad"] = "Contact sales." });
    private readonly List<TempSuite> _suites = [];

    public void Dispose() => _suites.ForEach(s => s.Dispose());

    private TempSuite Suite(string yaml, params string[] lines)
    {
        var suite = new TempSuite(yaml, lines);
        _suites.Add(suite);
        return suite;
    }

    // Assert.ThrowsAsync lets a skip through (the test would be skipped), so the skip is caught here.
    private static async Task<SkipException> SkipOf(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (SkipException skip)
        {
            return skip;
        }

        throw new InvalidOperationException("the test was not skipped");
    }

    private TempSuite Faq(string yaml = NoGate) => Suite(yaml,
        """{"id":"good","question":"Can I get my money back?","answer":"Yes, a refund."}""",
        """{"id":"bad","question":"Can I get my money back?","answer":"Yes, a refund."}""");

    [Fact]
    public async Task APassingCasePassesWithoutAttachments()
    {
        var session = Faq().Session();

        await EvalSuiteTests.RunCaseAsync(session, "good", _bot.Target);

        Assert.Empty(TestContext.Current.Attachments!);
        Assert.Empty(TestContext.Current.Warnings ?? []);
    }

    [Fact]
    public async Task AFailingCaseWithoutAGateFailsWithMetricScoreReasonAndOutput()
    {
        var session = Faq().Session();

        var error = await Assert.ThrowsAsync<FailException>(() => EvalSuiteTests.RunCaseAsync(session, "bad", _bot.Target));

        var lines = error.Message.Split('\n');
        Assert.Equal("faq › bad: FAIL [dataset line 2]", lines[0]);
        Assert.StartsWith("  FAIL         mentions-refund  score 0: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("refund", lines[1][40..], StringComparison.Ordinal);
        Assert.Equal("input:    Can I get my money back?", lines[2]);
        Assert.Equal("expected: Yes, a refund.", lines[3]);
        Assert.Equal("output:   Contact sales.", lines[4]);
        Assert.Equal("Contact sales.", TestContext.Current.Attachments!["output"].AsString());
        Assert.Equal(lines[1][2..], TestContext.Current.Attachments!["metrics"].AsString());
    }

    [Fact]
    public async Task InAutoModeACaseWithNoRecordingAndNoEndpointIsSkippedWithTheReason()
    {
        var options = TempSuite.Options(EvalMode.Auto) with
        {
            ChatClientFactory = (_, _) => throw new EndpointNotConfiguredException("no endpoint: set OPENAI_API_KEY"),
        };
        var session = Suite(PromptSuite, """{"id":"q1","question":"Refunds?"}""").Session(options);

        var skip = await SkipOf(() => EvalSuiteTests.RunCaseAsync(session, "q1", target: null));

        Assert.Contains("skipped: no endpoint: set OPENAI_API_KEY", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InReplayModeAMissingRecordingFailsAsAnError()
    {
        var options = TempSuite.Options(EvalMode.Replay) with
        {
            ChatClientFactory = (_, _) => throw new EndpointNotConfiguredException("no endpoint: set OPENAI_API_KEY"),
        };
        var session = Suite(PromptSuite, """{"id":"q1","question":"Refunds?"}""").Session(options);

        var error = await Assert.ThrowsAsync<FailException>(() => EvalSuiteTests.RunCaseAsync(session, "q1", target: null));

        Assert.StartsWith("prompted › q1: ERROR (recording)", error.Message, StringComparison.Ordinal);
        Assert.Contains("no recording for case 'q1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableRowFailsItsTestWithTheRowsError()
    {
        var session = Suite(NoGate, """{"id":"good","question":"q"}""", "not json at all").Session();

        var error = await Assert.ThrowsAsync<FailException>(() => EvalSuiteTests.RunCaseAsync(session, "line-2", _bot.Target));

        Assert.StartsWith("faq › line-2: ERROR (invalid dataset row)", error.Message, StringComparison.Ordinal);
        Assert.Contains("data.jsonl(2,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingGateListsItsFailingChecksAndCases()
    {
        var session = Faq(NoGate + "\ngate:\n  min_pass_rate: 0.9\n").Session();

        var error = await Assert.ThrowsAsync<FailException>(() => EvalSuiteTests.RunGateAsync(session, _bot.Target));

        var lines = error.Message.Split('\n');
        Assert.Equal("faq: gate FAIL", lines[0]);
        Assert.StartsWith("  FAIL         min_pass_rate: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("50%", lines[1], StringComparison.Ordinal);
        Assert.Equal("cases: 2 (1 passed, 1 failed, 0 errored, 0 inconclusive)", lines[2]);
        Assert.Equal("failed and errored cases:", lines[3]);
        Assert.Equal("  FAIL         bad: mentions-refund fail", lines[4]);
        Assert.Equal(error.Message["faq: gate FAIL\n".Length..], TestContext.Current.Attachments!["gate"].AsString());
    }

    [Fact]
    public async Task APassingGateReusesTheCasesThatAlreadyRan()
    {
        var session = Faq(NoGate + "\ngate:\n  min_pass_rate: 0.5\n").Session();
        await EvalSuiteTests.RunCaseAsync(session, "good", _bot.Target);

        await EvalSuiteTests.RunGateAsync(session, _bot.Target);

        Assert.Equal(1, _bot.CallsFor("good"));
        Assert.Equal(1, _bot.CallsFor("bad"));
    }

    [Fact]
    public async Task TheGateIsSkippedWhenCasesCouldNotRunInAutoMode()
    {
        var options = TempSuite.Options(EvalMode.Auto) with
        {
            ChatClientFactory = (_, _) => throw new EndpointNotConfiguredException("no endpoint: set OPENAI_API_KEY"),
        };
        var session = Suite(PromptSuite, """{"id":"q1","question":"Refunds?"}""", """{"id":"q2","question":"Prices?"}""").Session(options);

        var skip = await SkipOf(() => EvalSuiteTests.RunGateAsync(session, target: null));

        Assert.Contains("prompted: the gate cannot be judged: 2 of 2 cases did not run (skipped: no endpoint: set OPENAI_API_KEY)", skip.Message,
            StringComparison.Ordinal);
    }
}
