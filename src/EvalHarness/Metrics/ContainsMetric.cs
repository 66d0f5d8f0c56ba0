using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>contains</c> / <c>icontains</c>: the output contains the value (ordinal; <c>icontains</c> lower-cases both sides first), as promptfoo's.</summary>
/// <remarks>
/// With <c>field:</c> naming a list, every item must be contained. An empty value is a configuration error (promptfoo rejects it too):
/// at load time for a literal, the case's <see cref="Verdict.Error"/> for a field. Unquoted numbers compare as JavaScript prints them.
/// </remarks>
public sealed class ContainsMetric : IMetric
{
    private readonly ComparisonValue _value;
    private readonly bool _ignoreCase;

    /// <summary>Creates the metric.</summary>
    /// <param name="spec">The validated entry.</param>
    /// <param name="ignoreCase">True for <c>icontains</c>.</param>
    /// <exception cref="EvalConfigurationException">The literal value is empty.</exception>
    public ContainsMetric(MetricSpec spec, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _value = ComparisonValue.From(spec);
        _ignoreCase = ignoreCase;
        Name = spec.DisplayName;
        if (_value.Literal is { Kind: ConfigNodeKind.Scalar, Scalar: "" })
        {
            throw MetricConfiguration.Invalid(spec, "value", "the value to look for is empty; every output contains the empty string");
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolve(context.Case, out var values, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (values.Count == 0 || values.Any(v => v.Length == 0))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "the value from " + _value.Describe() + " is empty (" + context.Case.Source + ")"));
        }

        var missing = new List<string>();
        foreach (var value in values)
        {
            if (!TextSearch.Contains(context.Output, value, _ignoreCase))
            {
                missing.Add(value);
            }
        }

        var passed = missing.Count == 0;
        var reason = passed
            ? "output contains " + string.Join(", ", values.Select(MetricOutcome.Quote))
            : "output does not contain " + string.Join(", ", missing.Select(MetricOutcome.Quote)) + (_ignoreCase ? " (ignoring case)" : string.Empty);
        return MetricOutcome.Done(MetricResult.FromCheck(Name, passed, reason));
    }
}
