namespace EvalHarness.Suites;

/// <summary>One validated metric entry from a suite's <c>metrics:</c> or a dataset row's <c>assert:</c> list.</summary>
public sealed class MetricSpec
{
    /// <summary>Creates a spec. Use <see cref="MetricSpecParser"/> to build one from a file.</summary>
    public MetricSpec(MetricDescriptor descriptor, bool negated, IReadOnlyList<KeyValuePair<string, ConfigNode>> parameters,
        SourceLocation location, string field)
    {
        Descriptor = descriptor;
        Negated = negated;
        Parameters = parameters;
        Location = location;
        Field = field;
    }

    /// <summary>The metric's descriptor.</summary>
    public MetricDescriptor Descriptor { get; }

    /// <summary>True for the <c>not-</c> form: the verdict is inverted.</summary>
    public bool Negated { get; }

    /// <summary>The parameters as written, validated against the descriptor.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Parameters { get; }

    /// <summary>Where the entry was written.</summary>
    public SourceLocation Location { get; }

    /// <summary>The dotted path of the entry, for example <c>metrics[1]</c>.</summary>
    public string Field { get; }

    /// <summary>The name as written, with its <c>not-</c> prefix when negated.</summary>
    public string Name => Negated ? "not-" + Descriptor.Name : Descriptor.Name;

    /// <summary>The name shown in results: the <c>metric:</c> parameter when given, else <see cref="Name"/>.</summary>
    public string DisplayName => Get("metric")?.Scalar ?? Name;

    /// <summary>Finds a parameter's node, or null when absent.</summary>
    public ConfigNode? Get(string key)
    {
        foreach (var entry in Parameters)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
