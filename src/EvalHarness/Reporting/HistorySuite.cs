namespace EvalHarness.Reporting;

/// <summary>One suite's figures in a <see cref="HistoryEntry"/>.</summary>
public sealed record HistorySuite
{
    /// <summary>The suite's name.</summary>
    public required string Name { get; init; }

    /// <summary>The suite's verdict.</summary>
    public Verdict Verdict { get; init; }

    /// <summary>All cases.</summary>
    public int Cases { get; init; }

    /// <summary>Passing cases.</summary>
    public int Passed { get; init; }

    /// <summary>Passed / cases, or null without cases.</summary>
    public double? PassRate => Cases == 0 ? null : (double)Passed / Cases;

    /// <summary>The cost in USD, or null when some call's cost was unknown (or there were no calls).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The known part of the cost in USD.</summary>
    public decimal KnownCostUsd { get; init; }

    /// <summary>Calls whose cost was unknown.</summary>
    public int UnknownCostCalls { get; init; }

    /// <summary>Median call latency in milliseconds, or null.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th-percentile call latency in milliseconds, or null.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Mean score per metric (null when a metric produced no score).</summary>
    public IReadOnlyDictionary<string, double?> MeanScores { get; init; } = new Dictionary<string, double?>();
}
