namespace EvalHarness.Recording;

/// <summary>Parsing of <see cref="EvalMode"/> from its contract spelling.</summary>
public static class EvalModes
{
    /// <summary>Parses <c>replay</c>, <c>record</c>, <c>live</c> or <c>auto</c> (any case); null or empty is <see cref="EvalMode.Auto"/>.</summary>
    /// <exception cref="ArgumentException">Any other value, with the accepted ones listed.</exception>
    public static EvalMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => EvalMode.Auto,
        "replay" => EvalMode.Replay,
        "record" => EvalMode.Record,
        "live" => EvalMode.Live,
        _ => throw new ArgumentException("EVALHARNESS_MODE='" + value + "' is not a mode; use replay, record, live or auto", nameof(value)),
    };

    /// <summary>The contract spelling of a mode.</summary>
    public static string ToContractString(this EvalMode mode) => mode.ToString().ToLowerInvariant();
}
