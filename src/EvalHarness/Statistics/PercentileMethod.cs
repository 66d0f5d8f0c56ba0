namespace EvalHarness.Statistics;

/// <summary>How <see cref="Descriptive.Percentile"/> picks or interpolates a value between order statistics.</summary>
public enum PercentileMethod
{
    /// <summary>
    /// Linear interpolation between the two nearest order statistics at index <c>q·(n − 1)</c> (0-based): numpy's default
    /// <c>method="linear"</c>, Hyndman and Fan's type 7, Excel's <c>PERCENTILE.INC</c>.
    /// </summary>
    Linear,

    /// <summary>The <c>⌈q·n⌉</c>-th smallest value (1-based; the smallest value for q = 0): always an observed value, never interpolated.</summary>
    NearestRank,
}
