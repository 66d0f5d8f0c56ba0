namespace EvalHarness.Running;

/// <summary>One metric summarised over a suite's cases.</summary>
/// <param name="Name">The metric's display name.</param>
/// <param name="Count">How many cases it scored (with any verdict).</param>
/// <param name="Passed">Cases where it passed.</param>
/// <param name="Failed">Cases where it failed.</param>
/// <param name="Inconclusive">Cases where it was inconclusive.</param>
/// <param name="Errors">Cases where it errored.</param>
/// <param name="MeanScore">The mean of its non-null scores, or null when it produced none.</param>
public sealed record MetricAggregate(string Name, int Count, int Passed, int Failed, int Inconclusive, int Errors, double? MeanScore)
{
    /// <summary><see cref="Passed"/> / <see cref="Count"/>, or null when it scored no case.</summary>
    public double? PassRate => Count == 0 ? null : (double)Passed / Count;
}
