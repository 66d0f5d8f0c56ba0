using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>starts-with</c>: the output begins with the value (ordinal, no trimming), as promptfoo's.</summary>
/// <remarks>An empty value is a configuration error (load time for a literal, the case's <see cref="Verdict.Error"/> for a field).
/// With a field naming a list, the output must start with one of the items.</remarks>
public sealed class StartsWithMetric : IMetric
{
    private readonly ComparisonValue _value;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">The literal value is empty.</exception>
    public StartsWithMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _value = ComparisonValue.From(spec);
        Name = spec.DisplayName;
        if (_value.Literal is { Kind: ConfigNodeKind.Scalar, Scalar: "" })
        {
            throw MetricConfiguration.Invalid(spec, "value", "the prefix is empty; every output starts with the empty string");
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
            return MetricOutcome.Done(MetricResult.Error(Name, "the prefix from " + _value.Describe() + " is empty (" + context.Case.Source + ")"));
        }

        var match = values.FirstOrDefault(v => context.Output.StartsWith(v, StringComparison.Ordinal));
        return MetricOutcome.Done(MetricResult.FromCheck(Name, match is not null, match is not null
            ? "output starts with " + MetricOutcome.Quote(match)
            : "output does not start with " + string.Join(" or ", values.Select(MetricOutcome.Quote))));
    }
}
