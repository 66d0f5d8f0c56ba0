namespace EvalHarness.Statistics;

/// <summary>How the Wilcoxon signed-rank test treats pairs whose difference is zero.</summary>
public enum ZeroMethod
{
    /// <summary>Drop zero differences before ranking (Wilcoxon's original rule, scipy's default).</summary>
    Wilcox,

    /// <summary>Rank zero differences with the others, then drop their ranks (Pratt's rule: more conservative, keeps ties with no change visible).</summary>
    Pratt,
}
