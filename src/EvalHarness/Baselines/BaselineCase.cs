namespace EvalHarness.Baselines;

/// <summary>One case as a baseline keeps it: the verdicts and scores a later run is compared with, and the measurements drift is tracked on.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Verdict">The case's verdict.</param>
/// <param name="Metrics">
/// Metric results by metric name. A name that occurs twice in one case (two unnamed <c>contains</c> checks) is kept as
/// <c>name#2</c>, <c>name#3</c>… in order.
/// </param>
/// <param name="LatencyMs">The system under test's latency in whole milliseconds, or null when no call was measured.</param>
/// <param name="CostUsd">The call's cost in US dollars (8 decimals), or null when unknown.</param>
public sealed record BaselineCase(string Id, Verdict Verdict, IReadOnlyDictionary<string, BaselineMetric> Metrics, double? LatencyMs, double? CostUsd);
