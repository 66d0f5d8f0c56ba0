namespace EvalHarness.Metrics;

/// <summary>The <c>not-</c> form of a metric: pass and fail swap and the score becomes 1 − score.</summary>
/// <remarks><see cref="Verdict.Error"/> and <see cref="Verdict.Inconclusive"/> stay as they are: negating an error is still an error.</remarks>
public sealed class NegatedMetric(IMetric inner, string name) : IMetric
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public async ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        var result = await inner.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        return result.Verdict switch
        {
            Verdict.Pass => result with { Name = name, Verdict = Verdict.Fail, Score = 1 - result.Score, Reason = "negated: " + result.Reason },
            Verdict.Fail => result with { Name = name, Verdict = Verdict.Pass, Score = 1 - result.Score, Reason = "negated: " + result.Reason },
            _ => result with { Name = name },
        };
    }
}
