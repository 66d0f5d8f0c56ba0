using EvalHarness.Metrics.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>is-json</c>: the whole output (surrounding white space aside) parses as one JSON value and, when <c>value</c> holds a JSON Schema, satisfies it.</summary>
/// <remarks>
/// As promptfoo's: <c>value</c> is the schema (a mapping, a YAML/JSON string, or <c>file://schema.json</c> relative to the suite file);
/// a schema that does not compile is a load-time error. Parsing follows <c>JSON.parse</c>: no comments, no trailing commas.
/// </remarks>
public sealed class IsJsonMetric : IMetric
{
    private readonly SchemaValidator? _schema;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">The schema does not compile or its file is missing.</exception>
    public IsJsonMetric(MetricSpec spec)
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
        if (!JsonText.TryParse(context.Output, out var value, out var problem))
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, false, "output is not valid JSON (" + problem + ")"));
        }

        var kind = value?.GetValueKind().ToString().ToLowerInvariant() ?? "null";
        if (_schema is null)
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, true, "output is valid JSON (" + kind + ")"));
        }

        var violations = _schema.Validate(value);
        return MetricOutcome.Done(violations.Count == 0
            ? MetricResult.FromCheck(Name, true, "output is valid JSON (" + kind + ") and conforms to the schema")
            : SchemaFailure(Name, "output is JSON but does not conform to the schema", violations));
    }

    internal static MetricResult SchemaFailure(string name, string reason, IReadOnlyList<string> violations) =>
        MetricOutcome.Check(name, false, reason + ": " + string.Join("; ", violations.Take(5)) + (violations.Count > 5 ? "; …" : string.Empty),
            new Dictionary<string, string> { ["violations"] = string.Join("\n", violations) });
}
