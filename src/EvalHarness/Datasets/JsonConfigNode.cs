using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>Converts a row's JSON value into the <see cref="ConfigNode"/> tree the metric parser validates, keeping locations.</summary>
/// <remarks>JSON strings become quoted scalars (text even when they look like numbers); numbers and booleans plain scalars.</remarks>
internal static class JsonConfigNode
{
    public static ConfigNode Convert(JsonNode? node, DatasetRow row, SourceLocation parent)
    {
        var location = node is null ? parent : row.Locate(node);
        switch (node)
        {
            case null:
                return ConfigNode.Null(location);
            case JsonObject obj:
                var entries = new List<KeyValuePair<string, ConfigNode>>(obj.Count);
                foreach (var entry in obj)
                {
                    entries.Add(new KeyValuePair<string, ConfigNode>(entry.Key, Convert(entry.Value, row, location)));
                }

                return ConfigNode.FromMapping(entries, location);
            case JsonArray array:
                var items = new List<ConfigNode>(array.Count);
                foreach (var item in array)
                {
                    items.Add(Convert(item, row, location));
                }

                return ConfigNode.FromSequence(items, location);
            default:
                var value = node.AsValue();
                return value.GetValueKind() == JsonValueKind.String
                    ? ConfigNode.FromScalar(value.GetValue<string>(), location, quoted: true)
                    : ConfigNode.FromScalar(value.ToJsonString(), location);
        }
    }
}
