using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Tests.Gate;

public sealed class GateEvaluatorTests
{
    private static readonly SourceLocation Here = new("suite.yaml", 1, 1);

    private static SuiteAggregates Aggregates(int passed, int failed, params MetricAggregate[] metrics) =>
        new() { Cases = passed + failed, Passed = passed, Failed = failed, Metrics = metrics };

    [Fact]
    public void TheRateIsReportedWithItsWilsonInterval()
    {
        var gate = new GateDefinition(0.75, null, null, null, Here);

        var check = Assert.Single(GateEvaluator.Evaluate(gate, Aggregates(1, 1)).Checks);

        // Wilson 95 % for 1/2: centre 0.5, half-width 1.96·√(0.25/2 + 1.96²/16) / (1 + 1.96²/2) = 0.4055.
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal("pass rate 50% (1/2) < minimum 75%; 95% Wilson interval 9.5%–90.5%", check.Reason);
    }

    [Fact]
    public void WithMinSamplesAStraddlingIntervalIsInconclusive()
    {
        var lenient = new GateDefinition(0.7, null, null, null, Here);
        var careful = new GateDefinition(0.7, null, null, null, Here, minSamples: 30);

        var decided = GateEvaluator.Evaluate(lenient, Aggregates(14, 2));
        var undecided = GateEvaluator.Evaluate(careful, Aggregates(14, 2));
        var enough = GateEvaluator.Evaluate(careful, Aggregates(35, 5));

        Assert.Equal(Verdict.Pass, decided.Verdict);
        Assert.Equal(Verdict.Inconclusive, undecided.Verdict);
        Assert.Contains("undecided; 95% Wilson interval 64%–96.5% straddles the minimum with 16 cases (min_samples 30)", undecided.Checks[0].Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, enough.Verdict);
    }

    [Fact]
    public void AnIntervalClearOfTheMinimumDecidesEvenWithFewCases()
    {
        var gate = new GateDefinition(0.9, null, null, null, Here, minSamples: 100);

        Assert.Equal(Verdict.Fail, GateEvaluator.Evaluate(gate, Aggregates(2, 8)).Verdict);
    }

    [Fact]
    public void PerMetricFloorsCheckPassRatesAndMeanScores()
    {
        var gate = new GateDefinition(null, null, null, null, Here,
            metricMinPassRates: new Dictionary<string, double> { ["keywords"] = 0.9, ["missing"] = 0.5 },
            metricMinScores: new Dictionary<string, double> { ["relevance"] = 0.7 });
        var aggregates = Aggregates(8, 2,
            new MetricAggregate("keywords", 10, 8, 2, 0, 0, 0.8),
            new MetricAggregate("relevance", 10, 9, 1, 0, 0, 0.75));

        var result = GateEvaluator.Evaluate(gate, aggregates);

        Assert.Equal(["metrics.keywords.min_pass_rate", "metrics.missing.min_pass_rate", "metrics.relevance.min_score"], result.Checks.Select(c => c.Name));
        Assert.Equal([Verdict.Fail, Verdict.Inconclusive, Verdict.Pass], result.Checks.Select(c => c.Verdict));
        Assert.StartsWith("keywords pass rate 80% (8/10) < minimum 90%", result.Checks[0].Reason, StringComparison.Ordinal);
        Assert.Equal("relevance mean score 0.75 >= minimum 0.7", result.Checks[2].Reason);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void BaselineRulesLeaveAnInconclusivePlaceholderOnPathsThatDoNotLoadBaselines()
    {
        var gate = new GateDefinition(null, 0.05, 0.02, null, Here);

        var check = Assert.Single(GateEvaluator.Evaluate(gate, Aggregates(3, 0)).Checks);

        Assert.Equal("regression", check.Name);
        Assert.Equal(Verdict.Inconclusive, check.Verdict);
    }

    [Fact]
    public void CombiningPutsErrorsFirstThenFailuresThenDoubt()
    {
        GateCheck Check(Verdict v) => new("x", v, string.Empty);

        Assert.Equal(Verdict.Pass, GateEvaluator.Combine([]).Verdict);
        Assert.Equal(Verdict.Inconclusive, GateEvaluator.Combine([Check(Verdict.Pass), Check(Verdict.Inconclusive)]).Verdict);
        Assert.Equal(Verdict.Fail, GateEvaluator.Combine([Check(Verdict.Inconclusive), Check(Verdict.Fail)]).Verdict);
        Assert.Equal(Verdict.Error, GateEvaluator.Combine([Check(Verdict.Fail), Check(Verdict.Error)]).Verdict);
    }
}
