using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Metrics.Json;

/// <summary>Reads YAML configuration values (<see cref="ConfigNode"/>) as JSON, typing unquoted scalars as YAML's core schema does.</summary>
internal static class ConfigJson
{
    /// <summary>Converts a node: quoted scalars are strings; unquoted <c>true</c>/<c>false</c> are booleans; unquoted numbers are numbers.</summary>
    public static JsonNode? ToJson(ConfigNode node) => node.Kind switch
    {
        ConfigNodeKind.Null => null,
        ConfigNodeKind.Sequence => new JsonArray(node.Items.Select(ToJson).ToArray()),
        ConfigNodeKind.Mapping => ToObject(node),
        _ => Scalar(node),
    };

    /// <summary>The text a scalar stands for as promptfoo would stringify it: numbers in JavaScript's format, other scalars as written.</summary>
    public static string ScalarText(ConfigNode node) =>
        node.TryGetDouble(out var number) ? Text.JsText.FormatNumber(number) : node.Scalar ?? string.Empty;

    /// <summary>A JSON value as JavaScript's <c>String(value)</c> renders it (objects and arrays as compact JSON).</summary>
    public static string ToJsText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            Text.JsText.FormatNumber(double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => value.ToJsonString(),
    };

    private static JsonObject ToObject(ConfigNode node)
    {
        var result = new JsonObject();
        foreach (var entry in node.Entries)
        {
            result[entry.Key] = ToJson(entry.Value);
        }

        return result;
    }

    private static JsonNode Scalar(ConfigNode node)
    {
        if (node.IsQuoted)
        {
            return JsonValue.Create(node.Scalar!);
        }

        if (node.TryGetBoolean(out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (long.TryParse(node.Scalar, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return node.TryGetDouble(out var number) ? JsonValue.Create(number) : JsonValue.Create(node.Scalar!);
    }
}
