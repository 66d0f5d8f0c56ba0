namespace EvalHarness.Statistics;

/// <summary>Effect sizes: how large a difference is, as opposed to how sure we are that it exists.</summary>
public static class EffectSize
{
    /// <summary>Cliff's δ of <paramref name="a"/> against <paramref name="b"/>: (#{a &gt; b} − #{a &lt; b}) / (n_a · n_b) over all pairs.</summary>
    /// <returns>A value in [−1, 1]: positive when a tends to be larger; 0 for identical distributions; NaN for an empty sample or NaN values.</returns>
    public static double CliffsDelta(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var sortedB = Sample.SortedOrNull(b);
        if (a.Count == 0 || sortedB is null || Sample.HasNaN(a))
        {
            return double.NaN;
        }

        // For each a, count b values below and above it by binary search: O((n + m) log m) instead of comparing every pair.
        long dominance = 0;
        foreach (var value in a)
        {
            var below = LowerBound(sortedB, value);
            var above = sortedB.Length - UpperBound(sortedB, value);
            dominance += below - above;
        }

        return (double)dominance / ((double)a.Count * sortedB.Length);
    }

    /// <summary>
    /// The magnitude label of a Cliff's δ by Romano et al.'s thresholds 0.147, 0.33 and 0.474 on |δ|; a value on a threshold takes the
    /// higher label. NaN is <see cref="EffectMagnitude.Negligible"/>: no evidence of an effect.
    /// </summary>
    public static EffectMagnitude Magnitude(double delta)
    {
        var size = Math.Abs(delta);
        return double.IsNaN(size) || size < 0.147 ? EffectMagnitude.Negligible
            : size < 0.33 ? EffectMagnitude.Small
            : size < 0.474 ? EffectMagnitude.Medium
            : EffectMagnitude.Large;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
