namespace EvalHarness;

/// <summary>Scores one case's output.</summary>
/// <remarks>
/// Implementations return <see cref="Verdict.Error"/> results for problems they meet (bad input, provider failures)
/// rather than throwing; the runner also turns any exception into an <see cref="Verdict.Error"/> result, never a pass.
/// </remarks>
public interface IMetric
{
    /// <summary>The name shown in results.</summary>
    string Name { get; }

    /// <summary>Evaluates the output in <paramref name="context"/>.</summary>
    ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default);
}
