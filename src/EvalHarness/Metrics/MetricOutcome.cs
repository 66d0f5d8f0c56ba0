namespace EvalHarness.Metrics;

/// <summary>Builds the results the built-in metrics share, so reasons and scales read the same across metrics.</summary>
internal static class MetricOutcome
{
    /// <summary>A continuous score on 0..1 that passes at or above <paramref name="threshold"/>.</summary>
    public static MetricResult Scored(string name, string what, double score, double threshold, IReadOnlyDictionary<string, string>? details = null)
    {
        var passed = score >= threshold;
        return new MetricResult
        {
            Name = name,
            Score = score,
            RawValue = score,
            Scale = "0..1",
            Verdict = passed ? Verdict.Pass : Verdict.Fail,
            Reason = what + " " + MetricParameters.Format(score) + (passed ? " >= " : " < ") + "threshold " + MetricParameters.Format(threshold),
            Details = details ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>A pass/fail check with details.</summary>
    public static MetricResult Check(string name, bool passed, string reason, IReadOnlyDictionary<string, string>? details = null) =>
        MetricResult.FromCheck(name, passed, reason) with { Details = details ?? new Dictionary<string, string>() };

    /// <summary>Wraps a synchronous result.</summary>
    public static ValueTask<MetricResult> Done(MetricResult result) => ValueTask.FromResult(result);

    /// <summary>Quotes a value for a reason, shortened to 80 characters.</summary>
    public static string Quote(string value) => "\"" + (value.Length > 80 ? value[..77] + "..." : value) + "\"";
}
