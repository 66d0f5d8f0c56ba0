using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>contains-all</c> / <c>icontains-all</c>: the output contains every value (ordinal, or lower-casing both sides), as promptfoo's.</summary>
/// <remarks>
/// The value is a list, or one string that promptfoo splits on commas (<c>"refund, credit"</c> is two values; quote a value to keep a comma:
/// <c>'"1,000", 2'</c>). An empty list always passes, as in promptfoo. The <c>not-</c> form passes when
/// at least one value is missing.
/// </remarks>
public sealed class ContainsAllMetric : IMetric
{
    private readonly ContainedValues _check;

    /// <summary>Creates the metric.</summary>
    /// <param name="spec">The validated entry.</param>
    /// <param name="ignoreCase">True for the <c>i</c> form.</param>
    /// <exception cref="EvalConfigurationException">A literal comma-separated value with an unterminated quote.</exception>
    public ContainsAllMetric(MetricSpec spec, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _check = new ContainedValues(new ListValue(spec), ignoreCase, requireAll: true);
        Name = spec.DisplayName;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
        _check.Evaluate(Name, context);
}
