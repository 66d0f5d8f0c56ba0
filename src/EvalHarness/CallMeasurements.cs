using EvalHarness.Costs;
using Microsoft.Extensions.AI;

namespace EvalHarness;

/// <summary>What the run measured about the system under test's call for one case (never the judge's).</summary>
/// <remarks>
/// In replay mode latency and time to first token are the recorded ones, so latency checks give the same verdict on every replay;
/// <see cref="Replayed"/> says so.
/// </remarks>
public sealed record CallMeasurements
{
    /// <summary>No call was made (outputs taken from the dataset).</summary>
    public static CallMeasurements None { get; } = new();

    /// <summary>Wall-clock latency of the call in milliseconds, or null when no call was made.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Milliseconds until the first streamed token, or null when the call did not stream.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Token usage reported by the provider, or null when it reported none.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>The model that answered, as the provider reported it, or null.</summary>
    public string? ModelId { get; init; }

    /// <summary>True when the response came from a recording.</summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// What the call cost, priced from <see cref="Usage"/> with the suite's pricing table, or null when no model call was made (outputs from
    /// the dataset, invalid rows, skipped cases). An unknown cost is a <see cref="CallCost"/> whose <see cref="CallCost.Usd"/> is null.
    /// </summary>
    public CallCost? Cost { get; init; }

    /// <summary>How many times the call was retried after a transient failure (0 when it succeeded at once).</summary>
    public int Retries { get; init; }

    /// <summary>Milliseconds spent waiting between retries; never included in <see cref="LatencyMs"/>.</summary>
    public double BackoffMs { get; init; }
}
