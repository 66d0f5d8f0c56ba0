using EvalHarness.Metrics.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>contains-json</c>: the output contains a JSON object somewhere in its prose (and, when <c>value</c> holds a JSON Schema, one that satisfies it).</summary>
/// <remarks>
/// Extraction is promptfoo's: objects only (a bare array is not found), parsed leniently (YAML flow syntax such as unquoted keys,
/// <c>//</c> comments, and missing closing braces at the very end are accepted). The first object that satisfies the schema passes.
/// </remarks>
public sealed class ContainsJsonMetric : IMetric
{
    private readonly SchemaValidator? _schema;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">The schema does not compile or its file is missing.</exception>
    public ContainsJsonMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.DisplayName;
        _schema = SchemaSource.Load(spec, "value");
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var objects = JsonInProse.Extract(context.Output);
        if (objects.Count == 0)
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, false, "output contains no JSON object"));
        }

        if (_schema is null)
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, true, "output contains " + objects.Count + " JSON object(s)"));
        }

        IReadOnlyList<string> violations = [];
        foreach (var candidate in objects)
        {
            violations = _schema.Validate(candidate);
            if (violations.Count == 0)
            {
                return MetricOutcome.Done(MetricResult.FromCheck(Name, true, "output contains a JSON object that conforms to the schema"));
            }
        }

        return MetricOutcome.Done(IsJsonMetric.SchemaFailure(Name, "none of the " + objects.Count + " JSON object(s) in the output conforms to the schema", violations));
    }
}
