namespace EvalHarness.Costs;

/// <summary>What one model call cost, in US dollars, or why that is unknown.</summary>
/// <remarks>
/// <see cref="Usd"/> is null when the cost is unknown — a model without a price, a provider that reported no token usage, a call that
/// timed out — and <see cref="UnknownReason"/> says why. An unknown cost is never counted as zero.
/// </remarks>
public sealed record CallCost
{
    /// <summary>The model id that was priced (as the provider reported it, else as the suite configured it), or null.</summary>
    public string? Model { get; init; }

    /// <summary>The pricing-table entry used (for example <c>gpt-4o-mini</c> for <c>gpt-4o-mini-2024-07-18</c>), or null when none matched.</summary>
    public string? PricedAs { get; init; }

    /// <summary>The total cost in USD, or null when unknown.</summary>
    public decimal? Usd { get; init; }

    /// <summary>The part of <see cref="Usd"/> for input tokens not read from a cache.</summary>
    public decimal InputUsd { get; init; }

    /// <summary>The part of <see cref="Usd"/> for input tokens read from the provider's cache.</summary>
    public decimal CachedInputUsd { get; init; }

    /// <summary>The part of <see cref="Usd"/> for output tokens.</summary>
    public decimal OutputUsd { get; init; }

    /// <summary>Why the cost is unknown, or null when it is known.</summary>
    public string? UnknownReason { get; init; }

    /// <summary>True when <see cref="Usd"/> is known.</summary>
    public bool IsKnown => Usd is not null;

    /// <summary>A cost that could not be determined.</summary>
    /// <param name="model">The model id, or null.</param>
    /// <param name="reason">Why, in words a reviewer can act on.</param>
    public static CallCost Unknown(string? model, string reason) => new() { Model = model, UnknownReason = reason };
}
