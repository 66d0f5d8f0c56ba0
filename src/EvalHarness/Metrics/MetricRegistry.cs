using EvalHarness.Judging;
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
        var factories = registry._factories;
        factories["equals"] = spec => new EqualsMetric(spec);
        factories["contains"] = spec => new ContainsMetric(spec);
        factories["icontains"] = spec => new ContainsMetric(spec, ignoreCase: true);
        factories["contains-any"] = spec => new ContainsAnyMetric(spec);
        factories["contains-all"] = spec => new ContainsAllMetric(spec);
        factories["icontains-any"] = spec => new ContainsAnyMetric(spec, ignoreCase: true);
        factories["icontains-all"] = spec => new ContainsAllMetric(spec, ignoreCase: true);
        factories["starts-with"] = spec => new StartsWithMetric(spec);
        factories["regex"] = spec => new RegexMetric(spec);
        factories["is-json"] = spec => new IsJsonMetric(spec);
        factories["contains-json"] = spec => new ContainsJsonMetric(spec);
        factories["word-count"] = spec => new WordCountMetric(spec);
        factories["levenshtein"] = spec => new LevenshteinMetric(spec);
        factories["rouge-n"] = spec => new RougeNMetric(spec);
        factories["bleu"] = spec => new BleuMetric(spec);
        factories["is-refusal"] = spec => new IsRefusalMetric(spec);
        factories["bleu-score"] = spec => new BleuScoreMetric(spec);
        factories["token-f1"] = spec => new TokenF1Metric(spec);
        factories["exact-match"] = spec => new ExactMatchMetric(spec);
        factories["edit-similarity"] = spec => new EditSimilarityMetric(spec);
        factories["rouge-l"] = spec => new RougeLMetric(spec);
        factories["json-schema"] = spec => new JsonSchemaMetric(spec);
        factories["pii"] = spec => new PiiMetric(spec);
        factories["readability"] = spec => new ReadabilityMetric(spec);
        factories["keyword-overlap"] = spec => new KeywordOverlapMetric(spec);
        factories["length"] = spec => new LengthMetric(spec);
        factories["latency"] = spec => new LatencyMetric(spec);
        factories["cost"] = spec => new CostMetric(spec);
        factories["tool-call"] = spec => new ToolCallMetric(spec);
        factories["custom"] = registry.CreateCustom;
        foreach (var judge in MetricCatalog.Judges)
        {
            // Created without a judge here (the suite loads before any run has one); Create(spec, judge) binds it.
            factories[judge.Name] = spec => JudgeMetricFactory.Create(spec, null);
        }

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
    /// <remarks>Call it when the suite loads: parameters that are well-typed but unusable (a JSON Schema that does not compile, <c>min</c> above
    /// <c>max</c>, an unknown PII kind, a <c>custom</c> name nobody registered) are reported here, with file, line and field.</remarks>
    /// <exception cref="EvalConfigurationException">The spec's parameters are unusable.</exception>
    /// <exception cref="InvalidOperationException">No factory exists for the spec's metric (a catalogue entry without an implementation).</exception>
    public IMetric Create(MetricSpec spec) => Create(spec, null);

    /// <summary>Creates the metric a spec describes, binding LLM-judge metrics to <paramref name="judge"/>.</summary>
    /// <param name="spec">The validated entry.</param>
    /// <param name="judge">The suite's judge; null leaves judge metrics unbound (their results are <see cref="Verdict.Error"/> until
    /// <see cref="JudgeConfiguration.Bind"/> binds one). Other metrics ignore it.</param>
    /// <exception cref="EvalConfigurationException">The spec's parameters are unusable (for judges: a prompt file that is missing or uses an unknown placeholder).</exception>
    /// <exception cref="InvalidOperationException">No factory exists for the spec's metric.</exception>
    public IMetric Create(MetricSpec spec, JudgeConfiguration? judge)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (judge is not null && spec.Descriptor.Family == MetricFamily.Judge && MetricCatalog.Find(spec.Descriptor.Name) == spec.Descriptor)
        {
            return JudgeMetricFactory.Create(spec, judge);
        }

        if (!_factories.TryGetValue(spec.Descriptor.Name, out var factory))
        {
            throw new InvalidOperationException("metric '" + spec.Descriptor.Name + "' is in the catalogue but has no implementation registered");
        }

        var metric = factory(spec);
        if (!spec.Negated || metric is INegationAware)
        {
            return metric;
        }

        return new NegatedMetric(metric, spec.Descriptor.Name == "custom" && spec.Get("metric") is null ? "not-" + metric.Name : spec.DisplayName);
    }

    /// <summary>Creates every metric of a suite or dataset row, collecting load-time errors instead of stopping at the first.</summary>
    /// <param name="specs">The validated entries.</param>
    /// <param name="errors">Receives one error per unusable entry.</param>
    /// <returns>The metrics of the usable entries, in order.</returns>
    public IReadOnlyList<IMetric> CreateAll(IEnumerable<MetricSpec> specs, ICollection<ConfigError> errors) => CreateAll(specs, errors, null);

    /// <summary>Creates every metric of a suite or dataset row, binding judge metrics to <paramref name="judge"/>, collecting load-time errors.</summary>
    /// <param name="specs">The validated entries.</param>
    /// <param name="errors">Receives one error per unusable entry.</param>
    /// <param name="judge">The suite's judge, or null to leave judge metrics unbound.</param>
    /// <returns>The metrics of the usable entries, in order.</returns>
    public IReadOnlyList<IMetric> CreateAll(IEnumerable<MetricSpec> specs, ICollection<ConfigError> errors, JudgeConfiguration? judge)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(errors);
        var metrics = new List<IMetric>();
        foreach (var spec in specs)
        {
            try
            {
                metrics.Add(Create(spec, judge));
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var error in ex.Errors)
                {
                    errors.Add(error);
                }
            }
        }

        return metrics;
    }

    // "- custom: { name: polite, ... }" names a metric registered in C#, so the suite file passes the build-time check, which
    // knows only the built-in catalogue; the registered factory receives the entry without 'name' under its own descriptor.
    private IMetric CreateCustom(MetricSpec spec)
    {
        var name = spec.GetString("name") ?? string.Empty;
        var descriptor = _custom.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        if (descriptor is null || !_factories.TryGetValue(name, out var factory))
        {
            throw MetricConfiguration.Invalid(spec, "name", "no metric named '" + name + "' is registered; register it with MetricRegistry.Register(\"" + name +
                "\", spec => new MyMetric(spec))" + (_custom.Count == 0 ? string.Empty : " (registered: " + string.Join(", ", _custom.Select(d => d.Name)) + ")"));
        }

        var parameters = spec.Parameters.Where(p => p.Key != "name").ToArray();
        return factory(new MetricSpec(descriptor, negated: false, parameters, spec.Location, spec.Field));
    }

    /// <summary>True when a metric named <paramref name="name"/> has an implementation (a convention test checks every catalogue entry).</summary>
    public bool Implements(string name) => _factories.ContainsKey(name);
}
