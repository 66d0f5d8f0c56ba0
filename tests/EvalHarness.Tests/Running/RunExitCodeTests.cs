using EvalHarness.Running;

namespace EvalHarness.Tests.Running;

/// <summary>The exit-code contract: 3 only when an endpoint never answered; infrastructure errors beside answered calls are a failed gate (1).</summary>
public sealed class RunExitCodeTests
{
    private static CaseResult Answered(string id) => new() { Id = id, Verdict = Verdict.Pass };

    private static CaseResult Down(string id) =>
        new() { Id = id, Verdict = Verdict.Error, ErrorKind = CaseErrorKind.Infrastructure, Error = "connection refused after 4 attempts" };

    private static CaseResult Judged(string id, bool judgeDown) => new()
    {
        Id = id,
        Verdict = judgeDown ? Verdict.Error : Verdict.Pass,
        Metrics =
        [
            judgeDown
                ? new MetricResult { Name = "g-eval", Verdict = Verdict.Error, Reason = "judge: 503 after 4 attempts", IsInfrastructureError = true }
                : new MetricResult { Name = "g-eval", Verdict = Verdict.Pass, Score = 0.9, JudgeMeasurements = new CallMeasurements { LatencyMs = 12 } },
        ],
    };

    private static int ExitCode(params CaseResult[] cases)
    {
        var verdict = cases.Any(c => c.Verdict == Verdict.Error) ? Verdict.Error : Verdict.Pass;
        var suite = new SuiteResult { Name = "s", File = "eval-suites/s/suite.yaml", Cases = cases, Gate = new GateResult(verdict, []) };
        return new RunResult { RunId = "r", Suites = [suite] }.ExitCode;
    }

    [Fact]
    public void EveryCallOfTheModelFailingIsExitThree() => Assert.Equal(3, ExitCode(Down("a"), Down("b")));

    [Fact]
    public void SomeCallsFailingWhileTheModelAnsweredOthersIsExitOne() => Assert.Equal(1, ExitCode(Down("a"), Answered("b")));

    [Fact]
    public void EveryJudgeCallFailingIsExitThreeEvenWhenTheModelAnswered() => Assert.Equal(3, ExitCode(Judged("a", judgeDown: true), Judged("b", judgeDown: true)));

    [Fact]
    public void SomeJudgeCallsFailingWhileTheJudgeAnsweredOthersIsExitOne() => Assert.Equal(1, ExitCode(Judged("a", judgeDown: true), Judged("b", judgeDown: false)));

    [Fact]
    public void NoErrorsIsExitZero() => Assert.Equal(0, ExitCode(Answered("a"), Answered("b")));
}
