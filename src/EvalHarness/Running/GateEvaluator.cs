using EvalHarness.Costs;
using System.Globalization;
using EvalHarness.Statistics;
using EvalHarness.Suites;

namespace EvalHarness.Running;

/// <summary>Applies a suite's <c>gate:</c> absolute rules to its results.</summary>
/// <remarks>
/// <para>Without a gate a suite behaves like a test suite: any <c>fail</c> or <c>error</c> case fails it; inconclusive cases do not, but
/// are reported. <c>min_pass_rate</c> counts inconclusive and errored cases against the rate (fail closed) and reports the rate's 95 %
/// Wilson interval; when the gate sets <c>min_samples</c> and fewer cases ran, a rate whose interval straddles the minimum is
/// inconclusive instead of a pass or a fail. Per-metric floors (<c>metrics: { name: { min_pass_rate, min_score } }</c>) work the same way.</para>
/// <para>The baseline rules (<c>regression</c>, <c>drift</c>, <c>snapshots</c>) need the committed baseline; this method leaves an
/// inconclusive <c>regression</c> (or <c>baseline</c>) check that <see cref="Baselines.BaselineGate"/> replaces with the comparison.</para>
/// </remarks>
public static class GateEvaluator
{
    /// <summary>The confidence level of the Wilson intervals reported with pass rates.</summary>
    public const double Confidence = 0.95;

    /// <summary>Evaluates the gate over a suite's cases: those the dataset leaves out do not count, and <c>budget_usd</c> is checked against <paramref name="cost"/>.</summary>
    /// <param name="gate">The suite's gate, or null for test-suite semantics.</param>
    /// <param name="cases">Every case of the run.</param>
    /// <param name="cost">What the run cost (system under test and judges); null when unknown to the caller.</param>
    public static GateResult Evaluate(GateDefinition? gate, IReadOnlyList<CaseResult> cases, CostFigure? cost)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return Evaluate(gate, SuiteAggregates.From(cases.Where(c => c.CountsTowardsGate)), cost);
    }

    /// <summary>Evaluates the gate.</summary>
    public static GateResult Evaluate(GateDefinition? gate, SuiteAggregates aggregates) => Evaluate(gate, aggregates, null);

    /// <summary>Evaluates the gate, checking <c>budget_usd</c> against <paramref name="cost"/> when given.</summary>
    public static GateResult Evaluate(GateDefinition? gate, SuiteAggregates aggregates, CostFigure? cost)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var checks = new List<GateCheck>();
        if (gate is null)
        {
            var bad = aggregates.Failed + aggregates.Errors;
            checks.Add(new GateCheck("all_cases_pass", bad == 0 ? Verdict.Pass : Verdict.Fail,
                Count(aggregates.Failed, "failed") + ", " + Count(aggregates.Errors, "errored") + ", " +
                Count(aggregates.Inconclusive, "inconclusive") + " of " + aggregates.Cases + " (no gate: every case must pass)"));
        }
        else
        {
            if (gate.MinPassRate is { } min)
            {
                checks.Add(RateCheck("min_pass_rate", "pass rate", aggregates.Passed, aggregates.Cases, min, gate.MinSamples,
                    aggregates.Errors > 0 ? "; " + Count(aggregates.Errors, "errored") : string.Empty));
            }

            foreach (var (metric, floor) in gate.MetricMinPassRates.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var m = aggregates.Metrics.FirstOrDefault(a => a.Name == metric);
                checks.Add(m is null || m.Count == 0
                    ? new GateCheck("metrics." + metric + ".min_pass_rate", Verdict.Inconclusive, metric + " scored no case")
                    : RateCheck("metrics." + metric + ".min_pass_rate", metric + " pass rate", m.Passed, m.Count, floor, gate.MinSamples,
                        m.Errors > 0 ? "; " + Count(m.Errors, "errored") : string.Empty));
            }

            foreach (var (metric, floor) in gate.MetricMinScores.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var mean = aggregates.Metrics.FirstOrDefault(a => a.Name == metric)?.MeanScore;
                checks.Add(mean is not { } score
                    ? new GateCheck("metrics." + metric + ".min_score", Verdict.Inconclusive, metric + " produced no score")
                    : new GateCheck("metrics." + metric + ".min_score", score >= floor ? Verdict.Pass : Verdict.Fail,
                        metric + " mean score " + Number(score) + (score >= floor ? " >= " : " < ") + "minimum " + Number(floor)));
            }

            if (gate.BudgetUsd is { } budget)
            {
                if (cost is null)
                {
                    checks.Add(new GateCheck("budget_usd", Verdict.Inconclusive,
                        "budget $" + budget.ToString("0.00", CultureInfo.InvariantCulture) + " not checked: the caller gave no cost figures"));
                }
                else
                {
                    checks.AddRange(BudgetRule.Evaluate(budget, cost));
                }
            }

            if (gate.UsesBaseline)
            {
                checks.Add(new GateCheck(gate.HasRegression ? "regression" : "baseline", Verdict.Inconclusive,
                    "not compared with the committed baseline: baselines are loaded by EvalRun (the evalharness run command), not on this path"));
            }

            if (checks.Count == 0)
            {
                checks.Add(new GateCheck("all_cases_pass", aggregates.Failed + aggregates.Errors == 0 ? Verdict.Pass : Verdict.Fail,
                    "the gate sets no rule; every case must pass"));
            }
        }

        return GateResult.From(checks);
    }

    /// <summary>Combines checks into a gate result (any error, then any fail, then any inconclusive decides).</summary>
    public static GateResult Combine(IReadOnlyList<GateCheck> checks) => GateResult.From(checks);

    private static GateCheck RateCheck(string name, string what, int passed, int total, double min, int? minSamples, string suffix)
    {
        var rate = total == 0 ? 0 : (double)passed / total;
        var interval = total == 0 ? new Interval(double.NaN, double.NaN) : ConfidenceIntervals.Wilson(passed, total, Confidence);
        var shown = what + " " + Percent(rate) + " (" + passed + "/" + total + ")";
        var wilson = total == 0 ? string.Empty
            : "; " + (Confidence * 100).ToString("0", CultureInfo.InvariantCulture) + "% Wilson interval " + Percent(interval.Lower) + "–" + Percent(interval.Upper);
        if (minSamples is { } needed && total < needed && interval.Straddles(min))
        {
            return new GateCheck(name, Verdict.Inconclusive, shown + " vs minimum " + Percent(min) + ": undecided" + wilson + " straddles the minimum with " +
                total + " cases (min_samples " + needed + ")" + suffix);
        }

        return new GateCheck(name, rate >= min ? Verdict.Pass : Verdict.Fail,
            shown + " " + (rate >= min ? ">=" : "<") + " minimum " + Percent(min) + suffix + wilson);
    }

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
