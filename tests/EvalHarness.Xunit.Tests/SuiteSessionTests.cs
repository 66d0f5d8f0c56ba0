using EvalHarness.Running;

namespace EvalHarness.Xunit.Tests;

public sealed class SuiteSessionTests : IDisposable
{
    private const string Suite = """
        name: faq
        dataset: ../../datasets/data.jsonl
        mapping: { input: question }
        metrics:
          - contains: { value: "refund" }
        gate:
          min_pass_rate: 1.0
        """;

    private static readonly string[] Lines =
    [
        """{"id":"a","question":"q1"}""",
        """{"id":"b","question":"q2"}""",
        """{"id":"c","question":"q3"}""",
        """{"id":"d","question":"q4","skip":"not ready"}""",
        """{"id":"e","question":"q5","explicit":true}""",
    ];

    private readonly TempSuite _suite = new(Suite, Lines);

    private readonly ScriptedTarget _bot = new(new Dictionary<string, string>
    {
        ["a"] = "a full refund", ["b"] = "refund in 30 days", ["c"] = "a refund", ["d"] = "no", ["e"] = "no",
    });

    public void Dispose() => _suite.Dispose();

    [Fact]
    public async Task ACaseRunsOnceHoweverOftenItIsAskedFor()
    {
        var session = _suite.Session();

        var first = await session.RunCaseAsync("a", _bot.Target, TestContext.Current.CancellationToken);
        var second = await session.RunCaseAsync("a", _bot.Target, TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Equal(1, _bot.CallsFor("a"));
        Assert.Equal(Verdict.Pass, first.Verdict);
        Assert.Equal("a full refund", first.Output);
    }

    [Fact]
    public async Task RunAllRunsOnlyTheMissingCasesThatCountAndAppliesTheGate()
    {
        var session = _suite.Session();
        var a = await session.RunCaseAsync("a", _bot.Target, TestContext.Current.CancellationToken);

        var suite = await session.RunAllAsync(_bot.Target, TestContext.Current.CancellationToken);

        Assert.Equal(1, _bot.CallsFor("a"));
        Assert.Equal(1, _bot.CallsFor("b"));
        Assert.Equal(1, _bot.CallsFor("c"));
        Assert.Equal(3, _bot.Calls);
        Assert.Same(a, suite.Cases[0]);
        Assert.Equal(["a", "b", "c", "d", "e"], suite.Cases.Select(c => c.Id));
        Assert.True(suite.Complete);
        Assert.Equal(Verdict.Pass, suite.Gate.Verdict);
        Assert.Equal("min_pass_rate", Assert.Single(suite.Gate.Checks).Name);
    }

    [Fact]
    public async Task SkippedAndExplicitRowsAreReportedButLeftOutOfTheGate()
    {
        var session = _suite.Session();

        var suite = await session.RunAllAsync(_bot.Target, TestContext.Current.CancellationToken);

        Assert.Equal(0, _bot.CallsFor("d"));
        Assert.Equal(0, _bot.CallsFor("e"));
        var d = suite.Cases.Single(c => c.Id == "d");
        var e = suite.Cases.Single(c => c.Id == "e");
        Assert.Equal((Verdict.Inconclusive, CaseErrorKind.Excluded, "skipped in the dataset: not ready"), (d.Verdict, d.ErrorKind, d.Error));
        Assert.Equal((Verdict.Inconclusive, CaseErrorKind.Excluded), (e.Verdict, e.ErrorKind));
        Assert.Contains("explicit", e.Error, StringComparison.Ordinal);
        Assert.Contains("(3/3)", suite.Gate.Checks[0].Reason, StringComparison.Ordinal);
        Assert.False(session.CountsTowardsGate("d"));
        Assert.False(session.CountsTowardsGate("e"));
        Assert.True(session.CountsTowardsGate("a"));
    }

    [Fact]
    public async Task AnExplicitCaseRunsWhenAskedForByIdEvenAfterTheGate()
    {
        var session = _suite.Session();
        await session.RunAllAsync(_bot.Target, TestContext.Current.CancellationToken);

        var e = await session.RunCaseAsync("e", _bot.Target, TestContext.Current.CancellationToken);

        Assert.Equal(1, _bot.CallsFor("e"));
        Assert.Equal(Verdict.Fail, e.Verdict);
        Assert.Same(e, session.ToResult().Cases.Single(c => c.Id == "e"));
        Assert.Equal(Verdict.Pass, session.ToResult().Gate.Verdict);
    }

    [Fact]
    public async Task UntilEveryCaseRanTheResultIsIncompleteAndTheGateUndecided()
    {
        var session = _suite.Session();
        Assert.False(session.HasResults);

        await session.RunCaseAsync("b", _bot.Target, TestContext.Current.CancellationToken);
        var result = session.ToResult();

        Assert.True(session.HasResults);
        Assert.False(result.Complete);
        Assert.Equal(["b", "d", "e"], result.Cases.Select(c => c.Id));
        var check = Assert.Single(result.Gate.Checks);
        Assert.Equal(("complete", Verdict.Inconclusive), (check.Name, check.Verdict));
        Assert.Equal("1 of 3 cases ran (a filtered test run); the gate needs every case", check.Reason);
    }

    [Fact]
    public async Task ACancelledCaseIsNotKeptAndRunsAgainWhenAskedAgain()
    {
        var session = _suite.Session();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunCaseAsync("a", _bot.Target, cancelled.Token));
        var result = await session.RunCaseAsync("a", _bot.Target, TestContext.Current.CancellationToken);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(1, _bot.CallsFor("a"));
    }

    [Fact]
    public async Task AnUnknownCaseIdIsAnArgumentError()
    {
        var session = _suite.Session();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.RunCaseAsync("zz", _bot.Target, TestContext.Current.CancellationToken));

        Assert.Contains("case 'zz' is not in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableRowsAndInvalidFlagsAreErrorCasesNamingTheLine()
    {
        using var suite = new TempSuite(Suite, """{"id":"a","question":"q1"}""", "{oops", """{"id":"c","question":"q3","explicit":"maybe"}""");
        var session = suite.Session();

        var unreadable = await session.RunCaseAsync("line-2", _bot.Target, TestContext.Current.CancellationToken);
        var invalid = await session.RunCaseAsync("c", _bot.Target, TestContext.Current.CancellationToken);

        Assert.Equal((Verdict.Error, CaseErrorKind.InvalidInput), (unreadable.Verdict, unreadable.ErrorKind));
        Assert.Contains("data.jsonl(2,", unreadable.Error, StringComparison.Ordinal);
        Assert.Contains("error EVH007", unreadable.Error, StringComparison.Ordinal);
        Assert.Equal((Verdict.Error, CaseErrorKind.InvalidInput), (invalid.Verdict, invalid.ErrorKind));
        Assert.Contains("data.jsonl(3,", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("error EVH013: explicit: must be a boolean, not \"maybe\"", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(0, _bot.CallsFor("c"));
    }

    [Fact]
    public async Task TheSuitesOwnTargetIsUsedWhenNoneIsGiven()
    {
        using var suite = new TempSuite("""
            name: logs
            dataset: ../../datasets/data.jsonl
            target: { output: answer_given }
            metrics:
              - contains: { value: "refund" }
            """, """{"id":"a","question":"q","answer_given":"a refund"}""");

        var result = await suite.Session().RunCaseAsync("a", target: null, TestContext.Current.CancellationToken);

        Assert.Equal(("a refund", Verdict.Pass), (result.Output, result.Verdict));
    }

    [Fact]
    public async Task ToResultReportsCasesThatFinishedSinceItWasLastAsked()
    {
        var session = _suite.Session();
        var empty = session.ToResult();

        await session.RunCaseAsync("a", _bot.Target, TestContext.Current.CancellationToken);
        var one = session.ToResult();
        await session.RunAllAsync(_bot.Target, TestContext.Current.CancellationToken);
        var all = session.ToResult();

        Assert.Equal(["d", "e"], empty.Cases.Select(c => c.Id));
        Assert.Equal(["a", "d", "e"], one.Cases.Select(c => c.Id));
        Assert.False(one.Complete);
        Assert.Equal(["a", "b", "c", "d", "e"], all.Cases.Select(c => c.Id));
        Assert.True(all.Complete);
        Assert.Same(all, session.ToResult());
    }
}
