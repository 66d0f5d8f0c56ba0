using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>cost</c>: the system under test's call for this case cost at most <c>max_usd</c> US dollars.</summary>
/// <remarks>
/// The cost is the provider-reported token usage priced with <c>input_per_million</c> and <c>output_per_million</c> (USD per million tokens).
/// When the price or the usage is unknown — outputs from the dataset, a provider that reports no usage, no price given — the verdict is
/// <see cref="Verdict.Inconclusive"/> with the reason, never a pass. Judge tokens are never counted.
/// </remarks>
public sealed class CostMetric(MetricSpec spec) : IMetric
{
    private readonly double _maxUsd = spec.GetDouble("max_usd") ?? 0;
    private readonly double? _inputPrice = spec.GetDouble("input_per_million");
    private readonly double? _outputPrice = spec.GetDouble("output_per_million");

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var usage = context.Measurements.Usage;
        string? unknown = usage is null ? "no token usage was measured for this case (outputs from the dataset, or the provider reported none)"
            : _inputPrice is null || _outputPrice is null ? "no price is known: set input_per_million and output_per_million (USD per million tokens)"
            : usage.InputTokenCount is null || usage.OutputTokenCount is null ? "the provider reported no input or output token count"
            : null;
        if (unknown is not null)
        {
            return MetricOutcome.Done(new MetricResult { Name = Name, Verdict = Verdict.Inconclusive, Reason = "cost unknown: " + unknown });
        }

        var cost = (usage!.InputTokenCount!.Value * _inputPrice!.Value / 1_000_000) + (usage.OutputTokenCount!.Value * _outputPrice!.Value / 1_000_000);
        var passed = cost <= _maxUsd;
        return MetricOutcome.Done(new MetricResult
        {
            Name = Name,
            Score = passed ? 1 : 0,
            RawValue = cost,
            Scale = "usd",
            Verdict = passed ? Verdict.Pass : Verdict.Fail,
            Reason = "$" + cost.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) + (passed ? " <= " : " > ") + "max $" + MetricParameters.Format(_maxUsd) +
                " (" + usage.InputTokenCount + " input + " + usage.OutputTokenCount + " output tokens)",
        });
    }
}
