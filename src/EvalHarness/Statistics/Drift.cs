namespace EvalHarness.Statistics;

/// <summary>Measures of how far a distribution has moved from a baseline.</summary>
public static class Drift
{
    /// <summary>The replacement for an empty bin's proportion, so the logarithm stays finite.</summary>
    public const double EmptyBinProportion = 1e-4;

    /// <summary>
    /// The population stability index of <paramref name="current"/> against <paramref name="baseline"/>: Σ (a − e)·ln(a / e) over
    /// bins, where e and a are the baseline's and the current sample's proportions per bin.
    /// </summary>
    /// <remarks>
    /// The cut points are the baseline's linear (numpy) percentiles at k/bins for k = 1 … bins − 1. Bins are right-closed with open
    /// outer bins: a value's bin is the number of cut points strictly below it. Empty bins count as <see cref="EmptyBinProportion"/>.
    /// Rules of thumb: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major one.
    /// </remarks>
    /// <returns>The index (0 for identical samples); NaN when either sample is empty or holds NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static double PopulationStabilityIndex(IReadOnlyList<double> baseline, IReadOnlyList<double> current, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (baseline.Count == 0 || current.Count == 0 || Sample.HasNaN(baseline) || Sample.HasNaN(current))
        {
            return double.NaN;
        }

        // One sorted copy for all the cut points (Percentile would sort the baseline once per cut).
        var sorted = Sample.SortedOrNull(baseline)!;
        var cuts = new double[bins - 1];
        for (var k = 1; k < bins; k++)
        {
            cuts[k - 1] = Descriptive.LinearOfSorted(sorted, 100.0 * k / bins);
        }

        var expected = Proportions(baseline, cuts, bins);
        var actual = Proportions(current, cuts, bins);
        var psi = 0.0;
        for (var i = 0; i < bins; i++)
        {
            psi += (actual[i] - expected[i]) * Math.Log(actual[i] / expected[i]);
        }

        return psi;
    }

    private static double[] Proportions(IReadOnlyList<double> values, double[] cuts, int bins)
    {
        var counts = new int[bins];
        foreach (var value in values)
        {
            var bin = 0;
            while (bin < cuts.Length && cuts[bin] < value)
            {
                bin++;
            }

            counts[bin]++;
        }

        return counts.Select(c => c == 0 ? EmptyBinProportion : (double)c / values.Count).ToArray();
    }
}
