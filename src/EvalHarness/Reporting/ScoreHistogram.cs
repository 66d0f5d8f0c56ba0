namespace EvalHarness.Reporting;

/// <summary>How one metric's scores (0..1) are distributed over a suite's cases, in ten bins of width 0.1.</summary>
/// <param name="Metric">The metric's display name.</param>
/// <param name="Bins">Ten counts: [0, 0.1), [0.1, 0.2), … [0.9, 1.0] (the last bin includes 1).</param>
/// <param name="Unscored">Results without a score (errors, inconclusive results, metrics without a numeric score).</param>
public sealed record ScoreHistogram(string Metric, IReadOnlyList<int> Bins, int Unscored)
{
    /// <summary>The number of bins.</summary>
    public const int BinCount = 10;

    /// <summary>Results with a score.</summary>
    public int Scored => Bins.Sum();

    /// <summary>The bin a score falls in.</summary>
    public static int BinOf(double score) => Math.Clamp((int)Math.Floor(score * BinCount), 0, BinCount - 1);
}
