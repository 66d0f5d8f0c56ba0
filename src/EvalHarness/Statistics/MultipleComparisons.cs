namespace EvalHarness.Statistics;

/// <summary>Adjusted p-values for families of tests, as statsmodels' <c>multipletests</c>.</summary>
/// <remarks>
/// Reject a hypothesis when its adjusted p-value is at most α. NaN p-values sort last, as numpy sorts them: Holm leaves the others
/// unaffected and the NaN ones NaN; Benjamini-Hochberg's step-up pass carries the NaN to every value, as statsmodels does.
/// </remarks>
public static class MultipleComparisons
{
    /// <summary>Holm's step-down adjustment (controls the family-wise error rate): p₍ᵢ₎·(m − i + 1), made monotone, capped at 1.</summary>
    /// <returns>Adjusted p-values in the input's order.</returns>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var order = SortOrder(p);
        var m = p.Count;
        var adjusted = new double[m];
        var running = double.NegativeInfinity;
        for (var i = 0; i < m; i++)
        {
            var value = p[order[i]] * (m - i);
            running = double.IsNaN(running) || double.IsNaN(value) ? double.NaN : Math.Max(running, value);
            adjusted[order[i]] = running > 1 ? 1 : running;
        }

        return adjusted;
    }

    /// <summary>Benjamini and Hochberg's step-up adjustment (controls the false discovery rate): p₍ᵢ₎·m / i, made monotone, capped at 1.</summary>
    /// <returns>Adjusted p-values in the input's order.</returns>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var order = SortOrder(p);
        var m = p.Count;
        var adjusted = new double[m];
        var running = double.PositiveInfinity;
        for (var i = m - 1; i >= 0; i--)
        {
            var value = p[order[i]] / ((i + 1) / (double)m);
            running = double.IsNaN(running) || double.IsNaN(value) ? double.NaN : Math.Min(running, value);
            adjusted[order[i]] = running > 1 ? 1 : running;
        }

        return adjusted;
    }

    // Ascending with NaN last (numpy's argsort order); ties keep input order, which cannot change the adjusted values.
    // The index breaks ties, making the order total, so the unstable Array.Sort gives the stable order (and is several times faster than LINQ's).
    private static int[] SortOrder(IReadOnlyList<double> p)
    {
        var values = p as double[] ?? [.. p];
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            bool nanX = double.IsNaN(values[x]), nanY = double.IsNaN(values[y]);
            var byValue = nanX || nanY ? nanX.CompareTo(nanY) : values[x].CompareTo(values[y]);
            return byValue != 0 ? byValue : x.CompareTo(y);
        });
        return order;
    }
}
