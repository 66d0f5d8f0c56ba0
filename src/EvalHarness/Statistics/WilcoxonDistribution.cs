namespace EvalHarness.Statistics;

/// <summary>The exact null distribution of the Wilcoxon signed-rank sum r₊ for n untied, non-zero differences (scipy's <c>_get_wilcoxon_distr</c>).</summary>
internal static class WilcoxonDistribution
{
    /// <summary>P(r₊ = r) for r = 0 … n(n+1)/2.</summary>
    public static double[] Pmf(int n)
    {
        var c = new double[] { 1 };
        for (var k = 1; k <= n; k++)
        {
            var previous = c;
            c = new double[(k * (k + 1) / 2) + 1];
            var m = previous.Length;
            for (var i = 0; i < m; i++)
            {
                c[i] = previous[i] * 0.5;
            }

            for (var i = 0; i < m; i++)
            {
                c[c.Length - m + i] += previous[i] * 0.5;
            }
        }

        return c;
    }
}
