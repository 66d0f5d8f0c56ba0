using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>levenshtein</c>: the edit distance between output and value is at most <c>threshold</c> (default 5), as promptfoo's.</summary>
/// <remarks>
/// As promptfoo (which measures JavaScript strings) the distance counts UTF-16 code units, so an emoji outside the Basic Multilingual
/// Plane costs 2; <c>edit-similarity</c> counts code points. The score is 1 on pass and 0 on fail; the distance is the raw value.
/// </remarks>
public sealed class LevenshteinMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly double _threshold = spec.Threshold(5);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolve(context.Case, out var values, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (values.Count != 1)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "levenshtein compares with one string; " + _value.Describe() + " gave " + values.Count + " (" + context.Case.Source + ")"));
        }

        var distance = EditDistance.Utf16(context.Output, values[0]);
        var passed = distance <= _threshold;
        return MetricOutcome.Done(MetricResult.FromCheck(Name, passed, "Levenshtein distance " + distance + (passed ? " <= " : " > ") + "threshold " + MetricParameters.Format(_threshold))
            with { RawValue = distance, Scale = "edits (UTF-16 units)" });
    }
}
