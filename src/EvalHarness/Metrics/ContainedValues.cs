using EvalHarness.Metrics.Text;

namespace EvalHarness.Metrics;

/// <summary>The shared evaluation of <c>contains-all</c> and <c>contains-any</c> (and their <c>i</c> forms): which values the output contains.</summary>
internal sealed class ContainedValues(ListValue value, bool ignoreCase, bool requireAll)
{
    public ValueTask<MetricResult> Evaluate(string name, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!value.TryResolve(context.Case, out var values, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(name, error!));
        }

        var found = TextSearch.ContainsEach(context.Output, values, ignoreCase);
        var passed = requireAll ? found.All(f => f) : found.Any(f => f);
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
            : "output contains " + string.Join(", ", present) + " but not " + string.Join(", ", missing)) + (ignoreCase ? " (ignoring case)" : string.Empty);
        return MetricOutcome.Done(MetricOutcome.Check(name, passed, reason, details));
    }
}
