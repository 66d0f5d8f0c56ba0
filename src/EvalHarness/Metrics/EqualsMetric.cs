using System.Text.Json.Nodes;
using EvalHarness.Metrics.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>equals</c>: the output is exactly the value (no trimming, case-sensitive), as promptfoo's.</summary>
/// <remarks>
/// A mapping or list value (or a field holding an object or array) instead compares the output parsed as JSON, structurally
/// (key order ignored, numbers by value); output that is not JSON then fails. Unquoted YAML numbers compare as JavaScript prints
/// them (<c>value: 1.50</c> expects <c>1.5</c>). Without <c>value</c> or <c>field</c> the case's <c>expected</c> is used.
/// </remarks>
public sealed class EqualsMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolveJson(context.Case, out var expected, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (expected is JsonObject or JsonArray)
        {
            if (!JsonText.TryParse(context.Output, out var actual, out var problem))
            {
                return MetricOutcome.Done(MetricResult.FromCheck(Name, false, "output is not JSON (" + problem + "), so it cannot equal the JSON value from " + _value.Describe()));
            }

            var same = JsonComparison.DeepEquals(expected, actual);
            return MetricOutcome.Done(MetricResult.FromCheck(Name, same, same
                ? "output is JSON equal to the value from " + _value.Describe()
                : "output JSON differs from " + MetricOutcome.Quote(expected.ToJsonString())));
        }

        var text = ConfigJson.ToJsText(expected);
        var equal = string.Equals(text, context.Output, StringComparison.Ordinal);
        return MetricOutcome.Done(MetricResult.FromCheck(Name, equal, equal
            ? "output equals " + MetricOutcome.Quote(text)
            : "output " + MetricOutcome.Quote(context.Output) + " does not equal " + MetricOutcome.Quote(text)));
    }
}
