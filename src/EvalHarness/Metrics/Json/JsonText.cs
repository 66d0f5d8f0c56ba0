using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Metrics.Json;

/// <summary>Parses output text as strict JSON (<c>JSON.parse</c> rules: no comments, no trailing commas, surrounding white space allowed).</summary>
internal static class JsonText
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 1000 };

    /// <summary>Parses <paramref name="text"/>; false with a located reason when it is not one JSON value.</summary>
    public static bool TryParse(string text, out JsonNode? value, out string? problem)
    {
        try
        {
            value = JsonNode.Parse(text, documentOptions: Options);
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = null;
            problem = ex.LineNumber is { } line ? "at line " + (line + 1) + ", byte " + (ex.BytePositionInLine + 1) : "unreadable";
            return false;
        }
    }
}
