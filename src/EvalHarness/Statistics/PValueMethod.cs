namespace EvalHarness.Statistics;

/// <summary>How a rank test computes its p-value.</summary>
public enum PValueMethod
{
    /// <summary>Exact when the samples are small enough and the exact distribution applies (no ties, no zeros), else asymptotic — scipy's <c>method="auto"</c> rule for each test.</summary>
    Auto,

    /// <summary>The exact null distribution (falls back to asymptotic where scipy does: zeros in a Wilcoxon test, a KS computation that overflows).</summary>
    Exact,

    /// <summary>The large-sample approximation (normal for Mann-Whitney and Wilcoxon, the Kolmogorov distribution for KS).</summary>
    Asymptotic,
}
