namespace EvalHarness.Statistics;

/// <summary>How large an effect is, in Romano et al.'s (2006) labels for Cliff's δ.</summary>
public enum EffectMagnitude
{
    /// <summary>|δ| &lt; 0.147.</summary>
    Negligible,

    /// <summary>0.147 ≤ |δ| &lt; 0.33.</summary>
    Small,

    /// <summary>0.33 ≤ |δ| &lt; 0.474.</summary>
    Medium,

    /// <summary>|δ| ≥ 0.474.</summary>
    Large,
}
