using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>contains</c>: the output contains the value (ordinal, case-sensitive, as promptfoo's <c>contains</c>).</summary>
/// <remarks>With <c>field:</c> naming a list, every item must be contained.</remarks>
public sealed class ContainsMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        if (!_value.TryResolve(context.Case, out var values, out var error))
        {
            return ValueTask.FromResult(MetricResult.Error(Name, error!));
        }

        var missing = values.Where(v => !context.Output.Contains(v, StringComparison.Ordinal)).ToArray();
        var passed = missing.Length == 0;
        var reason = passed
            ? "output contains " + string.Join(", ", values.Select(Quote))
            : "output does not contain " + string.Join(", ", missing.Select(Quote));
        return ValueTask.FromResult(MetricResult.FromCheck(Name, passed, reason));
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
