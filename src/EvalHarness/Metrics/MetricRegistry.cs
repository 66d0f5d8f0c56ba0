using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary>Creates metrics from validated specs: the built-ins, plus metrics users register in C# by name.</summary>
/// <example>
/// <code>
/// var registry = MetricRegistry.CreateDefault();
/// registry.Register("polite", spec => new PolitenessMetric(spec), "the answer says please");
/// </code>
/// Then a suite can write <c>- polite</c> or <c>- { type: polite, threshold: 0.5 }</c>.
/// </example>
public sealed class MetricRegistry
{
    private readonly Dictionary<string, Func<MetricSpec, IMetric>> _factories = new(StringComparer.Ordinal);
    private readonly List<MetricDescriptor> _custom = [];

    /// <summary>A registry with every built-in metric.</summary>
    public static MetricRegistry CreateDefault()
    {
        var registry = new MetricRegistry();
        registry._factories["contains"] = spec => new ContainsMetric(spec);
        registry._factories["regex"] = spec => new RegexMetric(spec);
        registry._factories["is-json"] = spec => new IsJsonMetric(spec);
        registry._factories["latency"] = spec => new LatencyMetric(spec);
        return registry;
    }

    /// <summary>Descriptors of the metrics registered with <see cref="Register(string, Func{MetricSpec, IMetric}, string)"/>.</summary>
    public IReadOnlyList<MetricDescriptor> CustomDescriptors => _custom;

    /// <summary>Registers a C# metric under <paramref name="name"/>; it accepts <c>value</c>/<c>field</c>, <c>threshold</c> and <c>metric</c>.</summary>
    /// <exception cref="ArgumentException">The name is already taken.</exception>
    public MetricRegistry Register(string name, Func<MetricSpec, IMetric> factory, string description = "a metric registered in C#")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (MetricCatalog.Find(name) is not null || !_factories.TryAdd(name, factory))
        {
            throw new ArgumentException("a metric named '" + name + "' already exists", nameof(name));
        }

        _custom.Add(new MetricDescriptor(name, MetricFamily.Custom, description, ValueSource.ValueOrFieldOrExpected, ParameterKind.Any, []));
        return this;
    }

    /// <summary>Creates the metric a spec describes, wrapped for its <c>not-</c> form.</summary>
    /// <exception cref="InvalidOperationException">No factory exists for the spec's metric (a catalogue entry without an implementation).</exception>
    public IMetric Create(MetricSpec spec)
    {
        if (!_factories.TryGetValue(spec.Descriptor.Name, out var factory))
        {
            throw new InvalidOperationException("metric '" + spec.Descriptor.Name + "' is in the catalogue but has no implementation registered");
        }

        var metric = factory(spec);
        return spec.Negated ? new NegatedMetric(metric, spec.DisplayName) : metric;
    }

    /// <summary>True when a metric named <paramref name="name"/> has an implementation (a convention test checks every catalogue entry).</summary>
    public bool Implements(string name) => _factories.ContainsKey(name);
}
