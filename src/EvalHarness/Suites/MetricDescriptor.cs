namespace EvalHarness.Suites;

/// <summary>
/// What the suite format knows about a metric: its name, parameters and defaults. The analyzer and the run-time
/// loader validate suite files against the same descriptors, so they can never disagree.
/// </summary>
public sealed class MetricDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    public MetricDescriptor(string name, MetricFamily family, string description, ValueSource valueSource,
        ParameterKind valueKind, IReadOnlyList<ParameterDescriptor> parameters, double? defaultThreshold = null, bool negatable = true)
    {
        Name = name;
        Family = family;
        Description = description;
        ValueSource = valueSource;
        ValueKind = valueKind;
        Parameters = parameters;
        DefaultThreshold = defaultThreshold;
        Negatable = negatable;
    }

    /// <summary>The name used in suite files (kebab-case, for example <c>contains-any</c>).</summary>
    public string Name { get; }

    /// <summary>How the metric computes its score.</summary>
    public MetricFamily Family { get; }

    /// <summary>One line describing the metric.</summary>
    public string Description { get; }

    /// <summary>Where the comparison value comes from.</summary>
    public ValueSource ValueSource { get; }

    /// <summary>The type of <c>value:</c> when <see cref="ValueSource"/> is not <see cref="Suites.ValueSource.None"/>.</summary>
    public ParameterKind ValueKind { get; }

    /// <summary>Parameters other than <c>value</c> and <c>field</c>.</summary>
    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    /// <summary>The threshold used when the suite sets none, or null when the metric is pass/fail by nature.</summary>
    public double? DefaultThreshold { get; }

    /// <summary>Whether a <c>not-</c> form exists (for example <c>not-contains</c>).</summary>
    public bool Negatable { get; }

    /// <summary>Finds a parameter by key.</summary>
    public ParameterDescriptor? FindParameter(string key)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, key, StringComparison.Ordinal))
            {
                return parameter;
            }
        }

        return null;
    }
}
