using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary>Builds the load-time error a metric raises when a parameter is valid YAML but not a valid setting.</summary>
/// <remarks>
/// The descriptor catches types and ranges (also at build time); what it cannot express — a JSON Schema that does not compile,
/// <c>min</c> above <c>max</c>, an unknown PII kind — metric constructors report through this, so the suite fails to load
/// with file, line and field rather than failing each case.
/// </remarks>
public static class MetricConfiguration
{
    /// <summary>An <see cref="EvalConfigurationException"/> for parameter <paramref name="key"/> of <paramref name="spec"/>.</summary>
    /// <param name="spec">The metric entry.</param>
    /// <param name="key">The parameter at fault, or null when the entry as a whole is wrong.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public static EvalConfigurationException Invalid(MetricSpec spec, string? key, string message)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var node = key is null ? null : spec.Get(key);
        var field = key is null ? spec.Field : spec.Field + "." + key;
        return new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidMetricParameter, node?.Location ?? spec.Location, field, message)]);
    }
}
