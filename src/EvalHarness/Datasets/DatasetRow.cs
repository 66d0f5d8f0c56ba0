using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>A row as a format reader produced it, before mapping: its value, where it starts, and any syntax errors.</summary>
/// <remarks>
/// <see cref="Value"/> is null both for a row that could not be parsed (then <see cref="Errors"/> is not empty) and for a
/// JSON <c>null</c> row. A row may carry errors and still have a value (for example a YAML mapping with a repeated key).
/// </remarks>
internal sealed class DatasetRow(SourceLocation location, JsonNode? value, IReadOnlyList<ConfigError> errors,
    Func<JsonNode, SourceLocation?>? locate = null)
{
    public SourceLocation Location { get; } = location;

    public int Line => Location.Line;

    public JsonNode? Value { get; } = value;

    public IReadOnlyList<ConfigError> Errors { get; } = errors;

    /// <summary>Where <paramref name="node"/> was written, or the row's start when the format does not say.</summary>
    public SourceLocation Locate(JsonNode? node) => node is not null && locate?.Invoke(node) is { } found ? found : Location;

    public static DatasetRow Failed(SourceLocation location, ConfigError error) => new(location, null, [error]);
}
