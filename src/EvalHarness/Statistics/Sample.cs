namespace EvalHarness.Statistics;

/// <summary>Shared input handling: NaN and empty samples become null so every statistic can answer NaN instead of throwing.</summary>
internal static class Sample
{
    public static bool HasNaN(IReadOnlyList<double> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A sorted copy, or null when the sample is empty or holds NaN.</summary>
    public static double[]? SortedOrNull(IReadOnlyList<double> values)
    {
        if (values.Count == 0 || HasNaN(values))
        {
            return null;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The mean, summed pairwise as numpy does so results agree to the last bits on long samples.</summary>
    public static double Mean(ReadOnlySpan<double> values) => PairwiseSum(values) / values.Length;

    /// <summary>
    /// The variance with <paramref name="ddof"/> delta degrees of freedom as scipy's t-tests compute it (the mean squared deviation
    /// times n / (n − ddof)): NaN when n ≤ ddof.
    /// </summary>
    public static double Variance(ReadOnlySpan<double> values, int ddof)
    {
        var n = values.Length;
        var mean = Mean(values);
        var squares = new double[n];
        for (var i = 0; i < n; i++)
        {
            var d = values[i] - mean;
            squares[i] = d * d;
        }

        var factor = n - ddof == 0 ? double.PositiveInfinity : (double)n / (n - ddof);
        return PairwiseSum(squares) / n * factor;
    }

    // numpy's pairwise summation: blocks of 8 accumulators below 128 elements, halves above (numpy/core/src/umath/loops_utils.h).
    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            for (var j = 0; j < 8; j++)
            {
                r[j] = a[j];
            }

            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
