namespace EvalHarness.Statistics;

/// <summary>Descriptive statistics of one sample.</summary>
public static class Descriptive
{
    /// <summary>The <paramref name="percentile"/>-th percentile of <paramref name="values"/>.</summary>
    /// <param name="values">The sample, in any order; it is not modified.</param>
    /// <param name="percentile">The percentile on a 0–100 scale, as <c>numpy.percentile</c> takes it (95 for p95, not 0.95).</param>
    /// <param name="method"><see cref="PercentileMethod.Linear"/> (numpy's default) or <see cref="PercentileMethod.NearestRank"/>.</param>
    /// <returns>
    /// The percentile; NaN for an empty sample, a sample holding NaN, or a NaN <paramref name="percentile"/>. With
    /// <see cref="PercentileMethod.Linear"/> the value matches <c>numpy.percentile(values, percentile)</c> of numpy 1.24 bit for bit.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is outside 0–100.</exception>
    /// <example><c>Descriptive.Percentile(latencies, 95)</c> is the p95 latency.</example>
    public static double Percentile(IReadOnlyList<double> values, double percentile, PercentileMethod method = PercentileMethod.Linear)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (double.IsNaN(percentile))
        {
            return double.NaN;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = Sample.SortedOrNull(values);
        if (sorted is null)
        {
            return double.NaN;
        }

        return method == PercentileMethod.NearestRank ? NearestRankOfSorted(sorted, percentile) : LinearOfSorted(sorted, percentile);
    }

    /// <summary>The nearest-rank percentile of an ascending, NaN-free, non-empty sample.</summary>
    internal static double NearestRankOfSorted(double[] sorted, double percentile)
    {
        var n = sorted.Length;

        // percentile·n is exact for whole percentiles, so dividing last avoids 0.07·100 = 7.000000000000001 rounding up.
        var rank = (int)Math.Ceiling(percentile * n / 100);
        return sorted[Math.Clamp(rank, 1, n) - 1];
    }

    /// <summary>The linear (numpy) percentile of an ascending, NaN-free, non-empty sample: callers needing several percentiles sort once.</summary>
    internal static double LinearOfSorted(double[] sorted, double percentile)
    {
        var n = sorted.Length;
        var index = percentile / 100 * (n - 1);
        var below = Math.Clamp((int)Math.Floor(index), 0, n - 1);
        var above = Math.Min(below + 1, n - 1);
        var t = index - below;
        var a = sorted[below];
        var b = sorted[above];
        var diff = b - a;

        // numpy 1.24's _lerp: interpolate from the nearer end so the result is monotonic and exact at t = 1.
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
