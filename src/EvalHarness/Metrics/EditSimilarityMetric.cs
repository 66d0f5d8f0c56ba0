using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>edit-similarity</c>: 1 − Levenshtein distance / longer length, over Unicode code points (see <see cref="TextSimilarity.EditSimilarity"/>); passes at or above <c>threshold</c> (default 0.8).</summary>
/// <remarks>With several references the most similar counts. Two empty texts are identical (1).</remarks>
public sealed class EditSimilarityMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly double _threshold = spec.Threshold(0.8);

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
        var score = references.Max(r => TextSimilarity.EditSimilarity(output, r));
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "edit similarity", score, _threshold));
    }
}
