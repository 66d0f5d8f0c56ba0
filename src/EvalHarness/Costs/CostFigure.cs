using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Costs;

/// <summary>The cost of a set of model calls: the known dollars, how many calls had an unknown cost, and the tokens behind them.</summary>
/// <remarks>
/// <see cref="Usd"/> is the total only when every call's cost is known; otherwise it is null and <see cref="KnownUsd"/> is a lower
/// bound. Token counts sum the usage that providers reported, whether or not the call could be priced.
/// </remarks>
public sealed record CostFigure
{
    /// <summary>No calls.</summary>
    public static CostFigure Empty { get; } = new();

    /// <summary>Model calls counted (priced or not).</summary>
    public int Calls { get; init; }

    /// <summary>Calls whose cost is unknown.</summary>
    public int UnknownCalls { get; init; }

    /// <summary>The sum of the known costs in USD.</summary>
    public decimal KnownUsd { get; init; }

    /// <summary>The nominal cost of calls answered from recordings (included in <see cref="KnownUsd"/>; a replay itself costs nothing).</summary>
    public decimal ReplayedUsd { get; init; }

    /// <summary>Input tokens reported (cached ones included).</summary>
    public long InputTokens { get; init; }

    /// <summary>Input tokens reported as read from a cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Output tokens reported.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The total in USD when every call's cost is known, else null.</summary>
    public decimal? Usd => UnknownCalls == 0 ? KnownUsd : null;

    /// <summary>True when every call's cost is known.</summary>
    public bool IsComplete => UnknownCalls == 0;

    /// <summary>This figure plus one call.</summary>
    /// <param name="cost">The call's cost.</param>
    /// <param name="usage">The call's reported usage, or null.</param>
    /// <param name="replayed">True when the call was answered from a recording.</param>
    public CostFigure Add(CallCost cost, UsageDetails? usage, bool replayed = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return this with
        {
            Calls = Calls + 1,
            UnknownCalls = UnknownCalls + (cost.IsKnown ? 0 : 1),
            KnownUsd = KnownUsd + (cost.Usd ?? 0),
            ReplayedUsd = ReplayedUsd + (replayed ? cost.Usd ?? 0 : 0),
            InputTokens = InputTokens + (usage?.InputTokenCount ?? 0),
            CachedInputTokens = CachedInputTokens + (usage?.CachedInputTokenCount ?? 0),
            OutputTokens = OutputTokens + (usage?.OutputTokenCount ?? 0),
        };
    }

    /// <summary>This figure plus one case's system-under-test call; unchanged when the case made no priced call.</summary>
    public CostFigure Add(CaseResult @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var m = @case.Measurements;
        return m.Cost is { } cost ? Add(cost, m.Usage, m.Replayed) : this;
    }

    /// <summary>The sum of two figures.</summary>
    public CostFigure Add(CostFigure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CostFigure
        {
            Calls = Calls + other.Calls,
            UnknownCalls = UnknownCalls + other.UnknownCalls,
            KnownUsd = KnownUsd + other.KnownUsd,
            ReplayedUsd = ReplayedUsd + other.ReplayedUsd,
            InputTokens = InputTokens + other.InputTokens,
            CachedInputTokens = CachedInputTokens + other.CachedInputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
        };
    }
}
