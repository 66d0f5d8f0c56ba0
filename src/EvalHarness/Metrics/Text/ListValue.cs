using System.Text.Json.Nodes;
using EvalHarness.Metrics.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics.Text;

/// <summary>
/// The value of <c>contains-any</c>/<c>contains-all</c>: a list, or one string split on commas as promptfoo splits it
/// (<c>"a, b"</c> is two items; <c>"\"a, b\""</c> is one).
/// </summary>
internal sealed class ListValue
{
    private readonly ComparisonValue _value;
    private readonly IReadOnlyList<string>? _literal;

    /// <exception cref="EvalConfigurationException">A literal string with an unterminated quote.</exception>
    public ListValue(MetricSpec spec)
    {
        _value = ComparisonValue.From(spec);
        if (_value.Literal is { Kind: ConfigNodeKind.Scalar } scalar && !scalar.TryGetDouble(out _))
        {
            if (!CommaSeparatedValues.TrySplit(scalar.Scalar!, out var fields, out var problem))
            {
                throw MetricConfiguration.Invalid(spec, "value", problem!);
            }

            _literal = fields;
        }
    }

    public string Describe() => _value.Describe();

    public bool TryResolve(EvalCase @case, out IReadOnlyList<string> items, out string? error)
    {
        if (_literal is not null)
        {
            items = _literal;
            error = null;
            return true;
        }

        items = [];
        if (!_value.TryResolveJson(@case, out var node, out error))
        {
            return false;
        }

        switch (node)
        {
            case JsonArray array:
                items = array.Select(ConfigJson.ToJsText).ToArray();
                return true;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if (!CommaSeparatedValues.TrySplit(value.GetValue<string>(), out var fields, out var problem))
                {
                    error = "the value from " + _value.Describe() + " is not a valid comma-separated list: " + problem + " (" + @case.Source + ")";
                    return false;
                }

                items = fields;
                return true;
            default:
                items = [ConfigJson.ToJsText(node)];
                return true;
        }
    }
}
