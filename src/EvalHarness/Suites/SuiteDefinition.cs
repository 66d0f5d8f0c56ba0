namespace EvalHarness.Suites;

/// <summary>A suite file as written, validated: what to run, over which dataset, scored how, gated how.</summary>
public sealed class SuiteDefinition
{
    /// <summary>Default number of cases run at once.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>Default per-case timeout in milliseconds.</summary>
    public const int DefaultTimeoutMs = 120_000;

    /// <summary>Creates a definition. Use <see cref="SuiteParser"/> to read one from a file.</summary>
    public SuiteDefinition(string file, string name, string? description, string dataset, SourceLocation datasetLocation,
        MappingDefinition mapping, TargetDefinition target, EndpointDefinition? provider, EndpointDefinition? judge,
        IReadOnlyList<MetricSpec> metrics, GateDefinition? gate, int maxConcurrency, int timeoutMs,
        IReadOnlyList<KeyValuePair<string, TargetDefinition>>? variants = null)
    {
        File = file;
        Name = name;
        Description = description;
        Dataset = dataset;
        DatasetLocation = datasetLocation;
        Mapping = mapping;
        Target = target;
        Provider = provider;
        Judge = judge;
        Metrics = metrics;
        Gate = gate;
        MaxConcurrency = maxConcurrency;
        TimeoutMs = timeoutMs;
        Variants = variants ?? new KeyValuePair<string, TargetDefinition>[0];
    }

    /// <summary>The suite file's path.</summary>
    public string File { get; }

    /// <summary>The suite's name: letters, digits, '-', '_' and '.'.</summary>
    public string Name { get; }

    /// <summary>An optional description.</summary>
    public string? Description { get; }

    /// <summary>The dataset path as written, relative to the suite file.</summary>
    public string Dataset { get; }

    /// <summary>Where <c>dataset:</c> was written, for errors about the dataset file itself.</summary>
    public SourceLocation DatasetLocation { get; }

    /// <summary>Field mappings from dataset rows to cases.</summary>
    public MappingDefinition Mapping { get; }

    /// <summary>What produces outputs; <see cref="TargetKind.Code"/> when the section is omitted.</summary>
    public TargetDefinition Target { get; }

    /// <summary>The system-under-test endpoint, or null.</summary>
    public EndpointDefinition? Provider { get; }

    /// <summary>The judge endpoint and settings, or null.</summary>
    public EndpointDefinition? Judge { get; }

    /// <summary>Metrics applied to every case, in file order.</summary>
    public IReadOnlyList<MetricSpec> Metrics { get; }

    /// <summary>The gate, or null for test-suite semantics (every case must pass).</summary>
    public GateDefinition? Gate { get; }

    /// <summary>How many cases run at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Per-case timeout in milliseconds, covering the target call (metrics run after it).</summary>
    public int TimeoutMs { get; }

    /// <summary>
    /// The gate's A/B <c>variants:</c> by name, in file order: empty, or exactly two prompt targets, each the suite's <c>target:</c> with
    /// the variant's <c>prompt</c>, <c>system</c> and <c>model</c> put in. Every case runs under both and the report names a winner per metric.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, TargetDefinition>> Variants { get; }
}
