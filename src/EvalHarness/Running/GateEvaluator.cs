using System.Globalization;
using EvalHarness.Suites;

namespace EvalHarness.Running;

/// <summary>Applies a suite's <c>gate:</c> to its results.</summary>
/// <remarks>
/// Without a gate a suite behaves like a test suite: any <c>fail</c> or <c>error</c> case fails it; inconclusive cases do not, but
/// are reported. <c>min_pass_rate</c> counts inconclusive and errored cases against the rate (fail closed).
/// </remarks>
public static class GateEvaluator
{
    /// <summary>Evaluates the gate.</summary>
    public static GateResult Evaluate(GateDefinition? gate, SuiteAggregates aggregates)
    {
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
                var rate = aggregates.PassRate ?? 0;
                checks.Add(new GateCheck("min_pass_rate", rate >= min ? Verdict.Pass : Verdict.Fail,
                    "pass rate " + Percent(rate) + " (" + aggregates.Passed + "/" + aggregates.Cases + ") " + (rate >= min ? ">=" : "<") +
                    " minimum " + Percent(min) + (aggregates.Errors > 0 ? "; " + Count(aggregates.Errors, "errored") : string.Empty)));
            }

            if (gate.BudgetUsd is { } budget)
            {
                checks.Add(new GateCheck("budget_usd", Verdict.Inconclusive,
                    "budget $" + budget.ToString("0.00", CultureInfo.InvariantCulture) + " not checked: this version computes no cost (no pricing table yet)"));
            }

            if (gate.RegressionAlpha is not null || gate.RegressionMargin is not null)
            {
                checks.Add(new GateCheck("regression", Verdict.Inconclusive, "not checked: this version has no baseline comparison yet"));
            }

            if (checks.Count == 0)
            {
                checks.Add(new GateCheck("all_cases_pass", aggregates.Failed + aggregates.Errors == 0 ? Verdict.Pass : Verdict.Fail,
                    "the gate sets no rule; every case must pass"));
            }
        }

        var verdict = checks.Any(c => c.Verdict == Verdict.Fail) ? Verdict.Fail
            : checks.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new GateResult(verdict, checks);
    }

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what;

    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
