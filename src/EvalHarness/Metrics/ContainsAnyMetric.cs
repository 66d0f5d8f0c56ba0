using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>contains-any</c> / <c>icontains-any</c>: the output contains at least one of the values (ordinal, or lower-casing both sides), as promptfoo's.</summary>
/// <remarks>
/// The value is a list, or one string that promptfoo splits on commas (<c>"refund, credit"</c> is two values; quote a value to keep a comma:
/// <c>'"1,000", 2'</c>). An empty list never passes, as in promptfoo. The <c>not-</c> form passes when
/// none of the values is contained.
/// </remarks>
public sealed class ContainsAnyMetric : IMetric
{
    private readonly ContainedValues _check;

    /// <summary>Creates the metric.</summary>
    /// <param name="spec">The validated entry.</param>
    /// <param name="ignoreCase">True for the <c>i</c> form.</param>
    /// <exception cref="EvalConfigurationException">A literal comma-separated value with an unterminated quote.</exception>
    public ContainsAnyMetric(MetricSpec spec, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _check = new ContainedValues(new ListValue(spec), ignoreCase, requireAll: false);
        Name = spec.DisplayName;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default) =>
        _check.Evaluate(Name, context);
}
