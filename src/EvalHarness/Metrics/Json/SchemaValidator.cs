using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace EvalHarness.Metrics.Json;

/// <summary>A compiled JSON Schema (NJsonSchema: drafts 4 to 7) that validates parsed JSON values.</summary>
internal sealed class SchemaValidator
{
    private readonly JsonSchema _schema;

    private SchemaValidator(JsonSchema schema) => _schema = schema;

    /// <summary>Compiles a schema given as JSON text.</summary>
    /// <param name="json">The schema.</param>
    /// <param name="documentPath">The schema file's path, against which relative file <c>$ref</c>s resolve; null for inline schemas.</param>
    /// <param name="validator">The compiled schema, or null.</param>
    /// <param name="problem">Why the schema does not compile, or null.</param>
    public static bool TryLoad(string json, string? documentPath, out SchemaValidator? validator, out string? problem)
    {
        try
        {
            // Loading is asynchronous only to read referenced files; it runs once per metric at load time, outside any synchronisation context.
            var schema = JsonSchema.FromJsonAsync(json, documentPath, s => new OfflineReferenceResolver(new JsonSchemaAppender(s, new DefaultTypeNameGenerator())))
                .GetAwaiter().GetResult();
            validator = new SchemaValidator(schema);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or IOException)
        {
            validator = null;
            problem = "the JSON Schema does not compile: " + ex.Message;
            return false;
        }
    }

    /// <summary>Validates <paramref name="value"/>; returns the violations as <c>path: kind</c>, empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode? value)
    {
        using var reader = new JsonTextReader(new StringReader(value?.ToJsonString() ?? "null")) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        var errors = _schema.Validate(token);
        var messages = new List<string>(errors.Count);
        foreach (var error in errors)
        {
            messages.Add((string.IsNullOrEmpty(error.Path) ? "#" : error.Path) + ": " + error.Kind);
        }

        messages.Sort(StringComparer.Ordinal);
        return messages;
    }
}
