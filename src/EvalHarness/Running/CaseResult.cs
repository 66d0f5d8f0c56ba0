namespace EvalHarness.Running;

/// <summary>The verdict on one dataset case, with its output, every metric result and what its call measured.</summary>
public sealed record CaseResult
{
    /// <summary>The case id (for an unparseable row, <c>line-&lt;n&gt;</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The dataset line the case came from.</summary>
    public int Line { get; init; }

    /// <summary>The input text, or null when the row could not be read.</summary>
    public string? Input { get; init; }

    /// <summary>The expected output, or null.</summary>
    public string? Expected { get; init; }

    /// <summary>The output the metrics scored, or null when none was produced.</summary>
    public string? Output { get; init; }

    /// <summary>The case's verdict: any metric error, then any fail, then any inconclusive decides it.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Every metric result, suite metrics first, then the row's own assertions.</summary>
    public IReadOnlyList<MetricResult> Metrics { get; init; } = [];

    /// <summary>What the system under test's call measured.</summary>
    public CallMeasurements Measurements { get; init; } = CallMeasurements.None;

    /// <summary>Why the case has no regular output.</summary>
    public CaseErrorKind ErrorKind { get; init; }

    /// <summary>The error or skip reason, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The case's context passages (for example retrieved documents); empty when none.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>Whether the case takes part in the suite's gate: every case except those the dataset leaves out.</summary>
    public bool CountsTowardsGate => ErrorKind != CaseErrorKind.Excluded;

    /// <summary>The case's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Wall-clock time for the whole case (target and metrics).</summary>
    public TimeSpan Duration { get; init; }
}
