using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>token-f1</c>: SQuAD v1.1 token F1 between output and reference (see <see cref="TextSimilarity.TokenF1"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>With several references the best F1 counts (SQuAD's <c>metric_max_over_ground_truths</c>).</remarks>
public sealed class TokenF1Metric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly double _threshold = spec.Threshold(0.5);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolve(context.Case, out var references, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (references.Count == 0)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "no reference text in " + _value.Describe() + " (" + context.Case.Source + ")"));
        }

        var output = context.Output;
        var score = references.Max(r => TextSimilarity.TokenF1(output, r));
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "token F1", score, _threshold));
    }
}
