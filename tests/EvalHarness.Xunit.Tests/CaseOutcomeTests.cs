using EvalHarness.Running;

namespace EvalHarness.Xunit.Tests;

public sealed class CaseOutcomeTests
{
    private static readonly MetricResult FailedKeywords = new()
    {
        Name = "keywords", Score = 0.5, RawValue = 0.5, Scale = "0..1", Verdict = Verdict.Fail, Reason = "1 of 2 keywords found; missing \"PayPal\"",
    };

    private static readonly MetricResult SlowAnswer = new()
    {
        Name = "latency", Score = 0, RawValue = 812.4, Scale = "ms", Verdict = Verdict.Fail, Reason = "812 ms > max 500 ms",
    };

    private static CaseResult Case(Verdict verdict, params MetricResult[] metrics) => new()
    {
        Id = "payment-methods", Line = 7, Input = "Which payment methods do you accept?", Output = "Visa and Mastercard.", Verdict = verdict, Metrics = metrics,
    };

    [Fact]
    public void APassIsAPlainPass()
    {
        var outcome = CaseOutcome.From("support-faq", hasGate: false, Case(Verdict.Pass, FailedKeywords with { Verdict = Verdict.Pass, Score = 1 }));

        Assert.Equal(new CaseOutcome(OutcomeKind.Pass, string.Empty), outcome);
    }

    [Fact]
    public void AFailFailsWithoutAGateAndWarnsWithOne()
    {
        var withoutGate = CaseOutcome.From("support-faq", hasGate: false, Case(Verdict.Fail, FailedKeywords, SlowAnswer));
        var withGate = CaseOutcome.From("support-faq", hasGate: true, Case(Verdict.Fail, FailedKeywords, SlowAnswer));

        Assert.Equal(OutcomeKind.Fail, withoutGate.Kind);
        Assert.Equal("""
            support-faq › payment-methods: FAIL [dataset line 7]
              FAIL         keywords  score 0.5: 1 of 2 keywords found; missing "PayPal"
              FAIL         latency  score 0 (812.4 ms): 812 ms > max 500 ms
            input:    Which payment methods do you accept?
            output:   Visa and Mastercard.
            """.ReplaceLineEndings("\n"), withoutGate.Message);
        Assert.Equal(OutcomeKind.Warn, withGate.Kind);
        Assert.StartsWith("support-faq › payment-methods: FAIL, reported as a warning: the suite has a gate, so its Gate test decides",
            withGate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorAndInconclusiveSayWhichTheyAre()
    {
        var judgeError = MetricResult.Error("relevance", "the judge's answer could not be parsed");
        var undecided = new MetricResult { Name = "relevance", Verdict = Verdict.Inconclusive, Reason = "judges disagreed (2 of 3)" };

        var error = CaseOutcome.From("support-faq", hasGate: true, Case(Verdict.Error, FailedKeywords, judgeError));
        var inconclusive = CaseOutcome.From("support-faq", hasGate: false, Case(Verdict.Inconclusive, undecided));

        Assert.Equal(OutcomeKind.Fail, error.Kind);
        Assert.StartsWith("support-faq › payment-methods: ERROR (a metric could not be evaluated): the case could not be evaluated; an error is never a pass",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("\n  ERROR        relevance: the judge's answer could not be parsed\n", error.Message, StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Warn, inconclusive.Kind);
        Assert.StartsWith("support-faq › payment-methods: INCONCLUSIVE", inconclusive.Message, StringComparison.Ordinal);
        Assert.Contains("\n  INCONCLUSIVE relevance: judges disagreed (2 of 3)\n", inconclusive.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetErrorNamesItsKindAndReason()
    {
        var result = new CaseResult
        {
            Id = "x", Line = 3, Input = "q", Verdict = Verdict.Error, ErrorKind = CaseErrorKind.Timeout,
            Error = "the target did not answer within timeout_ms = 100 ms",
        };

        var outcome = CaseOutcome.From("faq", hasGate: false, result);

        Assert.Equal("""
            faq › x: ERROR (timeout): the case could not be evaluated; an error is never a pass [dataset line 3]
              the target did not answer within timeout_ms = 100 ms
            input:    q
            """.ReplaceLineEndings("\n"), outcome.Message);
    }

    [Fact]
    public void ASkippedCaseIsSkippedWithItsReasonWhateverTheVerdict()
    {
        var result = new CaseResult
        {
            Id = "x", Verdict = Verdict.Inconclusive, ErrorKind = CaseErrorKind.Skipped, Error = "skipped: no endpoint is configured",
        };

        Assert.Equal(new CaseOutcome(OutcomeKind.Skip, "skipped: no endpoint is configured"), CaseOutcome.From("faq", hasGate: true, result));
    }

    [Fact]
    public void ALongOutputIsShortenedToAnExcerpt()
    {
        var outcome = CaseOutcome.From("faq", hasGate: false, Case(Verdict.Fail, FailedKeywords) with { Output = new string('a', 1000) });

        var output = outcome.Message.Split('\n').Single(l => l.StartsWith("output:", StringComparison.Ordinal));
        Assert.Equal("output:   " + new string('a', 400) + "… (1000 characters)", output);
    }
}
