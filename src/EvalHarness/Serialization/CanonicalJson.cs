using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Serialization;

/// <summary>
/// Diff-friendly, deterministic JSON: object keys sorted ordinally, two-space indentation, LF line ends, UTF-8 without BOM,
/// non-ASCII text kept readable, a final newline. Recordings and baselines are written this way so reviews show minimal diffs.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises <paramref name="node"/> canonically, indented, with a final newline.</summary>
    public static string Serialize(JsonNode? node) => Write(node, Indented) + "\n";

    /// <summary>Serialises <paramref name="node"/> canonically on one line (for hashing and JSONL).</summary>
    public static string SerializeCompact(JsonNode? node) => Write(node, Compact);

    /// <summary>The <c>sha256:</c>-prefixed hash of the compact canonical form.</summary>
    public static string Hash(JsonNode? node) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(SerializeCompact(node))));

    private static string Write(JsonNode? node, JsonWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            WriteNode(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Key);
                    WriteNode(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
