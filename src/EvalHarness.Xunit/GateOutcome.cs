using System.Globalization;
using System.Text;
using EvalHarness.Running;

namespace EvalHarness.Xunit;

/// <summary>How a suite's Gate test reports the gate: pass, warn (a check could not be decided), skip or fail.</summary>
/// <param name="Kind">What the test does.</param>
/// <param name="Message">The failure, warning or skip text.</param>
/// <param name="Report">Every check and the case counts, attached to the test result whatever the outcome.</param>
internal sealed record GateOutcome(OutcomeKind Kind, string Message, string Report)
{
    private const int ListedCases = 20;

    /// <summary>Decides the outcome of <paramref name="suite"/>'s gate.</summary>
    /// <param name="suite">The suite after every case ran.</param>
    /// <param name="countsTowardsGate">Whether a case id takes part in the gate (rows marked <c>skip</c> or <c>explicit</c> do not).</param>
    /// <remarks>
    /// When cases that count were skipped because auto mode found no recording and no endpoint, the gate cannot be judged and the
    /// test is skipped with that reason rather than failed on a pass rate of cases that never ran.
    /// </remarks>
    public static GateOutcome From(SuiteResult suite, Func<string, bool> countsTowardsGate)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(countsTowardsGate);
        var report = Describe(suite);
        var counted = suite.Cases.Where(c => countsTowardsGate(c.Id)).ToArray();
        var skipped = counted.Where(c => c.ErrorKind == CaseErrorKind.Skipped).ToArray();
        if (skipped.Length > 0)
        {
            return new GateOutcome(OutcomeKind.Skip,
                suite.Name + ": the gate cannot be judged: " + skipped.Length.ToString(CultureInfo.InvariantCulture) + " of " +
                Count(counted.Length, "cases") + " did not run (" + (skipped[0].Error ?? "skipped") + ")", report);
        }

        return suite.Gate.Verdict switch
        {
            Verdict.Pass => new GateOutcome(OutcomeKind.Pass, string.Empty, report),
            Verdict.Inconclusive => new GateOutcome(OutcomeKind.Warn,
                suite.Name + ": gate INCONCLUSIVE (some checks could not be decided; they do not fail the gate)\n" + report, report),
            _ => new GateOutcome(OutcomeKind.Fail, suite.Name + ": gate " + suite.Gate.Verdict.ToContractString().ToUpperInvariant() + "\n" + report, report),
        };
    }

    private static string Describe(SuiteResult suite)
    {
        var text = new StringBuilder();
        foreach (var check in suite.Gate.Checks)
        {
            text.Append("  ").Append(CaseOutcome.Label(check.Verdict)).Append(check.Name).Append(": ").Append(check.Reason).Append('\n');
        }

        var a = suite.Aggregates;
        text.Append("cases: ").Append(a.Cases.ToString(CultureInfo.InvariantCulture)).Append(" (").Append(Count(a.Passed, "passed")).Append(", ")
            .Append(Count(a.Failed, "failed")).Append(", ").Append(Count(a.Errors, "errored")).Append(", ")
            .Append(Count(a.Inconclusive, "inconclusive")).Append(")\n");
        var bad = suite.Cases.Where(c => c.Verdict is Verdict.Fail or Verdict.Error).ToArray();
        if (bad.Length > 0)
        {
            text.Append("failed and errored cases:\n");
            foreach (var @case in bad.Take(ListedCases))
            {
                text.Append("  ").Append(CaseOutcome.Label(@case.Verdict)).Append(@case.Id).Append(": ")
                    .Append(Why(@case)).Append('\n');
            }

            if (bad.Length > ListedCases)
            {
                text.Append("  … and ").Append((bad.Length - ListedCases).ToString(CultureInfo.InvariantCulture))
                    .Append(" more (see each case's test, or results.json)\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Why(CaseResult @case) =>
        @case.Error ?? string.Join("; ", @case.Metrics.Where(m => m.Verdict != Verdict.Pass).Select(m => m.Name + " " + m.Verdict.ToContractString()));

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what;
}
