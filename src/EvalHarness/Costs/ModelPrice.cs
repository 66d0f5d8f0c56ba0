namespace EvalHarness.Costs;

/// <summary>What one model costs, in US dollars per million tokens.</summary>
/// <remarks>
/// <see cref="CachedInputPerMillion"/> is null when the table gives no cached-input price; cached input tokens are then charged at
/// <see cref="InputPerMillion"/> (never at zero).
/// </remarks>
public sealed record ModelPrice
{
    /// <summary>The model's name in the pricing table, for example <c>gpt-4o-mini</c>.</summary>
    public required string Model { get; init; }

    /// <summary>USD per million input tokens not read from a cache.</summary>
    public required decimal InputPerMillion { get; init; }

    /// <summary>USD per million output tokens (reasoning tokens included, as providers count them).</summary>
    public required decimal OutputPerMillion { get; init; }

    /// <summary>USD per million input tokens read from the provider's prompt cache, or null when not given.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    /// <summary>Who sells the model at this price, for example <c>openai</c>, or null.</summary>
    public string? Provider { get; init; }

    /// <summary>Other model ids priced the same (lower case).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Where the price came from: <c>built-in</c> or the override file's path.</summary>
    public string Source { get; init; } = "built-in";

    /// <summary>True when every price is zero: a model that costs nothing (for example one you host yourself).</summary>
    public bool IsFree => InputPerMillion == 0 && OutputPerMillion == 0 && (CachedInputPerMillion ?? 0) == 0;
}
