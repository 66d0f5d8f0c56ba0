using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>latency</c>: the system under test's call took at most <c>max_ms</c> milliseconds.</summary>
/// <remarks>Judge time is never counted. With no measured call (outputs from the dataset) the verdict is
/// <see cref="Verdict.Inconclusive"/>, not a pass.</remarks>
public sealed class LatencyMetric(MetricSpec spec) : IMetric
{
    private readonly double _maxMs = spec.GetDouble("max_ms") ?? 0;

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        if (context.Measurements.LatencyMs is not { } latency)
        {
            return ValueTask.FromResult(new MetricResult
            {
                Name = Name,
                Verdict = Verdict.Inconclusive,
                Reason = "no call was measured for this case (outputs came from the dataset)",
            });
        }

        var passed = latency <= _maxMs;
        return ValueTask.FromResult(new MetricResult
        {
            Name = Name,
            Score = passed ? 1 : 0,
            RawValue = latency,
            Scale = "ms",
            Verdict = passed ? Verdict.Pass : Verdict.Fail,
            Reason = MetricParameters.Format(latency) + " ms " + (passed ? "<=" : ">") + " max " + MetricParameters.Format(_maxMs) + " ms" +
                (context.Measurements.Replayed ? " (recorded latency)" : string.Empty),
        });
    }
}
