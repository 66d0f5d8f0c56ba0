namespace EvalHarness.Suites;

/// <summary>The built-in metrics every suite file may name. One list serves the analyzer and the run-time loader.</summary>
public static class MetricCatalog
{
    private static readonly ParameterDescriptor Threshold =
        new("threshold", ParameterKind.Fraction, "minimum score (0..1) for the metric to pass", min: 0, max: 1);

    private static readonly ParameterDescriptor IgnoreCase =
        new("ignore_case", ParameterKind.Boolean, "compare without regard to letter case");

    /// <summary>All built-in metric descriptors, in documentation order.</summary>
    public static IReadOnlyList<MetricDescriptor> BuiltIn { get; } = new[]
    {
        new MetricDescriptor("contains", MetricFamily.Heuristic, "the output contains the value (case-sensitive)",
            ValueSource.ValueOrField, ParameterKind.String, new ParameterDescriptor[0]),
        new MetricDescriptor("regex", MetricFamily.Heuristic, "the output matches a .NET regular expression",
            ValueSource.ValueOrField, ParameterKind.Regex, new[] { IgnoreCase }),
        new MetricDescriptor("is-json", MetricFamily.Heuristic, "the whole output parses as JSON",
            ValueSource.None, ParameterKind.Any, new ParameterDescriptor[0]),
        new MetricDescriptor("latency", MetricFamily.Heuristic, "the system under test answered within max_ms milliseconds",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("max_ms", ParameterKind.Number, "the slowest acceptable wall-clock latency in milliseconds", required: true, min: 0),
            }, negatable: false),
    };

    /// <summary>Parameters every metric accepts besides its own.</summary>
    public static IReadOnlyList<ParameterDescriptor> CommonParameters { get; } = new[]
    {
        Threshold,
        new ParameterDescriptor("metric", ParameterKind.String, "a display name for this metric in reports (default: the metric's name)"),
    };

    /// <summary>Finds a built-in descriptor by its exact name (without a <c>not-</c> prefix).</summary>
    public static MetricDescriptor? Find(string name)
    {
        foreach (var descriptor in BuiltIn)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.Ordinal))
            {
                return descriptor;
            }
        }

        return null;
    }
}
