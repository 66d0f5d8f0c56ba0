using System.Text.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>is-json</c>: the whole output (surrounding white space aside) parses as one JSON value.</summary>
public sealed class IsJsonMetric(MetricSpec spec) : IMetric
{
    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Output);
            return ValueTask.FromResult(MetricResult.FromCheck(Name, true, "output is valid JSON (" + document.RootElement.ValueKind.ToString().ToLowerInvariant() + ")"));
        }
        catch (JsonException ex)
        {
            var position = ex.LineNumber is { } line ? " at line " + (line + 1) + ", byte " + (ex.BytePositionInLine + 1) : string.Empty;
            return ValueTask.FromResult(MetricResult.FromCheck(Name, false, "output is not valid JSON" + position));
        }
    }
}
