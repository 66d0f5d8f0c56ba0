namespace EvalHarness.Statistics;

/// <summary>The exact null distribution of the Mann-Whitney U statistic without ties (Mann and Whitney 1947; scipy's <c>_MWU</c>).</summary>
internal static class MannWhitneyDistribution
{
    /// <summary>
    /// Above this many recurrence steps (about 0.2 s) the exact distribution is not built and callers use the normal approximation,
    /// which at such sizes agrees with it to several digits. scipy has no such limit; its exact results then take minutes.
    /// </summary>
    public const long MaxSteps = 200_000_000;

    /// <summary>True when the exact distribution for these sizes takes at most <see cref="MaxSteps"/> steps.</summary>
    public static bool Feasible(int m, int n) => (double)m * n * (((double)m * n / 2) + 1) <= MaxSteps;

    /// <summary>P(U ≥ u) for sample sizes <paramref name="m"/> and <paramref name="n"/>: by symmetry P(U ≤ m·n − u).</summary>
    public static double Sf(int u, int m, int n) => Cdf((m * n) - u, m, n);

    /// <summary>P(U ≤ k), built from the recurrence p(i, j, k) = i/(i+j)·p(i−1, j, k−j) + j/(i+j)·p(i, j−1, k).</summary>
    public static double Cdf(int k, int m, int n)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= m * n)
        {
            return 1;
        }

        // The inner dimension is the smaller sample (the table is symmetric in m and n); only values up to k are needed.
        var outer = Math.Max(m, n);
        var inner = Math.Min(m, n);
        var previous = new double[inner + 1][];
        var current = new double[inner + 1][];
        for (var j = 0; j <= inner; j++)
        {
            previous[j] = new double[k + 1];
            current[j] = new double[k + 1];
            previous[j][0] = 1; // p(0, j, ·) puts all mass on 0
        }

        for (var i = 1; i <= outer; i++)
        {
            Array.Clear(current[0]);
            current[0][0] = 1; // p(i, 0, ·) too
            for (var j = 1; j <= inner; j++)
            {
                var row = current[j];
                var left = current[j - 1];
                var down = previous[j];
                var wDown = (double)i / (i + j);
                var wLeft = (double)j / (i + j);
                for (var kk = 0; kk <= k; kk++)
                {
                    var fromDown = kk >= j ? down[kk - j] : 0;
                    row[kk] = (wDown * fromDown) + (wLeft * left[kk]);
                }
            }

            (previous, current) = (current, previous);
        }

        var pmf = previous[inner];
        var cdf = 0.0;
        for (var kk = 0; kk <= k; kk++)
        {
            cdf += pmf[kk];
        }

        return cdf;
    }
}
