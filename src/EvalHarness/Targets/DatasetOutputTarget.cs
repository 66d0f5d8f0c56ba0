using EvalHarness.Datasets;

namespace EvalHarness.Targets;

/// <summary><c>target: { output: field }</c>: scores outputs that already exist in the dataset (logged or imported); no model is called.</summary>
public sealed class DatasetOutputTarget(string field) : IEvalTarget
{
    /// <inheritdoc />
    public ValueTask<TargetOutput> InvokeAsync(EvalCase @case, CancellationToken cancellationToken = default)
    {
        if (!JsonFieldPath.TrySelect(@case.Fields, field, out var matches) || matches.Count != 1 || matches[0] is null)
        {
            throw new InvalidOperationException("output field '" + field + "' is missing from case '" + @case.Id + "' (" + @case.Source + ")");
        }

        return ValueTask.FromResult(new TargetOutput(JsonFieldPath.AsText(matches[0]) ?? string.Empty, null, CallMeasurements.None));
    }
}
