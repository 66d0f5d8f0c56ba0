namespace EvalHarness.Metrics;

/// <summary>The shared evaluation of metrics that score the output against reference text(s) and pass at a threshold.</summary>
internal sealed class ReferenceScore(ComparisonValue value, double threshold, string label, Func<string, IReadOnlyList<string>, double> score)
{
    public ValueTask<MetricResult> Evaluate(string name, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!value.TryResolve(context.Case, out var references, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(name, error!));
        }

        if (references.Count == 0)
        {
            return MetricOutcome.Done(MetricResult.Error(name, "no reference text in " + value.Describe() + " (" + context.Case.Source + ")"));
        }

        return MetricOutcome.Done(MetricOutcome.Scored(name, label, score(context.Output, references), threshold));
    }
}
