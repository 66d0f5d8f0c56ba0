namespace EvalHarness.Statistics;

/// <summary>A hypothesis test's statistic and two-sided p-value.</summary>
/// <param name="Statistic">The statistic as the reference implementation reports it (see each test); NaN when undefined.</param>
/// <param name="PValue">The two-sided p-value in [0, 1]; NaN when the test is undefined for the input (empty, NaN, no variation).</param>
public readonly record struct TestResult(double Statistic, double PValue);
