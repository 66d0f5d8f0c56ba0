using System.Globalization;
using System.Text.Json.Nodes;

namespace EvalHarness.Datasets;

/// <summary>Evaluates mapping paths (<see cref="Suites.FieldPath"/> syntax) over a dataset row.</summary>
public static class JsonFieldPath
{
    /// <summary>Selects the nodes at <paramref name="path"/>.</summary>
    /// <remarks>A path that is not valid <see cref="Suites.FieldPath"/> syntax selects nothing.</remarks>
    /// <returns>
    /// False when any step is missing (a field absent from an object, an index past the end, an index into a non-array).
    /// A path without <c>[*]</c> yields one node (which may be a JSON null); with <c>[*]</c> every item must have the rest of
    /// the path, and an empty array yields no matches but still exists.
    /// </returns>
    public static bool TrySelect(JsonNode? root, string path, out IReadOnlyList<JsonNode?> matches)
    {
        matches = [];
        if (path.AsSpan().IndexOfAny('.', '[') < 0)
        {
            // A plain field name, the common case, needs no splitting or intermediate lists.
            if (root is not JsonObject single || !single.TryGetPropertyValue(path, out var value))
            {
                return false;
            }

            matches = [value];
            return true;
        }

        var current = new List<JsonNode?> { root };
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var next = new List<JsonNode?>(current.Count);
            foreach (var node in current)
            {
                if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var child))
                {
                    return false;
                }

                next.Add(child);
            }

            current = next;
            var rest = bracket < 0 ? string.Empty : segment[bracket..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 0)
                {
                    // Invalid syntax (see FieldPath.Validate) selects nothing rather than throwing.
                    return false;
                }

                var index = rest[1..close];
                rest = rest[(close + 1)..];
                next = [];
                foreach (var node in current)
                {
                    if (node is not JsonArray array)
                    {
                        return false;
                    }

                    if (index == "*")
                    {
                        next.AddRange(array);
                        continue;
                    }

                    if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= array.Count)
                    {
                        return false;
                    }

                    next.Add(array[i]);
                }

                current = next;
            }
        }

        matches = current;
        return true;
    }

    /// <summary>True when the path contains a wildcard and so selects a list.</summary>
    public static bool IsMulti(string path) => path.Contains("[*]", StringComparison.Ordinal);

    /// <summary>Renders a selected node as text: strings as they are, other values as compact JSON, JSON null as null.</summary>
    public static string? AsText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
