using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Metrics.Json;

/// <summary>Compares JSON values as JavaScript values: numbers by value, strings ordinally, objects by key set, arrays in order.</summary>
internal static class JsonComparison
{
    /// <summary>Node's <c>util.isDeepStrictEqual</c> on two parsed JSON values.</summary>
    public static bool DeepEquals(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, subset: false);

    /// <summary>True when every key of <paramref name="expected"/> objects is in <paramref name="actual"/> with a matching value, recursively; arrays match item by item.</summary>
    public static bool IsSubset(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, subset: true);

    private static bool Compare(JsonNode? expected, JsonNode? actual, bool subset)
    {
        switch (expected)
        {
            case null:
                return actual is null || (actual is JsonValue v && v.GetValueKind() == JsonValueKind.Null);
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject || (!subset && actualObject.Count != expectedObject.Count))
                {
                    return false;
                }

                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var other) || !Compare(value, other, subset))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (!Compare(expectedArray[i], actualArray[i], subset))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return actual is JsonValue actualValue && ValuesEqual((JsonValue)expected, actualValue);
        }
    }

    private static bool ValuesEqual(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        var otherKind = actual.GetValueKind();
        if (kind != otherKind)
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => Number(expected) == Number(actual),
            JsonValueKind.String => string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.Ordinal),
            _ => true,
        };
    }

    // Read the number from its JSON text: works for any backing type, and overflows to infinity as JavaScript does.
    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
