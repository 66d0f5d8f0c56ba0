using System.Globalization;
using EvalHarness.Running;

namespace EvalHarness.Costs;

/// <summary>
/// The <c>budget_usd</c> rule of a gate: how much of the budget a run (or suite) spent, with warnings at 50, 75 and 90 % and a failure
/// when the cost exceeds the budget.
/// </summary>
/// <remarks>
/// An unknown cost is never taken as zero: when some calls could not be priced and the known part stays within the budget, the rule is
/// <see cref="Verdict.Inconclusive"/>; when the known part alone exceeds it, the rule fails. A cost equal to the budget passes (the budget
/// is the most a run may cost) with the 90 % warning. Warnings are separate checks named <see cref="WarningCheckName"/> whose verdict is
/// <see cref="Verdict.Pass"/> and whose reason starts with <c>warning:</c>, so they never change the gate's verdict.
/// </remarks>
public static class BudgetRule
{
    /// <summary>The name of the rule's main check.</summary>
    public const string CheckName = "budget_usd";

    /// <summary>The name of the warning check added when spending reaches a warning mark.</summary>
    public const string WarningCheckName = "budget_usd_warning";

    /// <summary>The percentages of the budget at which a warning is given.</summary>
    public static IReadOnlyList<int> WarningPercents { get; } = [50, 75, 90];

    /// <summary>Checks <paramref name="cost"/> against <paramref name="budgetUsd"/>.</summary>
    /// <param name="budgetUsd">The most the calls may cost, in USD (0 or more).</param>
    /// <param name="cost">What they cost.</param>
    /// <returns>The <see cref="CheckName"/> check, followed by a <see cref="WarningCheckName"/> check when a warning mark is reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The budget is negative or not a number.</exception>
    public static IReadOnlyList<GateCheck> Evaluate(double budgetUsd, CostFigure cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!double.IsFinite(budgetUsd) || budgetUsd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetUsd), budgetUsd, "the budget must be a finite, non-negative number of US dollars");
        }

        var budget = (decimal)budgetUsd;
        var known = cost.KnownUsd;
        var checks = new List<GateCheck>(2);
        var spent = Usd(known) + " of budget " + Usd(budget) + " (" + Percent(known, budget) + ")";
        if (known > budget)
        {
            checks.Add(new GateCheck(CheckName, Verdict.Fail, (cost.IsComplete ? "cost " : "cost at least ") + spent + " exceeds the budget" +
                Unknown(cost)));
            return checks;
        }

        checks.Add(cost.IsComplete
            ? new GateCheck(CheckName, Verdict.Pass, "cost " + spent + " is within the budget")
            : new GateCheck(CheckName, Verdict.Inconclusive, "cost unknown" + Unknown(cost) + "; the known part is " + spent));

        if (WarningMark(known, budget) is { } mark)
        {
            checks.Add(new GateCheck(WarningCheckName, Verdict.Pass, "warning: " + (cost.IsComplete ? "cost reached " : "the known cost alone reached ") +
                mark.ToString(CultureInfo.InvariantCulture) + "% of the budget (" + spent + ")"));
        }

        return checks;
    }

    /// <summary>The highest warning mark (50, 75 or 90) that <paramref name="spentUsd"/> reaches, or null below 50 % or above the budget.</summary>
    public static int? WarningMark(decimal spentUsd, decimal budgetUsd)
    {
        if (spentUsd > budgetUsd)
        {
            return null;
        }

        int? mark = null;
        foreach (var percent in WarningPercents)
        {
            if (spentUsd * 100 >= budgetUsd * percent && spentUsd > 0)
            {
                mark = percent;
            }
        }

        return mark;
    }

    private static string Unknown(CostFigure cost) => cost.IsComplete ? string.Empty
        : " (" + cost.UnknownCalls.ToString(CultureInfo.InvariantCulture) + " of " + cost.Calls.ToString(CultureInfo.InvariantCulture) +
          " calls could not be priced)";

    private static string Usd(decimal value) => CostFormat.Usd(value);

    private static string Percent(decimal value, decimal budget) => budget == 0
        ? (value == 0 ? "0%" : "over 100%")
        : Math.Round(value * 100 / budget, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
