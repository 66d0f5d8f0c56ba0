namespace EvalHarness.Statistics;

/// <summary>Ranks with ties averaged (scipy's <c>rankdata(method="average")</c>), and the tie-correction terms rank tests need.</summary>
internal static class Ranking
{
    /// <summary>1-based ranks of <paramref name="values"/>; tied values share the mean of the ranks they span.</summary>
    public static double[] Average(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            // Positions start..end-1 (0-based) hold ranks start+1..end; their mean is (start + 1 + end) / 2.
            var rank = 0.5 * (start + 1 + end);
            for (var i = start; i < end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>The sizes of the groups of equal values (groups of one included).</summary>
    public static IEnumerable<long> TieGroupSizes(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
            {
                end++;
            }

            yield return end - start;
            start = end;
        }
    }

    /// <summary>Σ (t³ − t) over groups of tied values.</summary>
    public static double TieTerm(IReadOnlyList<double> values)
    {
        double sum = 0;
        foreach (var t in TieGroupSizes(values))
        {
            sum += (t * t * t) - t;
        }

        return sum;
    }
}
