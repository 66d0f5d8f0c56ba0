namespace EvalHarness.Importing;

/// <summary>What one traced call (or one evaluated case) measured: the quantities <see cref="DriftWindow"/> compares.</summary>
public sealed record TraceObservation
{
    /// <summary>Latency in milliseconds, or null when not measured.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Cost in US dollars, or null when not priced.</summary>
    public double? CostUsd { get; init; }

    /// <summary>Input (prompt) tokens, or null.</summary>
    public double? InputTokens { get; init; }

    /// <summary>Output (completion) tokens, or null.</summary>
    public double? OutputTokens { get; init; }

    /// <summary>Whether the call ended in an error.</summary>
    public bool IsError { get; init; }

    /// <summary>Metric or feedback scores by name.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
}
