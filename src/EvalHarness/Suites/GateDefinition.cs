namespace EvalHarness.Suites;

/// <summary>The suite's <c>gate:</c> section: what a run must achieve to pass.</summary>
/// <remarks>A suite without a gate behaves like a test suite: any <c>fail</c> or <c>error</c> verdict fails it.</remarks>
public sealed class GateDefinition
{
    /// <summary>Creates a gate.</summary>
    public GateDefinition(double? minPassRate, double? regressionAlpha, double? regressionMargin, double? budgetUsd, SourceLocation location)
    {
        MinPassRate = minPassRate;
        RegressionAlpha = regressionAlpha;
        RegressionMargin = regressionMargin;
        BudgetUsd = budgetUsd;
        Location = location;
    }

    /// <summary>The minimum fraction of cases whose verdict is <c>pass</c>, or null for no minimum.</summary>
    public double? MinPassRate { get; }

    /// <summary><c>regression.alpha</c>: the significance level of regression tests against the baseline.</summary>
    public double? RegressionAlpha { get; }

    /// <summary><c>regression.margin</c>: the non-inferiority margin of regression tests.</summary>
    public double? RegressionMargin { get; }

    /// <summary>The most the run may cost in US dollars, or null for no budget.</summary>
    public double? BudgetUsd { get; }

    /// <summary>Where the section was written.</summary>
    public SourceLocation Location { get; }
}
