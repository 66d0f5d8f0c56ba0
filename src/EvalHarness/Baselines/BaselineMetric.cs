namespace EvalHarness.Baselines;

/// <summary>One metric's result on one case, as a baseline keeps it.</summary>
/// <param name="Score">The 0..1 score rounded to six decimals, or null when the metric produced none.</param>
/// <param name="Verdict">The metric's verdict.</param>
public sealed record BaselineMetric(double? Score, Verdict Verdict);
