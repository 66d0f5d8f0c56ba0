using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>edit-similarity</c>: 1 − Levenshtein distance / longer length, over Unicode code points (see <see cref="TextSimilarity.EditSimilarity"/>); passes at or above <c>threshold</c> (default 0.8).</summary>
/// <remarks>With several references the most similar counts. Two empty texts are identical (1).</remarks>
public sealed class EditSimilarityMetric(MetricSpec spec) : IMetric
{
    private readonly ReferenceScore _score = new(ComparisonValue.From(spec), spec.Threshold(0.8), "edit similarity", (output, references) => references.Max(r => TextSimilarity.EditSimilarity(output, r)));

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) => _score.Evaluate(Name, context);
}
