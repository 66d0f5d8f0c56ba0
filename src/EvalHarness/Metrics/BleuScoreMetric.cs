using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>bleu-score</c>: sentence BLEU exactly as nltk 3.8's <c>sentence_bleu</c> with <c>SmoothingFunction().method1</c> (see <see cref="Bleu"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>White-space tokens, case kept; several references (a list value or a list field) are used together as nltk's references.</remarks>
public sealed class BleuScoreMetric(MetricSpec spec) : IMetric
{
    private readonly ReferenceScore _score = new(ComparisonValue.From(spec), spec.Threshold(0.5), "BLEU", (output, references) => Bleu.Sentence(references, output));

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) => _score.Evaluate(Name, context);
}
