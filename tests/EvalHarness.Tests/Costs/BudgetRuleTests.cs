using EvalHarness.Costs;
using EvalHarness.Running;

namespace EvalHarness.Tests.Costs;

public sealed class BudgetRuleTests
{
    private static CostFigure Spent(decimal usd, int calls = 10, int unknown = 0) => new() { KnownUsd = usd, Calls = calls, UnknownCalls = unknown };

    [Theory]
    [InlineData("0.99", null)]
    [InlineData("1.00", 50)]
    [InlineData("1.49", 50)]
    [InlineData("1.50", 75)]
    [InlineData("1.79", 75)]
    [InlineData("1.80", 90)]
    [InlineData("2.00", 90)]
    public void WarningsStartAtFiftySeventyFiveAndNinetyPercent(string spent, int? mark)
    {
        var checks = BudgetRule.Evaluate(2.00, Spent(decimal.Parse(spent, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(Verdict.Pass, checks[0].Verdict);
        Assert.Equal(BudgetRule.CheckName, checks[0].Name);
        if (mark is null)
        {
            Assert.Single(checks);
        }
        else
        {
            Assert.Equal(2, checks.Count);
            Assert.Equal(BudgetRule.WarningCheckName, checks[1].Name);
            Assert.Equal(Verdict.Pass, checks[1].Verdict);
            Assert.StartsWith("warning: cost reached " + mark + "% of the budget", checks[1].Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ACostOverTheBudgetFails()
    {
        var check = Assert.Single(BudgetRule.Evaluate(2.00, Spent(2.01m)));

        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal("cost $2.01 of budget $2.00 (100.5%) exceeds the budget", check.Reason);
    }

    [Fact]
    public void WithinTheBudgetTheReasonGivesTheShare()
    {
        var check = Assert.Single(BudgetRule.Evaluate(2.00, Spent(0.0421m)));

        Assert.Equal("cost $0.0421 of budget $2.00 (2.1%) is within the budget", check.Reason);
    }

    [Fact]
    public void AnUnknownCostIsInconclusiveNotZero()
    {
        var checks = BudgetRule.Evaluate(2.00, Spent(0.50m, calls: 10, unknown: 3));

        var check = Assert.Single(checks);
        Assert.Equal(Verdict.Inconclusive, check.Verdict);
        Assert.Equal("cost unknown (3 of 10 calls could not be priced); the known part is $0.50 of budget $2.00 (25%)", check.Reason);
    }

    [Fact]
    public void AnUnknownCostStillWarnsOnTheKnownPart()
    {
        var checks = BudgetRule.Evaluate(2.00, Spent(1.60m, calls: 10, unknown: 1));

        Assert.Equal(Verdict.Inconclusive, checks[0].Verdict);
        Assert.Equal("warning: the known cost alone reached 75% of the budget ($1.60 of budget $2.00 (80%))", checks[1].Reason);
    }

    [Fact]
    public void AKnownPartOverTheBudgetFailsEvenWithUnknownCalls()
    {
        var check = Assert.Single(BudgetRule.Evaluate(1.00, Spent(1.25m, calls: 4, unknown: 2)));

        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal("cost at least $1.25 of budget $1.00 (125%) exceeds the budget (2 of 4 calls could not be priced)", check.Reason);
    }

    [Fact]
    public void AZeroBudgetAllowsOnlyFreeRuns()
    {
        Assert.Equal(Verdict.Pass, Assert.Single(BudgetRule.Evaluate(0, Spent(0m))).Verdict);
        Assert.Equal(Verdict.Fail, Assert.Single(BudgetRule.Evaluate(0, Spent(0.000001m))).Verdict);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteBudgetIsRejected(double budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetRule.Evaluate(budget, Spent(1m)));
}
