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
    private readonly ListValue _value;
    private readonly bool _ignoreCase;

    /// <summary>Creates the metric.</summary>
    /// <param name="spec">The validated entry.</param>
    /// <param name="ignoreCase">True for the <c>i</c> form.</param>
    /// <exception cref="EvalConfigurationException">A literal comma-separated value with an unterminated quote.</exception>
    public ContainsAnyMetric(MetricSpec spec, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _value = new ListValue(spec);
        _ignoreCase = ignoreCase;
        Name = spec.DisplayName;
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

        var found = TextSearch.ContainsEach(context.Output, values, _ignoreCase);
        var passed = found.Any(f => f);
        var present = values.Where((_, i) => found[i]).Select(MetricOutcome.Quote).ToArray();
        var missing = values.Where((_, i) => !found[i]).Select(MetricOutcome.Quote).ToArray();
        var details = new Dictionary<string, string>
        {
            ["found"] = string.Join(", ", present),
            ["missing"] = string.Join(", ", missing),
        };
        var reason = values.Count == 0 ? "the list of values is empty"
            : (missing.Length == 0 ? "output contains all of " + string.Join(", ", present)
            : present.Length == 0 ? "output contains none of " + string.Join(", ", missing)
            : "output contains " + string.Join(", ", present) + " but not " + string.Join(", ", missing)) + (_ignoreCase ? " (ignoring case)" : string.Empty);
        return MetricOutcome.Done(MetricOutcome.Check(Name, passed, reason, details));
    }
}
