using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>rouge-l</c>: ROUGE-L F1 (LCS-based, β = 1) over white-space tokens (see <see cref="TextSimilarity.RougeL"/>); passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>Case is kept (lower-case both sides yourself if you want otherwise). With several references the best F1 counts.</remarks>
public sealed class RougeLMetric(MetricSpec spec) : IMetric
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
        var score = references.Max(r => TextSimilarity.RougeL(output, r));
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "ROUGE-L F1", score, _threshold));
    }
}
