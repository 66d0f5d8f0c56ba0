namespace EvalHarness.Baselines;

/// <summary>What a comparison with the baseline concluded, for one metric or for a whole suite.</summary>
public enum ComparisonVerdict
{
    /// <summary>No change larger than the margin: the data rule out a decline bigger than the non-inferiority margin.</summary>
    Pass,

    /// <summary>A statistically significant improvement larger than the margin.</summary>
    Improved,

    /// <summary>A statistically significant decline larger than the margin.</summary>
    Regressed,

    /// <summary>The data cannot tell: too few paired cases, or an interval that still admits a decline bigger than the margin.</summary>
    Inconclusive,
}
