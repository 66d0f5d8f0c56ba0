using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Metrics.Json;
using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>word-count</c>: the number of words (runs of non-white-space, as promptfoo splits on <c>/\s+/</c>) equals the value or lies in <c>{ min, max }</c> (inclusive).</summary>
/// <remarks><c>min</c> above <c>max</c> is a load-time error; a field that holds neither a number nor <c>{ min, max }</c> is the case's <see cref="Verdict.Error"/>.</remarks>
public sealed class WordCountMetric : IMetric
{
    private readonly ComparisonValue _value;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException"><c>min</c> is greater than <c>max</c>.</exception>
    public WordCountMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _value = ComparisonValue.From(spec);
        Name = spec.DisplayName;
        if (_value.Literal is { } literal && ConfigJson.ToJson(literal) is { } json && TryRange(json, out var min, out var max, out _) && min > max)
        {
            throw MetricConfiguration.Invalid(spec, "value", "min (" + MetricParameters.Format(min!.Value) + ") is greater than max (" + MetricParameters.Format(max!.Value) + ")");
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Counts words as promptfoo does: <c>text.trim().split(/\s+/)</c> without empty items.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsText.Trim(text).IsEmpty ? 0 : JsText.CountSplitTokens(text);
    }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolveJson(context.Case, out var expected, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (expected is null || !TryRange(expected, out var min, out var max, out var exact))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "the word count from " + _value.Describe() + " is neither a number nor { min, max } (" + context.Case.Source + ")"));
        }

        if (min > max)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "min is greater than max in the value from " + _value.Describe() + " (" + context.Case.Source + ")"));
        }

        var count = CountWords(context.Output);
        var passed = (min is null || count >= min) && (max is null || count <= max);
        var wanted = exact ? MetricParameters.Format(min!.Value)
            : min is not null && max is not null ? "between " + MetricParameters.Format(min.Value) + " and " + MetricParameters.Format(max.Value)
            : min is not null ? "at least " + MetricParameters.Format(min.Value) : "at most " + MetricParameters.Format(max!.Value);
        return MetricOutcome.Done(MetricResult.FromCheck(Name, passed, "output has " + count + " word(s); expected " + wanted) with { RawValue = count, Scale = "words" });
    }

    private static bool TryRange(JsonNode json, out double? min, out double? max, out bool exact)
    {
        min = max = null;
        exact = false;
        switch (json)
        {
            case JsonObject range:
                min = Number(range["min"]);
                max = Number(range["max"]);
                return (min is not null || max is not null) && range.All(p => p.Key is "min" or "max");
            case JsonValue value when Number(value) is { } number:
                min = max = number;
                exact = true;
                return true;
            default:
                return false;
        }
    }

    private static double? Number(JsonNode? node) => node is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String &&
        double.TryParse(ConfigJson.ToJsText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
