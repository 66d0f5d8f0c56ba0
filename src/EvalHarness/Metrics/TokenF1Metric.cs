using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>token-f1</c>: SQuAD v1.1 token F1 between output and reference (see <see cref="TextSimilarity.TokenF1"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>With several references the best F1 counts (SQuAD's <c>metric_max_over_ground_truths</c>).</remarks>
public sealed class TokenF1Metric(MetricSpec spec) : IMetric
{
    private readonly ReferenceScore _score = new(ComparisonValue.From(spec), spec.Threshold(0.5), "token F1", (output, references) => references.Max(r => TextSimilarity.TokenF1(output, r)));

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) => _score.Evaluate(Name, context);
}
