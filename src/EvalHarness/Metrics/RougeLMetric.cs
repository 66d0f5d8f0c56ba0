using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>rouge-l</c>: ROUGE-L F1 (LCS-based, β = 1) over white-space tokens (see <see cref="TextSimilarity.RougeL"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>Case is kept (lower-case both sides yourself if you want otherwise). With several references the best F1 counts.</remarks>
public sealed class RougeLMetric(MetricSpec spec) : IMetric
{
    private readonly ReferenceScore _score = new(ComparisonValue.From(spec), spec.Threshold(0.5), "ROUGE-L F1", (output, references) => references.Max(r => TextSimilarity.RougeL(output, r)));

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) => _score.Evaluate(Name, context);
}
