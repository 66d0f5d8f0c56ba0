namespace EvalHarness.Baselines;

/// <summary>How far a distribution moved from the baseline's, by the rule drift monitors use.</summary>
public enum DriftLevel
{
    /// <summary>Within the thresholds.</summary>
    None,

    /// <summary>Mean changed by more than <c>pct_threshold</c>, or |z| &gt; 3, or the KS test's p &lt; 0.05.</summary>
    Drift,

    /// <summary>Mean changed by more than 50 %, or |z| &gt; 5.</summary>
    Critical,
}
