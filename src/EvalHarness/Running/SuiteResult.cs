using EvalHarness.Suites;

namespace EvalHarness.Running;

/// <summary>Everything one suite's run produced.</summary>
public sealed record SuiteResult
{
    /// <summary>The suite's name (the file's path when the suite could not be loaded).</summary>
    public required string Name { get; init; }

    /// <summary>The suite file, as shown to the user.</summary>
    public required string File { get; init; }

    /// <summary>The dataset file, as shown to the user, or null when the suite could not be loaded.</summary>
    public string? Dataset { get; init; }

    /// <summary><c>sha256:</c> of the dataset file, or null.</summary>
    public string? DatasetHash { get; init; }

    /// <summary><c>sha256:</c> of the suite file and its templates, or null.</summary>
    public string? SuiteHash { get; init; }

    /// <summary>What produced outputs.</summary>
    public TargetKind? Target { get; init; }

    /// <summary>The model configured for a prompt target, or null.</summary>
    public string? Model { get; init; }

    /// <summary>Every case in dataset order (after sharding); empty when the suite could not be loaded.</summary>
    /// <remarks>
    /// Past <see cref="EvalRunOptions.SpillAfterCases"/> cases the list reads each case back from a temporary file when it is enumerated
    /// or indexed, so a run's memory does not grow with its dataset: enumerate it (each pass decodes every case once), and copy it
    /// (<c>ToList()</c>) only when every case is needed in memory at once.
    /// </remarks>
    public IReadOnlyList<CaseResult> Cases { get; init; } = [];

    /// <summary>Counts and rates.</summary>
    public SuiteAggregates Aggregates { get; init; } = new();

    /// <summary>The gate's verdict.</summary>
    public GateResult Gate { get; init; } = new(Verdict.Error, []);

    /// <summary>Configuration errors: why the suite could not run, and invalid dataset rows.</summary>
    public IReadOnlyList<ConfigError> ConfigurationErrors { get; init; } = [];

    /// <summary>False when the run was cancelled before every case finished.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>Where the suite's prices came from, lowest precedence first (for example <c>built-in (2026-11-22)</c>), or empty when none were resolved.</summary>
    public IReadOnlyList<string> PricingSources { get; init; } = [];

    /// <summary>The suite's verdict: the gate's, or <see cref="Verdict.Error"/> when the suite could not run.</summary>
    public Verdict Verdict => Gate.Verdict;
}
