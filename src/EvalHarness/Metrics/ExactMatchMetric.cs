using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>exact-match</c>: SQuAD v1.1 exact match — output and reference are equal after <see cref="TextSimilarity.NormalizeAnswer"/> (score 1 or 0).</summary>
/// <remarks>With several references, matching any one passes. Normalisation drops case, ASCII punctuation, a/an/the and extra white space, so
/// "The Eiffel Tower!" matches "eiffel tower"; two texts that normalise to nothing match.</remarks>
public sealed class ExactMatchMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);

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

        var match = references.FirstOrDefault(r => TextSimilarity.ExactMatch(context.Output, r));
        return MetricOutcome.Done(MetricResult.FromCheck(Name, match is not null, match is not null
            ? "normalised output equals normalised " + MetricOutcome.Quote(match)
            : "normalised output " + MetricOutcome.Quote(TextSimilarity.NormalizeAnswer(context.Output)) + " equals no normalised reference"));
    }
}
