using EvalHarness.Statistics;

namespace EvalHarness.Reporting;

/// <summary>A pass rate with its 95 % Wilson score interval: for one metric, one tag ("segment") or a whole suite.</summary>
/// <param name="Name">The metric, the tag, or the suite.</param>
/// <param name="Passed">Passing results.</param>
/// <param name="Total">All results (inconclusive and errored ones count against the rate).</param>
/// <param name="MeanScore">The mean of the non-null scores, or null.</param>
public sealed record PassRateSummary(string Name, int Passed, int Total, double? MeanScore = null)
{
    /// <summary>The confidence level of <see cref="Interval"/>.</summary>
    public const double Confidence = 0.95;

    /// <summary><see cref="Passed"/> / <see cref="Total"/>, or null when <see cref="Total"/> is 0.</summary>
    public double? Rate => Total == 0 ? null : (double)Passed / Total;

    /// <summary>The Wilson score interval of the rate at <see cref="Confidence"/>, or null when <see cref="Total"/> is 0.</summary>
    public Interval? Interval => Total == 0 ? null : ConfidenceIntervals.Wilson(Passed, Total, Confidence);
}
