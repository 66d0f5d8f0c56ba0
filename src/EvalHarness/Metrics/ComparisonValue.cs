using System.Text.Json.Nodes;
using EvalHarness.Datasets;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary>
/// The value a metric compares the output with: a literal (<c>value:</c>), a field of each case (<c>field:</c>),
/// or the case's <c>expected</c> for metrics that default to it.
/// </summary>
public sealed class ComparisonValue
{
    private readonly IReadOnlyList<string>? _literal;
    private readonly ConfigNode? _literalNode;
    private readonly string? _field;

    private ComparisonValue(IReadOnlyList<string>? literal, ConfigNode? literalNode, string? field)
    {
        _literal = literal;
        _literalNode = literalNode;
        _field = field;
    }

    /// <summary>Reads the comparison value of <paramref name="spec"/>.</summary>
    /// <remarks>Unquoted numbers in a literal read as JavaScript prints them (<c>1.50</c> is <c>"1.5"</c>), as promptfoo compares them.</remarks>
    public static ComparisonValue From(MetricSpec spec) =>
        spec.Get("field") is { Scalar: { } field } ? new ComparisonValue(null, null, field)
        : spec.Get("value") is { } value ? new ComparisonValue(LiteralTexts(value), value, null)
        : new ComparisonValue(null, null, null);

    /// <summary>The literal <c>value:</c> node, or null when the value comes from a field or from <c>expected</c>.</summary>
    public ConfigNode? Literal => _literalNode;

    /// <summary>Resolves the value for one case as a single JSON value: the literal (YAML typed as JSON), the field's node
    /// (an array for a wildcard path) or <c>expected</c> as a string.</summary>
    public bool TryResolveJson(EvalCase @case, out JsonNode? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(@case);
        error = null;
        value = null;
        if (_literalNode is not null)
        {
            value = Json.ConfigJson.ToJson(_literalNode);
            return true;
        }

        if (_field is null)
        {
            if (@case.Expected is null)
            {
                error = "the case has no 'expected' value (" + @case.Source + "); give the metric a 'value' or 'field'";
                return false;
            }

            value = JsonValue.Create(@case.Expected);
            return true;
        }

        if (!JsonFieldPath.TrySelect(@case.Fields, _field, out var matches) || (matches.Count == 1 && matches[0] is null && !JsonFieldPath.IsMulti(_field)))
        {
            error = "field '" + _field + "' is missing from the case (" + @case.Source + ")";
            return false;
        }

        value = JsonFieldPath.IsMulti(_field) ? new JsonArray(matches.Select(m => m?.DeepClone()).ToArray()) : matches[0];
        return true;
    }

    private static IReadOnlyList<string> LiteralTexts(ConfigNode value) => value.Kind switch
    {
        ConfigNodeKind.Sequence => value.Items.Select(Json.ConfigJson.ScalarText).ToArray(),
        ConfigNodeKind.Scalar => [Json.ConfigJson.ScalarText(value)],
        _ => [],
    };

    /// <summary>Describes where the value comes from, for reasons.</summary>
    public string Describe() => _literal is not null ? "value" : _field is not null ? "field '" + _field + "'" : "expected";

    /// <summary>Resolves the value for one case.</summary>
    /// <param name="case">The case.</param>
    /// <param name="values">The value(s): one item for a scalar, several for a list.</param>
    /// <param name="error">Why the value is missing, naming the field and the dataset line.</param>
    public bool TryResolve(EvalCase @case, out IReadOnlyList<string> values, out string? error)
    {
        error = null;
        if (_literal is not null)
        {
            values = _literal;
            return true;
        }

        if (_field is null)
        {
            values = @case.Expected is null ? [] : [@case.Expected];
            if (@case.Expected is null)
            {
                error = "the case has no 'expected' value (" + @case.Source + "); give the metric a 'value' or 'field'";
                return false;
            }

            return true;
        }

        if (!JsonFieldPath.TrySelect(@case.Fields, _field, out var matches) || (matches.Count == 1 && matches[0] is null))
        {
            values = [];
            error = "field '" + _field + "' is missing from the case (" + @case.Source + ")";
            return false;
        }

        var list = new List<string>();
        foreach (var match in matches)
        {
            if (match is JsonArray array)
            {
                list.AddRange(array.Select(JsonFieldPath.AsText).OfType<string>());
            }
            else if (JsonFieldPath.AsText(match) is { } text)
            {
                list.Add(text);
            }
        }

        values = list;
        return true;
    }
}
