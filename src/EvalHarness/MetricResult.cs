namespace EvalHarness;

/// <summary>What one metric concluded about one case's output.</summary>
/// <remarks>
/// <see cref="Score"/> is normalised to 0..1 (1 best) or null when the metric has no numeric score (or errored);
/// <see cref="RawValue"/> keeps the metric's own unit (milliseconds, a distance, a judge's 1–5 rating) described by <see cref="Scale"/>.
/// </remarks>
public sealed record MetricResult
{
    // Every finished case keeps its metric results until the reports are written: two plain doubles and a flag byte instead of two
    // nullable doubles save 16 bytes a result.
    private double _score;
    private double _rawValue;
    private byte _set;

    /// <summary>The metric's display name, as in the suite file (for example <c>not-contains</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The score on 0..1, or null.</summary>
    public double? Score
    {
        get => (_set & 1) != 0 ? _score : null;
        init => (_score, _set) = (value ?? 0, (byte)(value is null ? _set & ~1 : _set | 1));
    }

    /// <summary>The value in the metric's own unit, or null.</summary>
    public double? RawValue
    {
        get => (_set & 2) != 0 ? _rawValue : null;
        init => (_rawValue, _set) = (value ?? 0, (byte)(value is null ? _set & ~2 : _set | 2));
    }

    /// <summary>Describes <see cref="RawValue"/>'s unit or range, for example <c>0..1</c>, <c>ms</c> or <c>boolean</c>.</summary>
    public string? Scale { get; init; }

    /// <summary>The verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Why, in one sentence a reviewer can act on.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Extra facts (matched spans, thresholds, raw judge text), sorted by key when written.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    /// <summary>How long the metric took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// What the judge's model calls for this result measured, summed over all of them (samples, repairs, both pairwise orders, rubric
    /// step derivation): usage, latency without backoff, retries. Null for metrics that call no model, or when no judge call answered.
    /// </summary>
    /// <remarks>
    /// Kept apart from the case's own <see cref="CallMeasurements"/> (the system under test's): judge tokens, cost and latency are never
    /// mixed into those. <see cref="CallMeasurements.LatencyMs"/> is the sum over calls; <see cref="CallMeasurements.Cost"/> is left null
    /// for the runner to price <see cref="CallMeasurements.Usage"/> under <see cref="CallMeasurements.ModelId"/> with the suite's pricing table.
    /// </remarks>
    public CallMeasurements? JudgeMeasurements { get; init; }

    /// <summary>
    /// True when <see cref="Verdict"/> is <see cref="Verdict.Error"/> because a model endpoint never answered usefully (unreachable, timeouts,
    /// 429 or 5xx after every retry) — an infrastructure failure, as <see cref="ModelCallException.IsInfrastructure"/> defines it, not a
    /// judgement of the output. The runner counts such results towards exit code 3.
    /// </summary>
    public bool IsInfrastructureError { get; init; }

    /// <summary>A result with <see cref="Verdict.Error"/>: the metric could not be evaluated.</summary>
    public static MetricResult Error(string name, string reason, IReadOnlyDictionary<string, string>? details = null) =>
        new() { Name = name, Verdict = Verdict.Error, Reason = reason, Details = details ?? new Dictionary<string, string>() };

    /// <summary>A boolean result: score 1 and pass, or score 0 and fail.</summary>
    public static MetricResult FromCheck(string name, bool passed, string reason) =>
        new() { Name = name, Score = passed ? 1 : 0, RawValue = passed ? 1 : 0, Scale = "boolean", Verdict = passed ? Verdict.Pass : Verdict.Fail, Reason = reason };
}
