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
    // Every finished case keeps its measurements until the reports are written, so the optional figures are packed: a plain
    // UsageDetails with its four common counts costs ~170 bytes as an object and 33 here (other shapes are kept as given).
    private double _latencyMs;
    private double _timeToFirstTokenMs;
    private long _inputTokens;
    private long _outputTokens;
    private long _totalTokens;
    private long _cachedInputTokens;
    private UsageDetails? _usage;
    private Packed _set;

    /// <summary>No call was made (outputs taken from the dataset).</summary>
    public static CallMeasurements None { get; } = new();

    /// <summary>Wall-clock latency of the call in milliseconds, or null when no call was made.</summary>
    public double? LatencyMs
    {
        get => (_set & Packed.Latency) != 0 ? _latencyMs : null;
        init => (_latencyMs, _set) = (value ?? 0, value is null ? _set & ~Packed.Latency : _set | Packed.Latency);
    }

    /// <summary>Milliseconds until the first streamed token, or null when the call did not stream.</summary>
    public double? TimeToFirstTokenMs
    {
        get => (_set & Packed.TimeToFirstToken) != 0 ? _timeToFirstTokenMs : null;
        init => (_timeToFirstTokenMs, _set) = (value ?? 0, value is null ? _set & ~Packed.TimeToFirstToken : _set | Packed.TimeToFirstToken);
    }

    /// <summary>Token usage reported by the provider, or null when it reported none.</summary>
    /// <remarks>
    /// A usage with only input, output, total and cached-input counts is stored as those counts, so each read returns a new equal
    /// <see cref="UsageDetails"/>; any other usage is returned as the instance given.
    /// </remarks>
    public UsageDetails? Usage
    {
        get => (_set & Packed.Usage) == 0 ? _usage : new UsageDetails
        {
            InputTokenCount = (_set & Packed.InputTokens) != 0 ? _inputTokens : null,
            OutputTokenCount = (_set & Packed.OutputTokens) != 0 ? _outputTokens : null,
            TotalTokenCount = (_set & Packed.TotalTokens) != 0 ? _totalTokens : null,
            CachedInputTokenCount = (_set & Packed.CachedInputTokens) != 0 ? _cachedInputTokens : null,
        };
        init
        {
            _set &= ~(Packed.Usage | Packed.InputTokens | Packed.OutputTokens | Packed.TotalTokens | Packed.CachedInputTokens);
            (_inputTokens, _outputTokens, _totalTokens, _cachedInputTokens, _usage) = (0, 0, 0, 0, value);
#pragma warning disable MEAI001 // Only read to see whether packing would drop them; a usage that sets any is kept as given.
            if (value is null || value.GetType() != typeof(UsageDetails) || value.AdditionalCounts is not null || value.InputAudioTokenCount is not null || value.InputTextTokenCount is not null
                || value.OutputAudioTokenCount is not null || value.OutputTextTokenCount is not null || value.ReasoningTokenCount is not null)
            {
                return;
            }
#pragma warning restore MEAI001

            _usage = null;
            _set |= Packed.Usage;
            (_inputTokens, _set) = value.InputTokenCount is { } i ? (i, _set | Packed.InputTokens) : (0, _set);
            (_outputTokens, _set) = value.OutputTokenCount is { } o ? (o, _set | Packed.OutputTokens) : (0, _set);
            (_totalTokens, _set) = value.TotalTokenCount is { } t ? (t, _set | Packed.TotalTokens) : (0, _set);
            (_cachedInputTokens, _set) = value.CachedInputTokenCount is { } c ? (c, _set | Packed.CachedInputTokens) : (0, _set);
        }
    }

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

    [Flags]
    private enum Packed : byte
    {
        Latency = 1,
        TimeToFirstToken = 2,
        Usage = 4,
        InputTokens = 8,
        OutputTokens = 16,
        TotalTokens = 32,
        CachedInputTokens = 64,
    }
}
