using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>bleu-score</c>: sentence BLEU exactly as nltk 3.8's <c>sentence_bleu</c> with <c>SmoothingFunction().method1</c> (see <see cref="Bleu"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>White-space tokens, case kept; several references (a list value or a list field) are used together as nltk's references.</remarks>
public sealed class BleuScoreMetric(MetricSpec spec) : IMetric
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
        var score = Bleu.Sentence(references, output);
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "BLEU", score, _threshold));
    }
}
